import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ENT_ENDPOINTS } from '../shared/catalog';
import { ENT_RESOURCES } from '../shared/catalog/ent';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';
import { withCompanyLocator } from './companyLocator';
import { searchCompanies } from './companySearch';

const spec: CatalogNodeSpec = { endpoints: ENT_ENDPOINTS, resourceNames: ENT_RESOURCES };

export class CbtEnterprise implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Enterprise',
		name: 'cbtEnterprise',
		icon: { light: 'file:../../icons/enterprise.svg', dark: 'file:../../icons/enterprise.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["resource"] + ": " + $parameter["operation"]}}',
		description: 'Look up Chinese company registration, risk, tax and IP records with the CBT gateway',
		defaults: { name: 'CBT Enterprise' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true }],
		properties: withCompanyLocator(buildProperties(spec)),
	};

	methods = { listSearch: { searchCompanies } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

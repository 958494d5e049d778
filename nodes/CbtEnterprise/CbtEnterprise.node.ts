import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { ENT_ENDPOINTS } from '../shared/catalog';
import { ENT_RESOURCES } from '../shared/catalog/ent';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';
import { withCompanyLocator } from './companyLocator';
import { searchCompanies } from './companySearch';

const spec: CatalogNodeSpec = { endpoints: ENT_ENDPOINTS, resourceNames: ENT_RESOURCES };

export class CbtEnterprise implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Enterprise',
			name: 'cbtEnterprise',
			description: 'Look up Chinese company registration, risk, tax and IP records with the CBT gateway',
			properties: withCompanyLocator(buildProperties(spec)),
		}),
		icon: { light: 'file:../../icons/enterprise.svg', dark: 'file:../../icons/enterprise.dark.svg' },
		subtitle: '={{$parameter["resource"] + ": " + $parameter["operation"]}}',
		usableAsTool: true,
	};

	methods = { listSearch: { searchCompanies } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { GA_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';
import { SM_OPTIONS } from './smOptions';

// The name and ID check is what most workflows start with (a new customer, a new account).
const spec: CatalogNodeSpec = { endpoints: GA_ENDPOINTS, defaultOperation: 'twoFactor', extraOptions: SM_OPTIONS };

export class CbtIdentity implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Identity & Risk',
			name: 'cbtIdentity',
			description: 'Verify identities and check personal risk with the CBT gateway: 公安 name and ID checks (实名二要素), portrait checks (人像核验), marital status (婚姻), litigation (涉诉), fraud risk (反赌反诈) and multiple lending (多头借贷)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/identity.svg', dark: 'file:../../icons/identity.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

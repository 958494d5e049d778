import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { TV1_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: TV1_ENDPOINTS };

export class CbtMarketingRisk implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Marketing Risk',
			name: 'cbtMarketingRisk',
			description: 'Score the marketing fraud risk of a mobile number with the CBT gateway (营销风控)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/marketingRisk.svg', dark: 'file:../../icons/marketingRisk.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

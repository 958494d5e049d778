import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TV1_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: TV1_ENDPOINTS };

export class CbtMarketingRisk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Marketing Risk',
		name: 'cbtMarketingRisk',
		icon: { light: 'file:../../icons/marketingRisk.svg', dark: 'file:../../icons/marketingRisk.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Score the marketing fraud risk of a mobile number with the CBT gateway (营销风控)',
		defaults: { name: 'CBT Marketing Risk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true }],
		properties: buildProperties(spec),
	};


	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

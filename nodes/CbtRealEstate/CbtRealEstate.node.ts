import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { IMP_ENDPOINTS } from '../shared/catalog';
import { resultPathOption, waitProperties } from '../shared/execution/calls/task';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = {
	endpoints: IMP_ENDPOINTS,
	extraProperties: waitProperties(IMP_ENDPOINTS),
	extraOptions: [resultPathOption],
};

export class CbtRealEstate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Real Estate',
		name: 'cbtRealEstate',
		icon: { light: 'file:../../icons/realEstate.svg', dark: 'file:../../icons/realEstate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Look up the real estate registered to a person with the CBT gateway',
		defaults: { name: 'CBT Real Estate' },
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

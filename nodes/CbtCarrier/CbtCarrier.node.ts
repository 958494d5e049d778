import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPT_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: OPT_ENDPOINTS };

export class CbtCarrier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Carrier',
		name: 'cbtCarrier',
		icon: { light: 'file:../../icons/carrier.svg', dark: 'file:../../icons/carrier.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Verify mobile numbers with the CBT gateway: carrier three- and two-factor checks (运营商三要素验证, 运营商二要素验证) and time on network (在网时长)',
		defaults: { name: 'CBT Carrier' },
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

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OPT_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: OPT_ENDPOINTS };

export class CbtCarrier implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Carrier',
			name: 'cbtCarrier',
			description: 'Verify mobile numbers with the CBT gateway: carrier three- and two-factor checks (运营商三要素验证, 运营商二要素验证) and time on network (在网时长)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/carrier.svg', dark: 'file:../../icons/carrier.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

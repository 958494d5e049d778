import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { MISC_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';
import { CUSTOM_REQUEST, CUSTOM_REQUEST_OPTION, CUSTOM_REQUEST_PROPERTIES, executeCustomRequest } from './customRequest';

const spec: CatalogNodeSpec = { endpoints: MISC_ENDPOINTS, extraProperties: CUSTOM_REQUEST_PROPERTIES };

/** The catalog's parameters, with Custom Request added to the operations. */
function properties(): INodeProperties[] {
	return buildProperties(spec).map((property) =>
		property.name === 'operation'
			? {
					...property,
					// The node's main use: reaching any endpoint, so it is what a new node starts with.
					default: CUSTOM_REQUEST,
					options: [...(property.options ?? []), CUSTOM_REQUEST_OPTION].sort((a, b) => a.name.localeCompare(b.name)),
				}
			: property,
	);
}

export class CbtGateway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Gateway',
		name: 'cbtGateway',
		icon: { light: 'file:../../icons/gateway.svg', dark: 'file:../../icons/gateway.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Send a signed custom request to any CBT gateway path, or call the gateway’s uncategorised endpoints (未命名接口, 拾点)',
		defaults: { name: 'CBT Gateway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true }],
		properties: properties(),
	};


	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0) === CUSTOM_REQUEST) return await executeCustomRequest(this);
		return await executeCatalogNode(this, spec);
	}
}

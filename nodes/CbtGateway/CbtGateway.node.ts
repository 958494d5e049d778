import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { MISC_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';
import { CUSTOM_REQUEST, CUSTOM_REQUEST_OPTION, CUSTOM_REQUEST_PROPERTIES, customRequest } from './customRequest';

const spec: CatalogNodeSpec = { endpoints: MISC_ENDPOINTS, extraProperties: CUSTOM_REQUEST_PROPERTIES, ownOperations: { [CUSTOM_REQUEST]: customRequest } };

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
		...catalogNodeDescription({
			displayName: 'CBT Gateway',
			name: 'cbtGateway',
			description: 'Send a signed custom request to any CBT gateway path, or call the gateway’s uncategorised endpoints (未命名接口, 拾点)',
			properties: properties(),
		}),
		icon: { light: 'file:../../icons/gateway.svg', dark: 'file:../../icons/gateway.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

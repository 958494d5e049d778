import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { RPA_TAX_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';
import { executeGetResultOnce, GET_RESULT_ONCE, getResultOnceOperation, getResultOnceProperties } from './getResultOnce';

const spec: CatalogNodeSpec = {
	endpoints: RPA_TAX_ENDPOINTS,
	extraProperties: [
		{
			displayName:
				'To start a workflow when the collection ends, add a CBT Trigger to that workflow, activate it and paste its Production URL into Callback URL',
			name: 'callbackNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { operation: ['orderPush'] } },
		},
	],
};

/**
 * The catalog's properties plus Get Result Once, an operation of this node only (it takes CBT
 * Trigger's items, not a catalog endpoint's fields): its option joins the operation list, the
 * catalog's Options collection is hidden for it, and it has its own.
 */
function properties(): INodeProperties[] {
	const catalog = buildProperties(spec).map((property) => {
		if (property.name === 'operation' && property.type === 'options') {
			const options = [...(property.options ?? []), getResultOnceOperation].sort((a, b) => a.name.localeCompare(b.name));
			return { ...property, options };
		}
		if (property.name === 'options' && property.type === 'collection') {
			return { ...property, displayOptions: { ...property.displayOptions, hide: { ...property.displayOptions?.hide, operation: [GET_RESULT_ONCE] } } };
		}
		return property;
	});
	const optionsAt = catalog.findIndex((property) => property.name === 'options');
	return [...catalog.slice(0, optionsAt), ...getResultOnceProperties, ...catalog.slice(optionsAt)];
}

export class CbtTaxData implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Tax Data',
			name: 'cbtTaxData',
			description: 'Collect a company’s tax records, invoices and statements from the tax bureau with the CBT gateway',
			properties: properties(),
		}),
		icon: { light: 'file:../../icons/taxData.svg', dark: 'file:../../icons/taxData.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0) === GET_RESULT_ONCE) return await executeGetResultOnce(this);
		return await executeCatalogNode(this, spec);
	}
}

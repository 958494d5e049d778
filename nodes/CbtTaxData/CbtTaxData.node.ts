import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RPA_TAX_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execute';

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

export class CbtTaxData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Tax Data',
		name: 'cbtTaxData',
		icon: { light: 'file:../../icons/cbt.svg', dark: 'file:../../icons/cbt.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Collect a company’s tax records, invoices and statements from the tax bureau with the CBT gateway',
		defaults: { name: 'CBT Tax Data' },
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

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OCR_ENDPOINTS } from '../shared/catalog';
import { cbtApiTest } from '../shared/credentialTest';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execute';

const spec: CatalogNodeSpec = { endpoints: OCR_ENDPOINTS };

export class CbtOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT OCR',
		name: 'cbtOcr',
		icon: { light: 'file:../../icons/cbt.svg', dark: 'file:../../icons/cbt.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Read invoices, ID cards, bank cards and business licenses with the CBT gateway',
		defaults: { name: 'CBT OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true, testedBy: 'cbtApiTest' }],
		properties: buildProperties(spec),
	};

	methods = { credentialTest: { cbtApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

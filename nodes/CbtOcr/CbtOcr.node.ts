import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OCR_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode, type ShapeOutput } from '../shared/execution/executor';
import { imageLimits } from '../shared/fields/image';
import { precheckImage, withImageSources } from '../shared/fields/imageSource';
import { LINE_ITEMS, OUTPUT_FORMAT, ocrOptions, outputProperties } from './properties';
import { simplify, type LineItemMode } from './simplify';

const IMAGE_PARAMETER = 'binaryPropertyName';

const spec: CatalogNodeSpec = { endpoints: OCR_ENDPOINTS, extraProperties: outputProperties, extraOptions: ocrOptions };

function shapeFor(context: IExecuteFunctions): ShapeOutput {
	return (records, { endpoint, itemIndex }) => {
		if (context.getNodeParameter(OUTPUT_FORMAT, itemIndex, 'simplified') === 'raw') return records;
		const lineItems = context.getNodeParameter(LINE_ITEMS, itemIndex, 'list') as LineItemMode;
		return records.flatMap((record: IDataObject) => simplify(endpoint.operation, record, lineItems));
	};
}

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
		credentials: [{ name: 'cbtApi', required: true }],
		properties: withImageSources(buildProperties(spec), IMAGE_PARAMETER),
	};


	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Without "continue on fail" a malformed URL or bad base64 in a late item would stop the run
		// after the earlier items were paid for; these checks cost nothing, so they run for all items first.
		if (!this.continueOnFail()) {
			const count = this.getInputData().length;
			for (let itemIndex = 0; itemIndex < count; itemIndex++) {
				precheckImage(this, itemIndex, IMAGE_PARAMETER, imageLimits(this, itemIndex));
			}
		}
		return await executeCatalogNode(this, spec, shapeFor(this));
	}
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OCR_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode, type ShapeOutput } from '../shared/execution/executor';
import { imageLimits } from '../shared/fields/image';
import { IMAGE_SOURCE_PARAMETERS, precheckImage, withImageSources } from '../shared/fields/imageSource';
import { LINE_ITEMS, OUTPUT_FORMAT, ocrOptions, outputProperties } from './properties';
import { simplify, type InvoiceSource, type LineItemMode } from './simplify';

const IMAGE_PARAMETER = 'binaryPropertyName';

const spec: CatalogNodeSpec = { endpoints: OCR_ENDPOINTS, extraProperties: outputProperties, extraOptions: ocrOptions };

/** The last segment of a URL's path, decoded ("…/inv/0042.png?token=…" gives "0042.png"). */
function lastSegment(text: string): string | undefined {
	try {
		const segment = new URL(text.trim()).pathname.split('/').filter(Boolean).pop();
		return segment ? decodeURIComponent(segment) : undefined;
	} catch {
		return undefined;
	}
}

/** The name of the item's image: its binary file's name, or the URL's last segment; none for base64 text. */
function imageFileName(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const source = context.getNodeParameter(IMAGE_SOURCE_PARAMETERS.source.name, itemIndex, 'binary');
	if (source === 'base64') return undefined;
	if (source === 'url') return lastSegment(String(context.getNodeParameter(IMAGE_SOURCE_PARAMETERS.url.name, itemIndex, '') ?? ''));
	const field = String(context.getNodeParameter(IMAGE_PARAMETER, itemIndex, 'data') ?? '').trim();
	const fileName = context.getInputData()[itemIndex]?.binary?.[field]?.fileName;
	return fileName || undefined;
}

function shapeFor(context: IExecuteFunctions): ShapeOutput {
	return (records, { endpoint, itemIndex }) => {
		if (context.getNodeParameter(OUTPUT_FORMAT, itemIndex, 'simplified') === 'raw') return records;
		const lineItems = context.getNodeParameter(LINE_ITEMS, itemIndex, 'list') as LineItemMode;
		const source: InvoiceSource = endpoint.operation === 'invoice' ? { fileName: imageFileName(context, itemIndex) } : {};
		return records.flatMap((record: IDataObject) => simplify(endpoint.operation, record, lineItems, new Date(), source));
	};
}

export class CbtOcr implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT OCR',
			name: 'cbtOcr',
			description: 'Read invoices, ID cards, bank cards and business licenses with the CBT gateway',
			properties: withImageSources(buildProperties(spec), IMAGE_PARAMETER),
		}),
		icon: { light: 'file:../../icons/ocr.svg', dark: 'file:../../icons/ocr.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
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

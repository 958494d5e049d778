import type { INodeProperties } from 'n8n-workflow';

import { ID_CARD_SIDES } from '../shared/catalog/ocr';

export const OUTPUT_FORMAT = 'outputFormat';
export const LINE_ITEMS = 'lineItems';

/** Parameters of the OCR node beyond the catalog's: how the answer is shaped. */
export const outputProperties: INodeProperties[] = [
	{
		displayName: 'Output Format',
		name: OUTPUT_FORMAT,
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'English field names, amounts and rates as numbers, dates as YYYY-MM-DD, empty values as null',
			},
			{ name: 'Raw', value: 'raw', description: 'The data exactly as the gateway returned it' },
		],
	},
	{
		displayName: 'Line Items',
		name: LINE_ITEMS,
		type: 'options',
		default: 'list',
		displayOptions: { show: { operation: ['invoice'], [OUTPUT_FORMAT]: ['simplified'] } },
		options: [
			{ name: 'Keep as a List', value: 'list', description: 'One item per invoice, with its line items under "lineItems"' },
			{
				name: 'One Item per Line Item',
				value: 'split',
				description: 'For a line-item sheet: each line with the invoice number, date, seller and buyer repeated',
			},
			{ name: 'Leave Out', value: 'omit', description: 'One item per invoice, with only the number of line items' },
		],
	},
];

export const ocrOptions: INodeProperties[] = [
	{
		displayName: 'Allow PDF',
		name: 'allowPdf',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': ['invoice'] } },
		description:
			'Whether to accept PDF invoices as well as images. Unconfirmed: the gateway documents images only, so a PDF may be refused (and billed).',
	},
	{
		displayName: 'ID Card Side',
		name: 'idCardSide',
		type: 'options',
		default: 'front',
		displayOptions: { show: { '/operation': ['idCard'] } },
		options: ID_CARD_SIDES.map((side) => ({ name: side === 'front' ? 'Front (Photo)' : 'Back (Issuing Authority)', value: side })),
		description: 'Which side of the card the image shows, sent to the gateway as "side". Without it the gateway decides.',
	},
];

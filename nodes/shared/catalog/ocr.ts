import type { Endpoint } from './types';

const image = { key: 'image', kind: 'image', parameter: 'binaryPropertyName' } as const;

/** The ID card's side travels as `side` ("front" / "back"), and only when the user picked one. Assumed, like the path. */
export const ID_CARD_SIDE_KEY = 'side';
export const ID_CARD_SIDES = ['front', 'back'] as const;

export const OCR_ENDPOINTS: Endpoint[] = [
	{
		category: 'OCR',
		operation: 'invoice',
		name: 'Invoice',
		chineseName: '发票OCR',
		action: 'Read an invoice image',
		method: 'POST',
		path: '/apis/tt/gw/ocr/v1/invoice',
		pathConfirmed: true,
		fields: [image],
		output: { kind: 'object' },
		// The seller's and buyer's bank account numbers and phone numbers.
		outputHoldsPersonalData: true,
	},
	{
		category: 'OCR',
		operation: 'idCard',
		name: 'ID Card',
		chineseName: '身份证OCR',
		action: 'Read an ID card image',
		method: 'POST',
		path: '/apis/tt/gw/ocr/v1/idcard',
		pathConfirmed: false,
		fields: [image],
		output: { kind: 'object' },
		// The holder's ID number.
		outputHoldsPersonalData: true,
		transformBody: (body, options) => {
			const side = options.idCardSide;
			return typeof side === 'string' && (ID_CARD_SIDES as readonly string[]).includes(side) ? { ...body, [ID_CARD_SIDE_KEY]: side } : body;
		},
	},
	{
		category: 'OCR',
		operation: 'bankCard',
		name: 'Bank Card',
		chineseName: '银行卡OCR',
		action: 'Read a bank card image',
		method: 'POST',
		path: '/apis/tt/gw/ocr/v1/bankcard',
		pathConfirmed: false,
		fields: [image],
		output: { kind: 'object' },
		// The card number.
		outputHoldsPersonalData: true,
	},
	{
		category: 'OCR',
		operation: 'businessLicense',
		name: 'Business License',
		chineseName: '营业执照OCR',
		action: 'Read a business license image',
		method: 'POST',
		path: '/apis/tt/gw/ocr/v1/license',
		pathConfirmed: false,
		fields: [image],
		output: { kind: 'object' },
	},
];

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
		returns: 'Returns the invoice’s number, date, seller, buyer, amounts and line items (the gateway documents this answer)',
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
		returns: 'Returns the name, sex, ethnicity, birth date, address and ID number (front), or the issuing authority and validity (back)',
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
		returns: 'Returns the card number, bank name, card type and expiry date',
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
		returns: 'Returns the credit code, name, type, legal representative, capital, dates, address and business scope',
		method: 'POST',
		path: '/apis/tt/gw/ocr/v1/license',
		pathConfirmed: false,
		fields: [image],
		output: { kind: 'object' },
	},
];

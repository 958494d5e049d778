import type { Endpoint, FieldSpec } from './types';

/*
 * Tax reports on a company. Paths follow the chosen pattern; the body key is assumed and can be
 * added to or overridden with Extra Body Fields (for example a report period).
 */
const creditCode: FieldSpec = { key: 'credit_code', kind: 'creditCode', parameter: 'creditCode' };

export const TAX_ENDPOINTS: Endpoint[] = [
	{
		category: 'TAX',
		operation: 'taxReport',
		name: 'Tax Payment Report',
		chineseName: '企业纳税报告',
		action: 'Get a company’s tax payment report',
		returns: 'Returns the company’s tax payment report: taxes paid by year and type, and tax credit',
		method: 'POST',
		path: '/apis/tt/gw/tax/v1/taxreport',
		pathConfirmed: false,
		// Body key assumed: credit_code.
		fields: [creditCode],
		output: { kind: 'object' },
	},
	{
		category: 'TAX',
		operation: 'invoiceReport',
		name: 'Invoicing Report',
		chineseName: '企业开票报告',
		action: 'Get a company’s invoicing report',
		returns: 'Returns the company’s invoicing report: invoices issued and received by period, amounts and main customers and suppliers',
		method: 'POST',
		path: '/apis/tt/gw/tax/v1/invoicereport',
		pathConfirmed: false,
		// Body key assumed: credit_code.
		fields: [creditCode],
		output: { kind: 'object' },
	},
];

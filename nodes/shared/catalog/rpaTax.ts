import type { Endpoint, FieldSpec } from './types';

/**
 * RPA tax data. Push Order starts an authorised collection from the tax bureau; when it is done the
 * gateway sends a notification (异步通知, received by the CBT Trigger node, so not an operation
 * here) and every other operation reads the collected data by order ID. Before that they answer
 * "still processing". Body keys are our choice: the gateway documents only the names.
 */
const orderId: FieldSpec = {
	key: 'order_id',
	kind: 'text',
	parameter: 'orderId',
	displayName: 'Order ID',
	description: 'The order ID returned by Push Order (also in the CBT Trigger’s notification)',
};

const invoiceDates: FieldSpec[] = [
	{
		key: 'start_date',
		kind: 'date',
		parameter: 'startDate',
		displayName: 'Invoice Date From',
		description: 'Optional: first invoice date to include, as YYYY-MM-DD',
		required: false,
	},
	{
		key: 'end_date',
		kind: 'date',
		parameter: 'endDate',
		displayName: 'Invoice Date To',
		description: 'Optional: last invoice date to include, as YYYY-MM-DD',
		required: false,
	},
];

const LIST = { kind: 'list', itemsKey: 'items' } as const;
const OBJECT = { kind: 'object' } as const;

function read(
	operation: string,
	name: string,
	chineseName: string,
	action: string,
	returns: string,
	output: Endpoint['output'],
	fields: FieldSpec[] = [orderId],
): Endpoint {
	return {
		category: 'RPA_TAX',
		operation,
		name,
		chineseName,
		action,
		returns,
		method: 'POST',
		path: `/apis/tt/gw/rpa_tax/v1/${operation.toLowerCase()}`,
		pathConfirmed: false,
		fields,
		output,
	};
}

export const RPA_TAX_ENDPOINTS: Endpoint[] = [
	read(
		'orderPush',
		'Push Order',
		'企业订单推送',
		'Start a tax data collection',
		'Returns the order ID of the collection; the data follows when the gateway’s notification says the order is done',
		OBJECT,
		[
			{ key: 'credit_code', kind: 'creditCode', parameter: 'creditCode', displayName: 'Taxpayer Credit Code' },
			{
				key: 'company_name',
				kind: 'text',
				parameter: 'companyName',
				displayName: 'Company Name',
				description: 'Optional: the taxpayer’s registered name, checked by the gateway against the credit code',
				required: false,
			},
			{
				key: 'callback_url',
				kind: 'text',
				parameter: 'callbackUrl',
				displayName: 'Callback URL',
				description:
					'Where the gateway sends the notification when the collection ends. To link a CBT Trigger, paste its Production URL here. Empty: the notification URL set for your App Key at the gateway, if any.',
				required: false,
			},
		],
	),
	read(
		'companyBasics', 'Company Basics', '企业基本信息', 'Get the tax registration of a company',
		'Returns the company’s tax registration: taxpayer name, credit code, tax office, taxpayer type and status',
		OBJECT,
	),
	read(
		'companyChanges', 'Company Changes', '企业变更信息', 'Get the tax registration changes of a company',
		'Returns one item per tax registration change: date, what changed, before and after',
		LIST,
	),
	read(
		'filings', 'Tax Filings', '企业申报信息', 'Get the tax returns a company filed',
		'Returns one item per tax return filed: tax type, period, amount and filing date',
		LIST,
	),
	read(
		'levies', 'Tax Payments', '企业征收信息', 'Get the taxes levied on a company',
		'Returns one item per tax paid: tax type, period, amount and payment date',
		LIST,
	),
	read(
		'arrears', 'Tax Arrears', '企业欠税信息', 'Get the overdue taxes of a company',
		'Returns one item per overdue tax: tax type, period and amount',
		LIST,
	),
	read(
		'salesInvoices', 'Sales Invoices', '企业销项发票', 'Get the invoices a company issued',
		'Returns one item per invoice the company issued: number, date, buyer, amount, tax and status',
		LIST,
		[orderId, ...invoiceDates],
	),
	read(
		'purchaseInvoices', 'Purchase Invoices', '企业进项发票', 'Get the invoices a company received',
		'Returns one item per invoice the company received: number, date, seller, amount, tax and status',
		LIST,
		[orderId, ...invoiceDates],
	),
	read(
		'balanceSheet', 'Balance Sheet', '企业资产负债表', 'Get the balance sheet of a company',
		'Returns the balance sheet: assets, liabilities and equity by period',
		OBJECT,
	),
	read(
		'incomeStatement', 'Income Statement', '企业利润表', 'Get the income statement of a company',
		'Returns the income statement: revenue, costs and profit by period',
		OBJECT,
	),
	read(
		'bankTaxAuthorisations', 'Bank-Tax Authorisations', '银税互动授权记录查询', 'Get the bank-tax authorisation records of a company',
		'Returns one item per bank-tax authorisation: bank, product and dates',
		LIST,
	),
	read(
		'taxMerge', 'Tax Merge', '税务合并', 'Get the merged tax report of an order',
		'Returns the order’s collected tax data merged into one report',
		OBJECT,
	),
	read(
		'invoiceMerge', 'Invoice Merge', '发票合并', 'Get the merged invoice summary of an order',
		'Returns the order’s sales and purchase invoices summarised in one report',
		OBJECT,
	),
];

/** Operations whose answer is one record: the ones the CBT Trigger can fetch when an order completes. */
export const RPA_TAX_RESULT_OPERATIONS = RPA_TAX_ENDPOINTS.filter(
	(endpoint) => endpoint.operation !== 'orderPush' && endpoint.output.kind === 'object',
);

/**
 * 异步通知: the gateway's asynchronous notification when a collection ends. It is a request the
 * gateway sends to the user's webhook, so it is an entry for CBT Trigger, not an operation. Its
 * format is our assumption (see the README); the path is wherever the user's trigger listens.
 */
export const RPA_TAX_NOTIFICATIONS: Endpoint[] = [
	{
		category: 'RPA_TAX',
		operation: 'notification',
		name: 'Notification',
		chineseName: '异步通知',
		action: 'Receive the notification that a tax data collection ended',
		method: 'POST',
		path: '(your CBT Trigger webhook URL)',
		pathConfirmed: false,
		fields: [],
		output: { kind: 'notification' },
	},
];

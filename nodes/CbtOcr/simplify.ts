import type { IDataObject } from 'n8n-workflow';

import {
	cleanText,
	digitsOnly,
	parseAmount,
	parseCapital,
	parseDate,
	parsePeriod,
	parseRate,
	parseYearMonth,
	toHalfWidth,
} from './normalise';
import { checkInvoice } from './invoiceChecks';

type Value = IDataObject[string];

/** One rule: the raw keys it reads (the first present wins) and the output fields it makes. */
interface Rule {
	from: readonly string[];
	to: (value: unknown, record: IDataObject) => IDataObject;
}

const field =
	(out: string, from: readonly string[], as: (value: unknown) => unknown): Rule =>
	({ from, to: (value) => ({ [out]: as(value) as Value }) });

/** Codes and tax IDs: half-width, no spaces, upper case (a lower-case x in an ID number is an X). */
function codeText(value: unknown): string | null {
	const text = cleanText(value);
	return text === null ? null : toHalfWidth(text).replace(/\s+/g, '').toUpperCase() || null;
}

const period = (prefix: string, from: readonly string[]): Rule => ({
	from,
	to: (value) => {
		const { from: start, to: end, longTerm } = parsePeriod(value);
		return { [`${prefix}From`]: start, [`${prefix}To`]: end, [`${prefix}LongTerm`]: longTerm };
	},
});

/**
 * Applies the rules in order. Raw keys no rule knows are kept under `otherFields`, so that a
 * gateway answer with other key names than ours still shows its data instead of a row of nulls.
 */
function applyRules(rules: readonly Rule[], raw: IDataObject, skip: readonly string[] = []): IDataObject {
	const output: IDataObject = {};
	const used = new Set<string>(skip);
	for (const rule of rules) {
		const key = rule.from.find((candidate) => raw[candidate] !== undefined);
		if (key) used.add(key);
		Object.assign(output, rule.to(key === undefined ? undefined : raw[key], raw));
	}
	const other = Object.fromEntries(Object.entries(raw).filter(([key]) => !used.has(key)));
	if (Object.keys(other).length > 0) output.otherFields = other;
	return output;
}

// ---- Invoice type: 专票 / 普票 / 全电, which decides whether the input VAT can be deducted. ----

/** The simplified output's `invoiceType`: a stable identifier beside the Chinese text in `invoiceTypeName`. */
export type InvoiceType = 'special' | 'ordinary' | 'fullyDigital' | 'other';

/**
 * The gateway's documented invoice answer has no type field, and no sample shows one: these keys are
 * guesses at it (the first is the common one in comparable invoice OCR APIs).
 */
export const INVOICE_TYPE_KEYS = ['invoiceType', 'invoice_type', 'invoiceTypeName', 'invoiceTypeOrg', 'type'] as const;

/** Chinese names for a type the invoice's numbering shows but the answer does not name. */
const INVOICE_TYPE_NAMES: Record<Exclude<InvoiceType, 'other'>, string> = {
	special: '增值税专用发票',
	ordinary: '增值税普通发票',
	fullyDigital: '全电发票',
};

/**
 * Reads the type from its text. 全电 / 数电 invoices are officially 电子发票（增值税专用发票） or
 * 电子发票（普通发票）, so that prefix is tested before 专用 and 普通; 增值税电子专用发票 (the 2020
 * electronic special invoice, not a fully digital one) is a special invoice.
 */
export function invoiceTypeOf(text: string): InvoiceType {
	const value = toHalfWidth(text).replace(/\s+/g, '');
	if (/全电|数电|全面数字化|^电子发票[(（]/.test(value) || /digital/i.test(value)) return 'fullyDigital';
	if (/专用|专票/.test(value) || /special/i.test(value)) return 'special';
	if (/普通|普票/.test(value) || /ordinary|general|normal/i.test(value)) return 'ordinary';
	return 'other';
}

const invoiceTypeRule: Rule = {
	from: INVOICE_TYPE_KEYS,
	to: (value, record) => {
		const text = cleanText(value);
		if (text !== null) return { invoiceType: invoiceTypeOf(text), invoiceTypeName: text };
		// No type in the answer: a 20-digit number without an invoice code is a fully digital invoice (the
		// numbering rule of 全电 invoices). Special and ordinary paper invoices cannot be told apart this way.
		const fullyDigital = /^\d{20}$/.test(codeText(record.invoiceNo) ?? '') && codeText(record.invoiceCode) === null;
		return fullyDigital
			? { invoiceType: 'fullyDigital', invoiceTypeName: INVOICE_TYPE_NAMES.fullyDigital }
			: { invoiceType: null, invoiceTypeName: null };
	},
};

// ---- Invoice (发票OCR). payee* is the seller (销售方), payer* the buyer (购买方). ----

const INVOICE_RULES: readonly Rule[] = [
	field('invoiceCode', ['invoiceCode'], codeText),
	field('invoiceNumber', ['invoiceNo'], codeText),
	field('invoiceDate', ['invoiceDate'], parseDate),
	invoiceTypeRule,
	field('checkCode', ['antiFakeCode'], codeText),
	field('sellerName', ['payeeName'], cleanText),
	field('sellerTaxId', ['payeeRegisterNo'], codeText),
	field('sellerAddressPhone', ['payeeAddress'], cleanText),
	field('sellerBankAccount', ['payeeBankName'], cleanText),
	field('buyerName', ['payerName'], cleanText),
	field('buyerTaxId', ['payerRegisterNo'], codeText),
	field('buyerAddressPhone', ['payerAddress'], cleanText),
	field('buyerBankAccount', ['payerBankName'], cleanText),
	field('amountWithoutTax', ['withoutTaxAmount'], parseAmount),
	field('taxAmount', ['taxAmount'], parseAmount),
	field('totalAmount', ['invoiceAmount'], parseAmount),
	// 收款人, 复核 and 开票人 are people who signed the invoice, not parties to it.
	field('payee', ['payee'], cleanText),
	field('reviewer', ['checker'], cleanText),
	field('issuer', ['clerk'], cleanText),
	field('remark', ['remark'], cleanText),
	field('cipherText', ['invoiceSecret'], cleanText),
];

const LINE_ITEMS_KEY = 'itemName';

const LINE_RULES: readonly Rule[] = [
	field('itemName', ['service_name', 'serviceName'], cleanText),
	field('model', ['model'], cleanText),
	field('unit', ['unit'], cleanText),
	field('quantity', ['quantity'], parseAmount),
	field('unitPrice', ['unit_price', 'unitPrice'], parseAmount),
	field('amount', ['amount'], parseAmount),
	field('taxRate', ['rate', 'taxRate', 'tax_rate'], parseRate),
	field('taxAmount', ['tax_amount', 'taxAmount'], parseAmount),
];

/** The invoice fields repeated on every row of a line-item sheet; totals are left out so that sums stay right. */
export const INVOICE_KEY_FIELDS = [
	'invoiceCode',
	'invoiceNumber',
	'invoiceDate',
	'invoiceType',
	'invoiceTypeName',
	'sellerName',
	'sellerTaxId',
	'buyerName',
	'buyerTaxId',
] as const;

/** Where the image came from, for tracing a row back to it. */
export interface InvoiceSource {
	/** The file's name (binary field) or the URL's last segment; absent for base64 text. */
	fileName?: string;
}

export type LineItemMode = 'list' | 'split' | 'omit';

function rawLinesOf(raw: IDataObject): IDataObject[] {
	const list = raw[LINE_ITEMS_KEY];
	if (!Array.isArray(list)) return [];
	return list.map((line) => (typeof line === 'object' && line !== null ? (line as IDataObject) : {}));
}

/**
 * The invoice's columns, then its line items (per `mode`), then `checks` (invoiceChecks.ts): whether
 * the amounts add up, the lines add up to the totals, the date is not in the future and the buyer's
 * tax ID is a valid credit code. In a line-item sheet every line carries its invoice's checks.
 */
export function simplifyInvoice(raw: IDataObject, mode: LineItemMode, now: Date = new Date(), source: InvoiceSource = {}): IDataObject[] {
	// The file name comes first, so that a spreadsheet row starts with the image it was read from.
	const invoice: IDataObject = { ...(source.fileName ? { fileName: source.fileName } : {}), ...applyRules(INVOICE_RULES, raw, [LINE_ITEMS_KEY]) };
	const rawLines = rawLinesOf(raw);
	const lines = rawLines.map((line) => applyRules(LINE_RULES, line));
	const checks = checkInvoice(invoice, lines, rawLines, now) as unknown as IDataObject;
	if (mode === 'split') {
		const keys = { ...(source.fileName ? { fileName: source.fileName } : {}), ...Object.fromEntries(INVOICE_KEY_FIELDS.map((key) => [key, invoice[key]])) };
		if (lines.length === 0) {
			// An invoice whose lines could not be read still gets its row, so it is not lost from the sheet.
			const empty = Object.fromEntries(LINE_RULES.map((rule) => Object.keys(rule.to(undefined, {}))).flat().map((key) => [key, null]));
			return [{ ...keys, lineNumber: null, ...empty, checks }];
		}
		return lines.map((line, index) => ({ ...keys, lineNumber: index + 1, ...line, checks: { ...checks } }));
	}
	invoice.lineItemCount = lines.length;
	if (mode === 'list') invoice.lineItems = lines;
	invoice.checks = checks;
	return [invoice];
}

// ---- ID card (身份证OCR). Key names other than the first in each list are guesses at the gateway's. ----

const SIDES: Record<string, 'front' | 'back'> = { front: 'front', back: 'back', 正面: 'front', 反面: 'back', 人像面: 'front', 国徽面: 'back' };

const ID_CARD_RULES: readonly Rule[] = [
	{
		from: ['side', 'cardSide'],
		to: (value, record) => {
			const named = typeof value === 'string' ? SIDES[value.trim().toLowerCase()] ?? SIDES[value.trim()] : undefined;
			const inferred = record.idNumber || record.name ? 'front' : record.issueAuthority ? 'back' : null;
			return { side: named ?? inferred };
		},
	},
	field('name', ['name'], cleanText),
	field('sex', ['sex', 'gender'], cleanText),
	field('ethnicity', ['nation', 'ethnicity'], cleanText),
	field('birthDate', ['birth', 'birthDate', 'birthday'], parseDate),
	field('address', ['address'], cleanText),
	field('idNumber', ['idNumber', 'idCardNumber', 'id_number', 'cardNo'], codeText),
	field('issuingAuthority', ['issueAuthority', 'issuingAuthority', 'authority'], cleanText),
	period('valid', ['validPeriod', 'validDate', 'valid_date']),
];

// ---- Bank card (银行卡OCR) ----

const CARD_KINDS: Record<string, string> = {
	借记卡: 'debit',
	储蓄卡: 'debit',
	贷记卡: 'credit',
	信用卡: 'credit',
	准贷记卡: 'semiCredit',
	预付费卡: 'prepaid',
};

const BANK_CARD_RULES: readonly Rule[] = [
	field('cardNumber', ['cardNumber', 'bankCardNumber', 'card_number'], digitsOnly),
	field('bankName', ['bankName', 'bank_name'], cleanText),
	{
		from: ['cardType', 'card_type'],
		to: (value) => {
			const type = cleanText(value);
			return { cardType: type, cardKind: type === null ? null : (CARD_KINDS[type] ?? null) };
		},
	},
	field('validThru', ['validDate', 'valid_date', 'validThru'], parseYearMonth),
];

// ---- Business licence (营业执照OCR) ----

const LICENSE_RULES: readonly Rule[] = [
	field('creditCode', ['creditCode', 'credit_code', 'unifiedSocialCreditCode'], codeText),
	field('companyName', ['companyName', 'name'], cleanText),
	field('companyType', ['type', 'companyType'], cleanText),
	field('legalRepresentative', ['legalRepresentative', 'legalPerson'], cleanText),
	{
		from: ['registeredCapital', 'capital'],
		to: (value) => {
			const capital = parseCapital(value);
			return {
				registeredCapital: cleanText(value),
				registeredCapitalAmount: capital?.amount ?? null,
				registeredCapitalCurrency: capital?.currency ?? null,
			};
		},
	},
	field('establishDate', ['establishDate', 'foundDate'], parseDate),
	period('valid', ['validPeriod', 'businessTerm']),
	field('address', ['address'], cleanText),
	field('businessScope', ['businessScope', 'scope'], cleanText),
];

const RULES_BY_OPERATION: Record<string, readonly Rule[]> = {
	idCard: ID_CARD_RULES,
	bankCard: BANK_CARD_RULES,
	businessLicense: LICENSE_RULES,
};

/** The spreadsheet-ready form of one OCR answer: one record, or one per line item for invoices in split mode. */
export function simplify(
	operation: string,
	raw: IDataObject,
	lineItems: LineItemMode = 'list',
	now: Date = new Date(),
	source: InvoiceSource = {},
): IDataObject[] {
	if (operation === 'invoice') return simplifyInvoice(raw, lineItems, now, source);
	const rules = RULES_BY_OPERATION[operation];
	return rules ? [applyRules(rules, raw)] : [raw];
}

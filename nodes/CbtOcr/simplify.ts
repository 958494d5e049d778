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

// ---- Invoice (发票OCR). payee* is the seller (销售方), payer* the buyer (购买方). ----

const INVOICE_RULES: readonly Rule[] = [
	field('invoiceCode', ['invoiceCode'], codeText),
	field('invoiceNumber', ['invoiceNo'], codeText),
	field('invoiceDate', ['invoiceDate'], parseDate),
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
export const INVOICE_KEY_FIELDS = ['invoiceCode', 'invoiceNumber', 'invoiceDate', 'sellerName', 'sellerTaxId', 'buyerName', 'buyerTaxId'] as const;

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
export function simplifyInvoice(raw: IDataObject, mode: LineItemMode, now: Date = new Date()): IDataObject[] {
	const invoice = applyRules(INVOICE_RULES, raw, [LINE_ITEMS_KEY]);
	const rawLines = rawLinesOf(raw);
	const lines = rawLines.map((line) => applyRules(LINE_RULES, line));
	const checks = checkInvoice(invoice, lines, rawLines, now) as unknown as IDataObject;
	if (mode === 'split') {
		const keys = Object.fromEntries(INVOICE_KEY_FIELDS.map((key) => [key, invoice[key]]));
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
export function simplify(operation: string, raw: IDataObject, lineItems: LineItemMode = 'list', now: Date = new Date()): IDataObject[] {
	if (operation === 'invoice') return simplifyInvoice(raw, lineItems, now);
	const rules = RULES_BY_OPERATION[operation];
	return rules ? [applyRules(rules, raw)] : [raw];
}

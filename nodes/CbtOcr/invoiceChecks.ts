import type { IDataObject } from 'n8n-workflow';

import { creditCodeRule } from '../shared/fields/creditCode';
import { chinaToday } from '../shared/fields/rules/calendar';
import { cleanText, toHalfWidth } from './normalise';

/**
 * Arithmetic and sanity checks on a simplified invoice. Each is true (holds), false (does not hold:
 * a misread, or an invoice to look at) or null (not enough data to tell). A false check is a flag on
 * the item for a person or an IF node, never an error: the invoice was read and billed either way.
 */
export interface InvoiceChecks {
	/** 合计金额 + 合计税额 = 价税合计, to the cent. */
	amountsAddUp: boolean | null;
	/** The lines' amounts add up to 合计金额 and their taxes to 合计税额, to the cent. */
	lineItemsAddUp: boolean | null;
	/** 开票日期 is not after today in China (UTC+8). */
	dateNotInFuture: boolean | null;
	/** The buyer's 纳税人识别号 is a valid unified social credit code (GB 32100 check character). */
	buyerTaxIdValid: boolean | null;
}

/** Whole cents, so that 0.1 + 0.2 = 0.3 holds; negative (red-letter) amounts round the same way. */
const cents = (amount: number) => Math.sign(amount) * Math.round(Math.abs(amount) * 100);

const sumCents = (amounts: number[]) => amounts.reduce((total, amount) => total + cents(amount), 0);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

// A line with no tax to charge: exempt (免税), not taxable (不征税), or a 0 % rate.
const NO_TAX_RATE = /^(免税|免征|免征增值税|不征税|不征收|出口零税|零税率|0(\.0+)?%?)$/;
// What such a line prints in the tax cell: nothing, asterisks, or a zero.
const NO_TAX_AMOUNT = /^(\*+|0(\.0+)?|)$/;

/**
 * A line's tax as a number. Exempt and zero-rate lines print *** or nothing in the tax cell: that is
 * 0, not a missing value. Undefined when the tax cannot be read.
 */
function lineTax(line: IDataObject, raw: IDataObject): number | undefined {
	if (isNumber(line.taxAmount)) return line.taxAmount;
	const rate = cleanText(raw.rate ?? raw.taxRate ?? raw.tax_rate);
	const tax = cleanText(raw.tax_amount ?? raw.taxAmount) ?? '';
	const plainRate = rate === null ? null : toHalfWidth(rate).replace(/\s/g, '');
	if (plainRate !== null && NO_TAX_RATE.test(plainRate) && NO_TAX_AMOUNT.test(toHalfWidth(tax).trim())) return 0;
	return undefined;
}

/** Combines comparisons: false if any that could be made fails, true if all could be made and hold. */
function combine(results: Array<boolean | null>): boolean | null {
	if (results.some((result) => result === false)) return false;
	return results.every((result) => result === true) ? true : null;
}

function lineItemsAddUp(invoice: IDataObject, lines: IDataObject[], rawLines: IDataObject[]): boolean | null {
	if (lines.length === 0) return null;
	const amounts = lines.map((line) => line.amount);
	const taxes = lines.map((line, index) => lineTax(line, rawLines[index] ?? {}));
	const amountsHold =
		isNumber(invoice.amountWithoutTax) && amounts.every(isNumber) ? sumCents(amounts) === cents(invoice.amountWithoutTax) : null;
	const taxesHold =
		isNumber(invoice.taxAmount) && taxes.every(isNumber) ? sumCents(taxes as number[]) === cents(invoice.taxAmount) : null;
	return combine([amountsHold, taxesHold]);
}

/**
 * The checks of one invoice. `invoice` is the simplified invoice (amounts already numbers), `lines`
 * its simplified line items and `rawLines` the gateway's lines (for the printed rate and tax text).
 */
export function checkInvoice(invoice: IDataObject, lines: IDataObject[], rawLines: IDataObject[], now: Date = new Date()): InvoiceChecks {
	const { amountWithoutTax, taxAmount, totalAmount, invoiceDate, buyerTaxId } = invoice;
	return {
		amountsAddUp:
			isNumber(amountWithoutTax) && isNumber(taxAmount) && isNumber(totalAmount)
				? cents(amountWithoutTax) + cents(taxAmount) === cents(totalAmount)
				: null,
		lineItemsAddUp: lineItemsAddUp(invoice, lines, rawLines),
		dateNotInFuture: typeof invoiceDate === 'string' ? invoiceDate.replace(/-/g, '') <= chinaToday(now) : null,
		buyerTaxIdValid: typeof buyerTaxId === 'string' && buyerTaxId !== '' ? creditCodeRule(buyerTaxId).ok : null,
	};
}

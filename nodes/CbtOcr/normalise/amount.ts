import { cleanText, toHalfWidth } from './text';

const CURRENCY_MARKS = /¥|￥|RMB|CNY|人民币|元|整/gi;

/**
 * An amount as a number: "174000.00", "¥1,234.50", "１２３．４５", "(846.00)" and "-846" all parse.
 * Masked or garbled values ("1*4.00", "***") give null rather than a wrong number.
 */
export function parseAmount(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const text = cleanText(value);
	if (text === null) return null;
	let plain = toHalfWidth(text).replace(/\u2212/g, '-');
	if (plain.includes('*')) return null;
	plain = plain.replace(CURRENCY_MARKS, '').replace(/[,\s]/g, '');
	const bracketed = /^\((.*)\)$/.exec(plain);
	if (bracketed) plain = `-${bracketed[1]}`;
	plain = plain.replace(/^([+-]?)[+-]?/, '$1');
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
	const number = Number(plain);
	return Object.is(number, -0) ? 0 : number;
}

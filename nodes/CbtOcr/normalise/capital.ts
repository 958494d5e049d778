import { cleanText, toHalfWidth } from './text';

const CURRENCIES: Array<[RegExp, string]> = [
	[/美元/, 'USD'],
	[/港元|港币/, 'HKD'],
	[/欧元/, 'EUR'],
	[/日元/, 'JPY'],
	[/英镑/, 'GBP'],
	[/人民币|元/, 'CNY'],
];

const UNITS: Record<string, number> = { '': 1, 万: 10_000, 亿: 100_000_000 };

export interface Capital {
	amount: number;
	currency: string;
}

/**
 * Registered capital as printed on a licence, "1000万元人民币" or "100万美元", as an amount in
 * whole currency units and an ISO currency code. Null when it is written in words or garbled.
 */
export function parseCapital(value: unknown): Capital | null {
	const text = cleanText(value);
	if (text === null) return null;
	const plain = toHalfWidth(text).replace(/[,\s]/g, '');
	const match = /^(\d+(?:\.\d+)?)(万|亿)?(.*)$/.exec(plain);
	if (!match) return null;
	const currency = CURRENCIES.find(([pattern]) => pattern.test(match[3]))?.[1];
	if (!currency || !/^(元|万元)?(人民币|美元|港元|港币|欧元|日元|英镑)?(整)?$/.test(match[3])) return null;
	const amount = Number(match[1]) * UNITS[match[2] ?? ''];
	return { amount: Math.round(amount * 100) / 100, currency };
}

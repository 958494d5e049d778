import { cleanText, toHalfWidth } from './text';

// 2018年07月20日, 2018年7月20日, 2018.07.20, 2018/7/20, 2018-07-20, with optional spaces.
const SEPARATED = /(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?/;
const COMPACT = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/;
/** A whole text that is one date, in either form (built once: parseDate runs for every invoice field). */
const WHOLE_DATE = new RegExp(`^(?:${SEPARATED.source}|${COMPACT.source})$`);

function isoDate(year: number, month: number, day: number): string | null {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Groups 1-3 come from the separated form, 4-6 from the compact one. */
function fromMatch(match: RegExpMatchArray): string | null {
	const [year, month, day] = match[1] ? [match[1], match[2], match[3]] : [match[4], match[5], match[6]];
	return isoDate(Number(year), Number(month), Number(day));
}

/** A date as ISO `YYYY-MM-DD`, or null when the text holds no real date (2018-02-30 is not one). */
export function parseDate(value: unknown): string | null {
	const text = cleanText(value);
	if (text === null) return null;
	const plain = toHalfWidth(text).trim();
	const whole = WHOLE_DATE.exec(plain);
	return whole ? fromMatch(whole) : null;
}

export interface ValidityPeriod {
	from: string | null;
	/** Null when the period has no end (长期) or none could be read. */
	to: string | null;
	longTerm: boolean;
}

/**
 * A validity period as printed on ID cards and licences: "2016.03.07-2036.03.07",
 * "2010.05.12-长期", "2015年06月18日至长期", "20160307-20360307".
 */
export function parsePeriod(value: unknown): ValidityPeriod {
	const text = cleanText(value);
	if (text === null) return { from: null, to: null, longTerm: false };
	const plain = toHalfWidth(text);
	const pattern = new RegExp(`${SEPARATED.source}|${COMPACT.source}`, 'g');
	const dates: Array<string | null> = [];
	for (const match of plain.matchAll(pattern)) {
		dates.push(fromMatch(match));
	}
	const longTerm = /长期|永久|无固定期限/.test(plain);
	return { from: dates[0] ?? null, to: longTerm ? null : (dates[1] ?? null), longTerm };
}

/** A card's "valid thru" month, "12/29" or "12/2029", as ISO `YYYY-MM`. */
export function parseYearMonth(value: unknown): string | null {
	const text = cleanText(value);
	if (text === null) return null;
	const match = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(toHalfWidth(text).trim());
	if (!match) return null;
	const month = Number(match[1]);
	if (month < 1 || month > 12) return null;
	const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
	return `${year}-${String(month).padStart(2, '0')}`;
}

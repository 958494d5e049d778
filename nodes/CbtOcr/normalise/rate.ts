import { cleanText, toHalfWidth } from './text';

const round = (value: number) => Number.parseFloat(value.toPrecision(12));

/**
 * A tax rate as a fraction: "16%" → 0.16, "6％" → 0.06, "0.13" → 0.13. A bare number of 1 or more is
 * read as a percentage ("9" → 0.09), since no VAT rate is 100 % or more. Words such as 免税
 * (exempt) and garbled OCR ("394*0") give null: the rate is not a number there.
 */
export function parseRate(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? (value >= 1 ? round(value / 100) : value) : null;
	const text = cleanText(value);
	if (text === null) return null;
	const plain = toHalfWidth(text).replace(/\s/g, '');
	const percent = /^(\d+(?:\.\d+)?)%$/.exec(plain);
	if (percent) return round(Number(percent[1]) / 100);
	if (/^(\d+(\.\d+)?|\.\d+)$/.test(plain)) {
		const number = Number(plain);
		return number >= 1 ? round(number / 100) : number;
	}
	return null;
}

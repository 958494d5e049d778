const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/**
 * OCR text arrives with full-width characters (１２３, ．, ％, ／) wherever the printed document used
 * them; numbers and dates are parsed from the half-width form.
 */
export function toHalfWidth(value: string): string {
	// Most fields have no full-width character: then the text is returned as it is, without two replaces.
	if (!FULL_WIDTH.test(value)) return value;
	return value.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A text field as a spreadsheet wants it: trimmed, and null when empty. Numbers become text. */
export function cleanText(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
	return trimmed === '' ? null : trimmed;
}

/** Digits only (card numbers printed in groups of four), or null when there are none. */
export function digitsOnly(value: unknown): string | null {
	const text = cleanText(value);
	if (text === null) return null;
	const half = toHalfWidth(text);
	// A masked number (6222 **** **** 3445) is not a number the next node can use.
	if (half.includes('*')) return null;
	const digits = half.replace(/[\s-]/g, '');
	return /^\d+$/.test(digits) ? digits : null;
}

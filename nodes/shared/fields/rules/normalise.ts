import { accept, reject, type Checked } from './checked';

export interface NormaliseOptions {
	/**
	 * What to do with whitespace inside the value: codes and numbers have none, so any is a stray
	 * from copying ('remove'); names of companies keep single spaces ('collapse'); free text keeps its own ('keep').
	 */
	spaces: 'remove' | 'collapse' | 'keep';
	/**
	 * Which full-width characters (U+FF01–U+FF5E, typed with a Chinese input method) become ASCII.
	 * Free text keeps full-width punctuation: a company registered as 示例（厦门）有限公司 is
	 * looked up with （）, not ().
	 */
	fullWidth: 'all' | 'alphanumeric';
}

export const CODE: NormaliseOptions = { spaces: 'remove', fullWidth: 'all' };
/** For values with inner structure marked by a space, such as "2024-01-31 10:00:00". */
export const CODE_KEEPING_SPACES: NormaliseOptions = { spaces: 'collapse', fullWidth: 'all' };
/** Names of companies: single spaces kept (English names have them), full-width punctuation kept. */
export const NAME_TEXT: NormaliseOptions = { spaces: 'collapse', fullWidth: 'alphanumeric' };
/** Anything else: only trimmed and cleaned of invisible characters and full-width letters and digits. */
export const FREE_TEXT: NormaliseOptions = { spaces: 'keep', fullWidth: 'alphanumeric' };

// Zero-width space, non-joiner, joiner, word joiner and byte-order mark: invisible, pasted from web pages and Word.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
// How spreadsheets (1.1010519491231E+17) and JavaScript (1.1e+21) print a number too long to show.
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE]\+\d{1,3}$/;

const LOST_DIGITS =
	'a spreadsheet converted the column to a number and lost its last digits; format the column as text, enter the full value again and re-import it';

function toText(raw: unknown): Checked {
	if (raw === undefined || raw === null) return reject('is empty; enter a value');
	if (typeof raw === 'string') return accept(raw);
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return reject(`is ${String(raw)}, not a value; check the expression that fills this field`);
		// Past 2^53 a number no longer holds every digit: an 18-digit ID number stored as a number is already wrong.
		if (Number.isInteger(raw) && !Number.isSafeInteger(raw)) return reject(`is the number ${String(raw)}: ${LOST_DIGITS}`);
		return accept(String(raw));
	}
	if (typeof raw === 'bigint' || typeof raw === 'boolean') return accept(String(raw));
	if (Array.isArray(raw)) return reject('is a list, not a single value; pick one element, for example {{ $json.list[0] }}');
	return reject('is an object, not text; pick the field inside it, for example {{ $json.customer.idNumber }}');
}

/**
 * The normalisation every text kind starts with: text from spreadsheets, chat apps and web forms
 * carries invisible characters, full-width digits and stray spaces that make a valid value fail.
 * Numbers that lost digits are rejected, never repaired: the missing digits cannot be known.
 */
export function normalise(raw: unknown, options: NormaliseOptions): Checked {
	const text = toText(raw);
	if (!text.ok) return text;
	const halfWidth = (pattern: RegExp) =>
		text.value
			.replace(ZERO_WIDTH, '')
			.replace(pattern, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
			// Ideographic and no-break spaces; trim() knows them, the space rules below should too.
			.replace(/[\u3000\u00A0]/g, ' ')
			.trim();
	const ascii = halfWidth(FULL_WIDTH_ALL);
	if (SCIENTIFIC.test(ascii)) return reject(`is ${ascii}: ${LOST_DIGITS}`);
	let value = options.fullWidth === 'all' ? ascii : halfWidth(FULL_WIDTH_ALPHANUMERIC);
	if (options.spaces === 'remove') value = value.replace(/\s+/g, '');
	if (options.spaces === 'collapse') value = value.replace(/\s+/g, ' ');
	if (value === '') return reject('is empty; enter a value');
	return accept(value);
}

import { accept, reject, type Checked } from './checked';

/** The provinces' one-character abbreviations that begin a plate (GA 36-2018). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Last characters of special-use plates: trailer, driving school, police, Hong Kong, Macau, consulate. */
export const PLATE_SUFFIXES = '挂学警港澳领';

const P = `[${PLATE_PROVINCES}]`;
// Serial characters never include I or O, which read as 1 and 0.
const A = '[A-HJ-NP-Z0-9]';
const PLATE_FORMS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
	{ name: 'ordinary', pattern: new RegExp(`^${P}[A-Z]${A}{5}$`) },
	{ name: 'special-use', pattern: new RegExp(`^${P}[A-Z]${A}{4}[${PLATE_SUFFIXES}]$`) },
	// Small new-energy vehicles: D (battery electric) or F (other) first, then a letter or digit, then 4 digits.
	{ name: 'small new-energy', pattern: new RegExp(`^${P}[A-Z][DF]${A}\\d{4}$`) },
	// Large new-energy vehicles: 5 digits, then D or F.
	{ name: 'large new-energy', pattern: new RegExp(`^${P}[A-Z]\\d{5}[DF]$`) },
];

/** Checks a normalised plate number; the separators people type (·, spaces, dashes) are removed and letters upper-cased. */
export function checkPlate(input: string): Checked {
	const plate = input.replace(/[·•・．.\-\s]/g, '').toUpperCase();
	const chars = [...plate];
	if (!PLATE_PROVINCES.includes(chars[0] ?? '')) {
		return reject(`starts with '${chars[0] ?? ''}', not a province abbreviation such as 京 or 粤; enter the whole plate, for example 沪AD12345`);
	}
	if (chars.length !== 7 && chars.length !== 8) {
		return reject(`has ${chars.length} characters; a plate has 7 (ordinary) or 8 (new-energy), for example 京A12345 or 沪AD12345`);
	}
	if (!/[A-Z]/.test(chars[1])) return reject(`has '${chars[1]}' after the province; the second character is the issuing authority's letter, as in 京A12345`);
	if (/[IO]/.test(plate.slice(2))) return reject('uses I or O after the first two characters, which plates never do; they are probably 1 or 0');
	if (PLATE_FORMS.some((form) => form.pattern.test(plate))) return accept(plate);
	return reject(
		chars.length === 7
			? 'is not a valid 7-character plate; after the province and letter come 5 letters or digits, as in 京A12345'
			: 'is not a valid new-energy plate; use D or F then a letter or digit and 4 digits (沪AD12345), or 5 digits then D or F (粤B12345D)',
	);
}

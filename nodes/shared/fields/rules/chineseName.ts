import { accept, reject, type Checked } from './checked';

/** The separator in transliterated names such as 阿卜杜拉·艾买提 (U+00B7). */
export const NAME_DOT = '·';
// Bullets, katakana and hyphenation dots and the full stop that keyboards and fonts put in its place.
const DOT_LOOKALIKES = /[•・･‧∙⋅●.]/g;
// CJK Unified Ideographs and extensions A-G, compatibility ideographs and 〇: rare characters in names live in the extensions.
const HAN = /^[\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FA1F}\u{30000}-\u{3134F}]$/u;

export const NAME_MIN = 2;
export const NAME_MAX = 30;

/** Checks a normalised name as on a resident ID card: 2-30 Chinese characters, with · between parts of transliterated names. */
export function checkChineseName(input: string): Checked {
	const name = input.replace(DOT_LOOKALIKES, NAME_DOT);
	const chars = [...name];
	const stranger = chars.find((c) => c !== NAME_DOT && !HAN.test(c));
	if (stranger) {
		const what = /\d/.test(stranger) ? 'a digit' : /[A-Za-z]/.test(stranger) ? 'a Latin letter' : 'not a Chinese character';
		return reject(
			`contains '${stranger}', which is ${what}; enter the name exactly as on the ID card, or turn on Skip Input Validation under Options for names in other scripts`,
		);
	}
	if (name.startsWith(NAME_DOT) || name.endsWith(NAME_DOT) || name.includes(NAME_DOT + NAME_DOT)) {
		return reject('has a misplaced ·; the dot only separates the parts of a name, as in 阿卜杜拉·艾买提');
	}
	if (chars.length < NAME_MIN) return reject(`has ${chars.length} character; a name has at least ${NAME_MIN}`);
	if (chars.length > NAME_MAX) return reject(`has ${chars.length} characters; a name has at most ${NAME_MAX}`);
	return accept(name);
}

import { accept, ordinal, reject, ZEROED_BY_SPREADSHEET, type Checked } from './checked';

/** The 31 characters of GB 32100-2015, in the order that gives each its value (I, O, S, V and Z are never used). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// The letters people type for the digits they look like.
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', O: '0', S: '5', Z: '2', V: 'U' };

/** The 18th character of a unified social credit code whose first 17 characters are given. */
export function creditCodeCheckChar(first17: string): string {
	if (first17.length !== 17 || [...first17].some((c) => !CREDIT_CODE_CHARSET.includes(c))) {
		throw new Error('creditCodeCheckChar takes exactly 17 characters of the GB 32100 set');
	}
	const sum = CREDIT_CODE_WEIGHTS.reduce((total, weight, i) => total + weight * CREDIT_CODE_CHARSET.indexOf(first17[i]), 0);
	return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Whether a value has the shape of a credit code (18 letters and digits), so it is checked as one. */
export function looksLikeCreditCode(value: string): boolean {
	return /^[0-9A-Za-z]{18}$/.test(value);
}

/** Checks a normalised unified social credit code (统一社会信用代码, GB 32100-2015); returns it upper-case. */
export function checkCreditCode(input: string): Checked {
	const code = input.toUpperCase();
	if (code.length !== 18) {
		return reject(`has ${code.length} character${code.length === 1 ? '' : 's'}; a unified social credit code has 18`);
	}
	for (let i = 0; i < code.length; i++) {
		const c = code[i];
		if (CREDIT_CODE_CHARSET.includes(c)) continue;
		const hint = LOOKALIKES[c] ? ` (did you mean ${LOOKALIKES[c]}?)` : '';
		const rule = /[A-Z]/.test(c) ? 'a credit code never uses I, O, S, V or Z' : 'a credit code has only digits and capital letters';
		return reject(`has '${c}' at ${ordinal(i)}; ${rule}${hint}`);
	}
	const expected = creditCodeCheckChar(code.slice(0, 17));
	if (code[17] !== expected && /^\d+000$/.test(code)) return reject(ZEROED_BY_SPREADSHEET);
	if (code[17] !== expected) return reject(`its check character should be ${expected}, not ${code[17]}; check the code for a typo`);
	return accept(code);
}

import { accept, reject, type Checked } from './checked';
import { checkCreditCode, looksLikeCreditCode } from './creditCode';

export const COMPANY_NAME_MIN = 2;
export const COMPANY_NAME_MAX = 100;

/** Checks a normalised company keyword: a name of 2-100 characters, or a credit code checked as one. */
export function checkCompanyKeyword(input: string): Checked {
	if (looksLikeCreditCode(input)) {
		const code = checkCreditCode(input);
		if (code.ok) return code;
		return reject(`looks like a unified social credit code, but ${code.problem}`);
	}
	const length = [...input].length;
	if (length < COMPANY_NAME_MIN) return reject(`has ${length} character; enter at least ${COMPANY_NAME_MIN} characters of the company name, or its credit code`);
	if (length > COMPANY_NAME_MAX) return reject(`has ${length} characters; a company name has at most ${COMPANY_NAME_MAX}`);
	return accept(input);
}

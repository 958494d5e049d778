import { accept, reject, type Checked } from './checked';

/** A mainland China mobile number (11 digits from 13x to 19x); the carrier by prefix is only a hint because of number portability. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Checks a normalised mobile number: separators and the +86 / 0086 / 86 country code are removed. */
export function checkMobile(input: string): Checked {
	const compact = input.replace(/[-()]/g, '');
	const digits = compact.replace(/^(?:\+86|0086)/, '').replace(/^86(?=1\d{10}$)/, '');
	if (digits.startsWith('+') || digits.startsWith('00')) {
		return reject('has a country code other than +86; only mainland China mobile numbers are accepted');
	}
	const stray = digits.search(/\D/);
	if (stray >= 0) return reject(`has '${digits[stray]}', which is not a digit; enter the 11-digit number, for example 13800138000`);
	if (digits.length !== 11) return reject(`has ${digits.length} digit${digits.length === 1 ? '' : 's'}; a mainland mobile number has 11, starting with 1`);
	if (!MOBILE_PATTERN.test(digits)) {
		return reject(`starts with ${digits.slice(0, 2)}; a mainland mobile number starts with 13 to 19 (landlines are not accepted)`);
	}
	return accept(digits);
}

import { accept, reject, type Checked } from './checked';
import { luhnValid } from './luhn';

/** Checks a normalised bank card number: 16 to 19 digits once spaces and dashes are gone. */
export function checkBankCard(input: string): Checked {
	const digits = input.replace(/-/g, '');
	const stray = digits.search(/\D/);
	if (stray >= 0) return reject(`has '${digits[stray]}', which is not a digit; a bank card number has only digits`);
	if (digits.length < 16 || digits.length > 19) {
		return reject(`has ${digits.length} digit${digits.length === 1 ? '' : 's'}; a bank card number has 16 to 19`);
	}
	return accept(digits);
}

/** A checked card number that fails Luhn is still sent: some domestic debit cards were issued that way. */
export function bankCardWarning(digits: string): string | undefined {
	if (luhnValid(digits)) return undefined;
	return 'fails the Luhn check digit test; it was sent anyway because some domestic debit cards do, but check it for a typo';
}

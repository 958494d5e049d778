/** Whether a string of digits passes the Luhn (ISO/IEC 7812-1) check. */
export function luhnValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	return luhnSum(digits, false) % 10 === 0;
}

/** The digit to append to a partial number so that it passes the Luhn check. */
export function luhnCheckDigit(partial: string): string {
	if (!/^\d+$/.test(partial)) throw new Error('luhnCheckDigit takes digits only');
	return String((10 - (luhnSum(partial, true) % 10)) % 10);
}

// Every second digit from the right is doubled; `doubleLast` when the check digit is still to come.
function luhnSum(digits: string, doubleLast: boolean): number {
	let sum = 0;
	for (let i = digits.length - 1, double = doubleLast; i >= 0; i--, double = !double) {
		let d = Number(digits[i]);
		if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum;
}

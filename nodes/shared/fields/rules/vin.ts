import { accept, ordinal, reject, type Checked } from './checked';

/** Letters' values for the check digit (49 CFR 565.15); digits count as themselves. */
export const VIN_TRANSLITERATION: Readonly<Record<string, number>> = {
	A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
	J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
	S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
export const VIN_WEIGHTS: readonly number[] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

// Letters left out of VINs because they look like digits.
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', O: '0', Q: '0' };

const valueOf = (c: string) => (/\d/.test(c) ? Number(c) : VIN_TRANSLITERATION[c]);

/** The check digit (position 9, '0'-'9' or 'X') a 17-character VIN would have under the North American rule. */
export function vinCheckDigit(vin: string): string {
	if (!/^[0-9A-HJ-NPR-Z]{17}$/.test(vin)) throw new Error('vinCheckDigit takes 17 VIN characters');
	const sum = VIN_WEIGHTS.reduce((total, weight, i) => total + weight * valueOf(vin[i]), 0);
	const remainder = sum % 11;
	return remainder === 10 ? 'X' : String(remainder);
}

/** Checks a normalised VIN (ISO 3779): 17 characters, no I, O or Q; returned upper-case. */
export function checkVin(input: string): Checked {
	const vin = input.toUpperCase();
	if (vin.length !== 17) return reject(`has ${vin.length} character${vin.length === 1 ? '' : 's'}; a VIN has 17`);
	for (let i = 0; i < vin.length; i++) {
		const c = vin[i];
		if (/[0-9A-HJ-NPR-Z]/.test(c)) continue;
		if (LOOKALIKES[c]) return reject(`has '${c}' at ${ordinal(i)}; a VIN never uses I, O or Q (did you mean ${LOOKALIKES[c]}?)`);
		return reject(`has '${c}' at ${ordinal(i)}; a VIN has only digits and capital letters`);
	}
	return accept(vin);
}

/** Many VINs issued in China do not use the check digit, so a mismatch is worth a warning only. */
export function vinWarning(vin: string): string | undefined {
	const expected = vinCheckDigit(vin);
	if (vin[8] === expected) return undefined;
	return `check digit (position 9) is ${vin[8]}, where the North American rule gives ${expected}; many Chinese VINs do not use it, so it was sent anyway, but check it for a typo`;
}

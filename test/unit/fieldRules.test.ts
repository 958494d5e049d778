/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CREDIT_CODE_CHARSET, checkCreditCode, creditCodeCheckChar } from '../../nodes/shared/fields/rules/creditCode';
import { luhnCheckDigit, luhnValid } from '../../nodes/shared/fields/rules/luhn';
import {
	PROVINCE_CODES,
	checkResidentId,
	residentIdCheckChar,
	upgradeLegacyResidentId,
} from '../../nodes/shared/fields/rules/residentId';
import { checkVin, vinCheckDigit, vinWarning } from '../../nodes/shared/fields/rules/vin';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
		digits: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
	};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const FIXED_NOW = new Date('2025-06-30T12:00:00Z');
const DIGITS_AND_X = '0123456789X';

/** GB 11643 by hand: Σ a_i·W_i with W_i = 2^(17-i) mod 11, then the table of the standard. Independent of the code under test. */
function checkCharFromStandard(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
	return '10X98765432'[sum % 11];
}

function randomResidentId(rng: ReturnType<typeof prng>): string {
	const province = rng.pick(Object.keys(PROVINCE_CODES));
	const year = rng.int(1900, 2024);
	const month = rng.int(1, 12);
	const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
	const first17 = `${province}${rng.digits(4)}${year}${pad(month)}${pad(day)}${rng.digits(3)}`;
	return first17 + checkCharFromStandard(first17);
}

function randomCreditCode(rng: ReturnType<typeof prng>): string {
	const first17 = Array.from({ length: 17 }, () => rng.pick([...CREDIT_CODE_CHARSET])).join('');
	return first17 + creditCodeCheckChar(first17);
}

function problemOf(result: ReturnType<typeof checkResidentId>): string {
	assert.equal(result.ok, false, 'expected a rejection');
	return result.ok ? '' : result.problem;
}

describe('resident ID number rules (GB 11643)', () => {
	it('weights are 2^(17-i) mod 11 and agree with the standard on its examples', () => {
		assert.equal(residentIdCheckChar('11010519491231002'), 'X');
		assert.equal(residentIdCheckChar('11010119900307447'), '7');
		// GB 11643-1999's worked example: a person born in 1880 in 广东省汕头市潮阳县.
		assert.equal(residentIdCheckChar('44052418800101001'), '4');
	});

	it('accepts the standard examples and upper-cases a lowercase x', () => {
		assert.deepEqual(checkResidentId('11010519491231002X', FIXED_NOW), { ok: true, value: '11010519491231002X' });
		assert.deepEqual(checkResidentId('11010519491231002x', FIXED_NOW), { ok: true, value: '11010519491231002X' });
		assert.deepEqual(checkResidentId('110101199003074477', FIXED_NOW), { ok: true, value: '110101199003074477' });
	});

	it('accepts 500 generated ID numbers (seeded) unchanged', () => {
		const rng = prng(11643);
		for (let n = 0; n < 500; n++) {
			const id = randomResidentId(rng);
			assert.deepEqual(checkResidentId(id, FIXED_NOW), { ok: true, value: id }, id);
		}
	});

	it('catches every single-character change of generated ID numbers', () => {
		const rng = prng(7);
		let variants = 0;
		for (let n = 0; n < 20; n++) {
			const id = randomResidentId(rng);
			for (let i = 0; i < 18; i++) {
				for (const c of DIGITS_AND_X) {
					if (c === id[i]) continue;
					const changed = id.slice(0, i) + c + id.slice(i + 1);
					assert.equal(checkResidentId(changed, FIXED_NOW).ok, false, `${changed} (position ${i + 1} changed) was accepted`);
					variants++;
				}
			}
		}
		assert.equal(variants, 20 * 18 * 10);
	});

	it('says what is wrong and how to fix it', () => {
		const cases: Array<[string, RegExp]> = [
			['11010519491231002', /^has 17 characters; an ID number has 18 \(or 15 for old cards\)$/],
			['1101051949123100211', /^has 19 characters/],
			['110105194912310X2X', /^has 'X' at position 16; .*X allowed as the last character/],
			['10010519491231002X', /^starts with 10, which is not a province code .*check the first two digits/],
			['11010519491331002X', /^birth date 19491331 in the number is not a real date; check digits 7-14$/],
			['11010519490229002X', /^birth date 19490229 in the number is not a real date/],
			['11010518991231002X', /^birth date 18991231 in the number is before 1900/],
			['11010520250701002X', /^birth date 20250701 in the number is in the future/],
			['110101199003074473', /^check digit should be 7, not 3; check the number for a typo$/],
			['110101199003074000', /^ends in 000 .*spreadsheet.*format the column as text/],
		];
		for (const [id, expected] of cases) assert.match(problemOf(checkResidentId(id, FIXED_NOW)), expected, id);
		// The standard's own 1880 example has a valid check digit but is refused for its date.
		assert.match(problemOf(checkResidentId('440524188001010014', FIXED_NOW)), /before 1900/);
	});

	it('accepts a birth date of today but not tomorrow (China time)', () => {
		const now = new Date('2025-06-30T17:00:00Z'); // already 1 July in Beijing
		const today = '11010520250701001';
		const tomorrow = '11010520250702001';
		assert.equal(checkResidentId(today + residentIdCheckChar(today), now).ok, true);
		assert.equal(checkResidentId(tomorrow + residentIdCheckChar(tomorrow), now).ok, false);
	});

	it('converts 15-digit first-generation numbers to 18 digits', () => {
		assert.equal(upgradeLegacyResidentId('110105491231002'), '11010519491231002X');
		assert.deepEqual(checkResidentId('110105491231002', FIXED_NOW), { ok: true, value: '11010519491231002X' });
		const rng = prng(1999);
		for (let n = 0; n < 100; n++) {
			const id = randomResidentId(rng);
			if (!id.slice(6, 10).startsWith('19')) continue;
			const legacy = id.slice(0, 6) + id.slice(8, 17);
			assert.deepEqual(checkResidentId(legacy, FIXED_NOW), { ok: true, value: id.slice(0, 17) + checkCharFromStandard(id.slice(0, 17)) });
		}
		assert.match(problemOf(checkResidentId('110105491331002', FIXED_NOW)), /birth date 19491331/);
		assert.match(problemOf(checkResidentId('11010549123100X', FIXED_NOW)), /^has 'X' at position 15; a 15-digit ID number has only digits/);
	});

	it('knows the province codes of GB/T 2260, the residence permits and the foreign permanent resident card', () => {
		const make = (first17: string) => first17 + residentIdCheckChar(first17);
		for (const code of ['11', '15', '23', '37', '46', '50', '54', '65', '71', '81', '82', '83']) {
			assert.equal(checkResidentId(make(`${code}0000199001010011`.slice(0, 17)), FIXED_NOW).ok, true, code);
		}
		for (const code of ['10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '90', '99', '00']) {
			assert.equal(checkResidentId(make(`${code}0000199001010011`.slice(0, 17)), FIXED_NOW).ok, false, code);
		}
		// 9, then the issuing province (31 上海), a 3-digit nationality code, birth date, sequence.
		assert.equal(checkResidentId(make('93184019900101001'), FIXED_NOW).ok, true);
		assert.match(problemOf(checkResidentId(make('97184019900101001'), FIXED_NOW)), /digits 2-3 \(71\) are not a province code/);
	});
});

describe('unified social credit code rules (GB 32100)', () => {
	it('accepts the published valid codes and refuses the invalid one', () => {
		for (const code of ['91350100M000100Y43', '91330100716105852F', '914403001922038216']) {
			assert.deepEqual(checkCreditCode(code), { ok: true, value: code });
			assert.equal(creditCodeCheckChar(code.slice(0, 17)), code[17]);
		}
		const invalid = checkCreditCode('913301095U78M2HC4A');
		assert.equal(invalid.ok, false);
	});

	it('weights are 3^(i-1) mod 31 and the charset has 31 characters without I, O, S, V, Z', () => {
		assert.equal(CREDIT_CODE_CHARSET.length, 31);
		assert.doesNotMatch(CREDIT_CODE_CHARSET, /[IOSVZ]/);
		const first17 = '91350100M000100Y4';
		let sum = 0;
		for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * (3 ** i % 31);
		assert.equal(creditCodeCheckChar(first17), CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]);
	});

	it('accepts 500 generated codes (seeded) and upper-cases them', () => {
		const rng = prng(32100);
		for (let n = 0; n < 500; n++) {
			const code = randomCreditCode(rng);
			assert.deepEqual(checkCreditCode(code), { ok: true, value: code });
			assert.deepEqual(checkCreditCode(code.toLowerCase()), { ok: true, value: code });
		}
	});

	it('catches every single-character change of generated codes, including to forbidden letters', () => {
		const rng = prng(31);
		const alphabet = CREDIT_CODE_CHARSET + 'IOSVZ';
		for (let n = 0; n < 20; n++) {
			const code = randomCreditCode(rng);
			for (let i = 0; i < 18; i++) {
				for (const c of alphabet) {
					if (c === code[i]) continue;
					const changed = code.slice(0, i) + c + code.slice(i + 1);
					assert.equal(checkCreditCode(changed).ok, false, `${changed} (position ${i + 1} changed) was accepted`);
				}
			}
		}
	});

	it('says what is wrong and how to fix it', () => {
		const problem = (code: string) => {
			const result = checkCreditCode(code);
			return result.ok ? '' : result.problem;
		};
		assert.match(problem('913301095U78M2HC4A'), /^its check character should be 6, not A; check the code for a typo$/);
		assert.match(problem('9135010OM000100Y43'), /^has 'O' at position 8; a credit code never uses I, O, S, V or Z \(did you mean 0\?\)$/);
		assert.match(problem('91350100M000100Y4'), /^has 17 characters; a unified social credit code has 18$/);
		assert.match(problem('91350100M000100Y4!'), /^has '!' at position 18; a credit code has only digits and capital letters$/);
		assert.match(problem('914403001922038000'), /^ends in 000 .*spreadsheet/);
	});
});

describe('Luhn and VIN check digits', () => {
	it('Luhn: the ISO/IEC 7812 worked example and every single-digit change', () => {
		assert.equal(luhnValid('79927398713'), true);
		assert.equal(luhnCheckDigit('7992739871'), '3');
		assert.equal(luhnValid('4111111111111111'), true);
		const rng = prng(7812);
		for (let n = 0; n < 50; n++) {
			const partial = `62${rng.digits(rng.int(13, 16))}`;
			const card = partial + luhnCheckDigit(partial);
			assert.equal(luhnValid(card), true, card);
			for (let i = 0; i < card.length; i++) {
				for (const d of '0123456789') {
					if (d !== card[i]) assert.equal(luhnValid(card.slice(0, i) + d + card.slice(i + 1)), false);
				}
			}
		}
	});

	it('VIN: the 49 CFR 565 example has check digit X; position 9 is weighted 0', () => {
		assert.equal(vinCheckDigit('1M8GDM9AXKP042788'), 'X');
		assert.equal(vinCheckDigit('11111111111111111'), '1');
		assert.equal(vinWarning('1M8GDM9AXKP042788'), undefined);
		assert.match(vinWarning('1M8GDM9A1KP042788') ?? '', /position 9\) is 1, where the North American rule gives X; .*sent anyway/);
	});

	it('VIN: 17 characters without I, O or Q, upper-cased', () => {
		assert.deepEqual(checkVin('lsvau218xn2183294'), { ok: true, value: 'LSVAU218XN2183294' });
		const problem = (vin: string) => {
			const result = checkVin(vin);
			return result.ok ? '' : result.problem;
		};
		assert.match(problem('LSVAU218XN218329'), /^has 16 characters; a VIN has 17$/);
		assert.match(problem('LSVAU218XNO183294'), /^has 'O' at position 11; a VIN never uses I, O or Q \(did you mean 0\?\)$/);
		assert.match(problem('LSVAU218XNQ183294'), /'Q' at position 11/);
		assert.match(problem('LSVAU218XNI183294'), /did you mean 1\?/);
	});
});

import { chinaToday, isRealDate } from './calendar';
import { accept, ordinal, reject, ZEROED_BY_SPREADSHEET, type Checked } from './checked';

/**
 * Province-level codes of GB/T 2260 (the first two digits of an address code), including 71 Taiwan,
 * 81 Hong Kong and 82 Macau. 83 is not in GB/T 2260: the residence permits for Hong Kong, Macau and
 * Taiwan residents (港澳台居民居住证, 国办发〔2018〕81号) use 810000, 820000 and 830000.
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
	'11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
	'21': '辽宁', '22': '吉林', '23': '黑龙江',
	'31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
	'41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
	'50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
	'61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
	'71': '台湾', '81': '香港', '82': '澳门', '83': '台湾居民居住证',
};

/**
 * The 2023 foreign permanent resident ID card (外国人永久居留身份证, National Immigration
 * Administration) follows GB 11643 with a leading 9 and the issuing province's code in digits 2-3.
 */
const FOREIGNER_MARK = '9';

/** Weights W_i = 2^(18-i) mod 11 of GB 11643-1999 (ISO 7064 MOD 11-2). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The 18th character of a citizen ID number whose first 17 digits are given. */
export function residentIdCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckChar takes exactly 17 digits');
	const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
	return CHECK_CHARS[sum % 11];
}

/** The 18-digit form of a first-generation 15-digit number: "19" before the 2-digit year, check character appended. */
export function upgradeLegacyResidentId(id15: string): string {
	if (!/^\d{15}$/.test(id15)) throw new Error('upgradeLegacyResidentId takes exactly 15 digits');
	const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
	return first17 + residentIdCheckChar(first17);
}

function checkProvince(id: string): string | undefined {
	const foreign = id.length === 18 && id[0] === FOREIGNER_MARK;
	const code = foreign ? id.slice(1, 3) : id.slice(0, 2);
	// A foreigner's card names the mainland province that issued it.
	if (code in PROVINCE_CODES && (!foreign || Number(code) < 70)) return undefined;
	return foreign
		? `digits 2-3 (${code}) are not a province code, which a foreign permanent resident ID number starting with 9 has there; check the number for a typo`
		: `starts with ${code}, which is not a province code (GB/T 2260); check the first two digits`;
}

function checkBirthDate(birth: string, today: string): string | undefined {
	const [year, month, day] = [birth.slice(0, 4), birth.slice(4, 6), birth.slice(6, 8)].map(Number);
	if (!isRealDate(year, month, day)) return `birth date ${birth} in the number is not a real date; check digits 7-14`;
	if (year < 1900) return `birth date ${birth} in the number is before 1900; check digits 7-14`;
	if (birth > today) return `birth date ${birth} in the number is in the future; check digits 7-14`;
	return undefined;
}

/**
 * Checks a normalised ID number (GB 11643): 18 characters (17 digits and a check digit or X), a
 * known province, a real past birth date and the right check character. A 15-digit number from
 * a first-generation card is returned in its 18-digit form.
 */
export function checkResidentId(input: string, now: Date = new Date()): Checked {
	const id = input.toUpperCase();
	if (id.length !== 18 && id.length !== 15) {
		return reject(`has ${id.length} character${id.length === 1 ? '' : 's'}; an ID number has 18 (or 15 for old cards)`);
	}
	const legacy = id.length === 15;
	for (let i = 0; i < id.length; i++) {
		if (/\d/.test(id[i]) || (i === 17 && id[i] === 'X')) continue;
		const rule = legacy ? 'a 15-digit ID number has only digits' : 'an ID number has only digits, with X allowed as the last character';
		return reject(`has '${id[i]}' at ${ordinal(i)}; ${rule}`);
	}
	const problem = checkProvince(id) ?? checkBirthDate(legacy ? `19${id.slice(6, 12)}` : id.slice(6, 14), chinaToday(now));
	if (problem) return reject(problem);
	if (legacy) return accept(upgradeLegacyResidentId(id));
	const expected = residentIdCheckChar(id.slice(0, 17));
	if (id[17] !== expected && id.endsWith('000')) return reject(ZEROED_BY_SPREADSHEET);
	if (id[17] !== expected) return reject(`check digit should be ${expected}, not ${id[17]}; check the number for a typo`);
	return accept(id);
}

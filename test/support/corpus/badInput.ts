/**
 * A generated corpus of the values a spreadsheet, a web form or a chat app puts into a field: wrong
 * check characters, impossible and future dates, full-width characters, stray and invisible spaces,
 * SQL and script fragments, numbers a spreadsheet printed in scientific notation, empty and null
 * values. Each case says what the node must do with it: send a normalised value (only where that is
 * safe: trimming, full-width to half-width, upper-casing) or reject it before any call.
 *
 * Valid bases are built from the standards' own arithmetic (GB 11643, GB 32100, ISO 3779), written
 * out here independently of the node's rules, so the corpus checks the rules rather than copies them.
 */

export type TextKind = 'idNumber' | 'chineseName' | 'mobile' | 'creditCode' | 'plate' | 'vin' | 'companyKeyword' | 'date' | 'text';

export interface CorpusCase {
	kind: TextKind;
	/** What kind of bad input this is, for the report. */
	family: string;
	value: unknown;
	/** The value the node must send, or 'reject' (nothing sent), or 'omit' (an optional field left out). */
	expect: string | 'reject' | 'omit';
}

// ---- the standards' arithmetic ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643-1999: the check character of the first 17 digits. */
export function idCheck(first17: string): string {
	const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i], 0);
	return '10X98765432'[sum % 11];
}
const id = (first17: string) => first17 + idCheck(first17);

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015: weights 3^(i-1) mod 31, check = 31 - (sum mod 31), 31 → 0. */
export function creditCheck(first17: string): string {
	let weight = 1;
	let sum = 0;
	for (const c of first17) {
		sum += CREDIT_CHARS.indexOf(c) * weight;
		weight = (weight * 3) % 31;
	}
	return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}
const credit = (first17: string) => first17 + creditCheck(first17);

const FULL_WIDTH = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const ZWSP = '\u200B';
const BOM = '\uFEFF';
const NBSP = '\u00A0';
const IDEOGRAPHIC_SPACE = '\u3000';

/** The ways people, spreadsheets and chat apps dress up a valid code that normalising undoes. */
function dressings(valid: string): Array<[string, string]> {
	return [
		['leading and trailing spaces', `  ${valid}  `],
		['tab and newline', `\t${valid}\n`],
		['no-break spaces', `${NBSP}${valid}${NBSP}`],
		['ideographic space', `${IDEOGRAPHIC_SPACE}${valid}`],
		['zero-width space inside', `${valid.slice(0, 6)}${ZWSP}${valid.slice(6)}`],
		['byte-order mark in front', `${BOM}${valid}`],
		['full-width characters', FULL_WIDTH(valid)],
		['spaces inside', valid.replace(/(.{4})/g, '$1 ').trim()],
	];
}

const INJECTIONS = [
	"' OR '1'='1",
	"1'; DROP TABLE users;--",
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'{{ $env.SECRET }}',
	'${process.env.HOME}',
	'=HYPERLINK("http://evil.example","x")',
	'../../etc/passwd',
];

const EMPTIES: Array<[string, unknown]> = [
	['empty text', ''],
	['only spaces', '   '],
	['only invisible characters', `${ZWSP}${BOM}`],
	['null', null],
];

function cases(kind: TextKind, family: string, values: Array<[unknown, string | 'reject' | 'omit']>): CorpusCase[] {
	return values.map(([value, expect]) => ({ kind, family, value, expect }));
}

// ---- resident ID numbers ----

function idNumberCases(today: Date): CorpusCase[] {
	const valid = ['11010519491231002X', '110101199003074477', id('44030619851231123'), id('51010720000229456'), id('65010219700101001')];
	const out: CorpusCase[] = [];
	out.push(...cases('idNumber', 'valid', valid.map((v) => [v, v])));
	out.push(...cases('idNumber', 'lowercase x', [['11010519491231002x', '11010519491231002X']]));
	for (const v of valid.slice(0, 3)) out.push(...cases('idNumber', 'normalised dressing', dressings(v).map(([, dressed]) => [dressed, v])));
	// Every wrong check character of one number, and one for the others.
	const base = valid[1].slice(0, 17);
	for (const c of '0123456789X') if (c !== idCheck(base)) out.push(...cases('idNumber', 'wrong check digit', [[base + c, 'reject']]));
	for (const v of valid.slice(2)) {
		const wrong = '0123456789X'.replace(v[17], '')[3];
		out.push(...cases('idNumber', 'wrong check digit', [[v.slice(0, 17) + wrong, 'reject']]));
	}
	// Impossible dates with a correct check character: only the date can be the reason.
	for (const date of ['19990230', '20010229', '19001301', '19850000', '19850132', '20230431', '19850600']) {
		out.push(...cases('idNumber', 'impossible birth date', [[id(`110105${date}123`), 'reject']]));
	}
	const next = new Date(today.getTime() + 40 * 86400_000);
	const ymd = (d: Date) => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
	for (const date of [ymd(next), `${today.getUTCFullYear() + 1}0101`, '20991231', '18991231']) {
		out.push(...cases('idNumber', 'future or pre-1900 birth date', [[id(`110105${date}123`), 'reject']]));
	}
	for (const province of ['00', '10', '19', '20', '39', '55', '80', '99']) {
		out.push(...cases('idNumber', 'unknown province code', [[id(`${province}0105198501011${province}`), 'reject']]));
	}
	out.push(
		...cases('idNumber', 'spreadsheet number', [
			['1.1010519491231E+17', 'reject'],
			['1.10105E+17', 'reject'],
			['110105194912310000', 'reject'],
			[110105194912310020, 'reject'],
			[1.1010519491231e17, 'reject'],
		]),
	);
	out.push(
		...cases('idNumber', 'wrong length or characters', [
			['11010519491231002', 'reject'],
			['11010519491231002X1', 'reject'],
			['1101051949123100', 'reject'],
			['11010519491231O02X', 'reject'],
			['11010519491231-02X', 'reject'],
			['X10105194912310021', 'reject'],
		]),
	);
	// A first-generation 15-digit number is upgraded, as GB 11643 prescribes.
	out.push(...cases('idNumber', '15-digit legacy number', [['110105491231002', id('11010519491231002')]]));
	out.push(...cases('idNumber', 'injection', INJECTIONS.map((text) => [`11010519491231002X${text}`, 'reject'])));
	out.push(...cases('idNumber', 'injection', INJECTIONS.slice(0, 4).map((text) => [text, 'reject'])));
	out.push(...cases('idNumber', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	out.push(...cases('idNumber', 'not text', [[{ id: valid[0] }, 'reject'], [[valid[0]], 'reject'], [true, 'reject']]));
	return out;
}

// ---- unified social credit codes ----

function creditCodeCases(): CorpusCase[] {
	const valid = ['91350100M000100Y43', '91330100716105852F', '914403001922038216', credit('91110108MA01ABCDE'), credit('12100000400000000')];
	const out: CorpusCase[] = [];
	out.push(...cases('creditCode', 'valid', valid.map((v) => [v, v])));
	out.push(...cases('creditCode', 'lowercase letters', valid.filter((v) => /[A-Z]/.test(v)).map((v) => [v.toLowerCase(), v])));
	for (const v of valid.slice(0, 2)) out.push(...cases('creditCode', 'normalised dressing', dressings(v).map(([, dressed]) => [dressed, v])));
	const base = valid[1].slice(0, 17);
	for (const c of '0123456789ABCDEFGHJ') if (c !== creditCheck(base)) out.push(...cases('creditCode', 'wrong check character', [[base + c, 'reject']]));
	out.push(...cases('creditCode', 'wrong check character', [['913301095U78M2HC4A', 'reject']]));
	out.push(
		...cases(
			'creditCode',
			'letters a credit code never uses',
			['I', 'O', 'S', 'V', 'Z'].map((letter) => [`${valid[1].slice(0, 8)}${letter}${valid[1].slice(9)}`, 'reject']),
		),
	);
	out.push(
		...cases('creditCode', 'wrong length', [
			[valid[1].slice(0, 17), 'reject'],
			[`${valid[1]}0`, 'reject'],
			['91330100', 'reject'],
		]),
	);
	out.push(...cases('creditCode', 'spreadsheet number', [['9.13501E+17', 'reject'], ['913501000000000000', 'reject'], [913501000000000000, 'reject']]));
	out.push(...cases('creditCode', 'injection', INJECTIONS.map((text) => [`${valid[0]}${text}`, 'reject'])));
	out.push(...cases('creditCode', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

// ---- mobile numbers ----

function mobileCases(): CorpusCase[] {
	const valid = ['13800138000', '15912345678', '19987654321', '17011112222'];
	const out: CorpusCase[] = [];
	out.push(...cases('mobile', 'valid', valid.map((v) => [v, v])));
	for (const v of valid.slice(0, 2)) out.push(...cases('mobile', 'normalised dressing', dressings(v).map(([, dressed]) => [dressed, v])));
	out.push(
		...cases('mobile', 'country code and separators', [
			['+8613800138000', '13800138000'],
			['008613800138000', '13800138000'],
			['8613800138000', '13800138000'],
			['+86 138-0013-8000', '13800138000'],
			['138-0013-8000', '13800138000'],
			['(138)00138000', '13800138000'],
			[13800138000, '13800138000'],
		]),
	);
	out.push(
		...cases('mobile', 'not a mainland mobile number', [
			['12800138000', 'reject'],
			['1380013800', 'reject'],
			['138001380001', 'reject'],
			['010-62345678', 'reject'],
			['+1 415 555 0100', 'reject'],
			['1380013800O', 'reject'],
			['1.38001E+10', 'reject'],
		]),
	);
	out.push(...cases('mobile', 'injection', INJECTIONS.map((text) => [`13800138000${text}`, 'reject'])));
	out.push(...cases('mobile', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

// ---- names ----

function chineseNameCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	out.push(...cases('chineseName', 'valid', [['张三', '张三'], ['欧阳娜娜', '欧阳娜娜'], ['阿卜杜拉·艾买提', '阿卜杜拉·艾买提']]));
	out.push(
		...cases('chineseName', 'normalised', [
			['  张三  ', '张三'],
			[`张${ZWSP}三`, '张三'],
			[`${BOM}王五`, '王五'],
			[`${IDEOGRAPHIC_SPACE}李四${IDEOGRAPHIC_SPACE}`, '李四'],
			['阿卜杜拉•艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉・艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉.艾买提', '阿卜杜拉·艾买提'],
		]),
	);
	out.push(
		...cases('chineseName', 'not a name on an ID card', [
			['Zhang San', 'reject'],
			['张3', 'reject'],
			['张', 'reject'],
			['·张三', 'reject'],
			['张三·', 'reject'],
			['张··三', 'reject'],
			['张'.repeat(31), 'reject'],
			['张三（经理）', 'reject'],
		]),
	);
	out.push(...cases('chineseName', 'injection', INJECTIONS.map((text) => [`张三${text}`, 'reject'])));
	out.push(...cases('chineseName', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

// ---- plates and VINs ----

function plateCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	const valid = ['京A12345', '沪AD12345', '粤B12345D', '苏E1234学'];
	out.push(...cases('plate', 'valid', valid.map((v) => [v, v])));
	out.push(
		...cases('plate', 'normalised', [
			['京a12345', '京A12345'],
			['京A·12345', '京A12345'],
			[' 沪A D12345 ', '沪AD12345'],
			['粤Ｂ１２３４５Ｄ', '粤B12345D'],
			[`京A1${ZWSP}2345`, '京A12345'],
			['沪A-D12345', '沪AD12345'],
		]),
	);
	out.push(
		...cases('plate', 'not a plate', [
			['A12345', 'reject'],
			['京A1234', 'reject'],
			['京A1234567', 'reject'],
			['京AI2345', 'reject'],
			['京AO2345', 'reject'],
			['京112345', 'reject'],
			['台A12345', 'reject'],
		]),
	);
	out.push(...cases('plate', 'injection', INJECTIONS.slice(0, 4).map((text) => [`京A12345${text}`, 'reject'])));
	out.push(...cases('plate', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

function vinCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	const valid = ['LSVAU2180N2183294', 'LFV2A21K3A4123456', '1M8GDM9AXKP042788'];
	out.push(...cases('vin', 'valid', valid.map((v) => [v, v])));
	out.push(...cases('vin', 'normalised dressing', dressings(valid[0]).map(([, dressed]) => [dressed, valid[0]])));
	out.push(...cases('vin', 'lowercase', [[valid[1].toLowerCase(), valid[1]]]));
	// The check digit only warns: many Chinese VINs do not use it.
	out.push(...cases('vin', 'check digit mismatch (warns, still sent)', [['1M8GDM9A1KP042788', '1M8GDM9A1KP042788']]));
	out.push(
		...cases('vin', 'not a VIN', [
			['LSVAU2180N218329', 'reject'],
			['LSVAU2180N21832945', 'reject'],
			['LSVAU2180N2I83294', 'reject'],
			['LSVAU2180N2O83294', 'reject'],
			['LSVAU2180N2Q83294', 'reject'],
			['LSVAU2180N218329-', 'reject'],
		]),
	);
	out.push(...cases('vin', 'injection', INJECTIONS.slice(0, 4).map((text) => [`${valid[0]}${text}`, 'reject'])));
	out.push(...cases('vin', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

// ---- company keywords, dates, free text ----

function companyKeywordCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	out.push(
		...cases('companyKeyword', 'valid', [
			['示例（厦门）有限公司', '示例（厦门）有限公司'],
			['Alibaba Group Holding Limited', 'Alibaba Group Holding Limited'],
			['91350100M000100Y43', '91350100M000100Y43'],
		]),
	);
	out.push(
		...cases('companyKeyword', 'normalised', [
			['  示例科技有限公司  ', '示例科技有限公司'],
			['Alibaba   Group', 'Alibaba Group'],
			[`示例${ZWSP}科技`, '示例科技'],
			['91350100m000100y43', '91350100M000100Y43'],
			['ＡＢＣ科技有限公司', 'ABC科技有限公司'],
		]),
	);
	out.push(
		...cases('companyKeyword', 'rejected', [
			['示', 'reject'],
			['示'.repeat(101), 'reject'],
			['913301095U78M2HC4A', 'reject'],
			['91330100716105852A', 'reject'],
		]),
	);
	// Free text: these reach the gateway as JSON strings, exactly as typed (nothing to normalise, nothing unsafe in JSON).
	out.push(...cases('companyKeyword', 'injection (sent verbatim as JSON text)', INJECTIONS.slice(0, 4).map((text) => [text, text])));
	out.push(...cases('companyKeyword', 'empty or null', EMPTIES.map(([, value]) => [value, 'reject'])));
	return out;
}

function dateCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	out.push(
		...cases('date', 'normalised', [
			['2024-01-31', '2024-01-31'],
			['2024/1/31', '2024-01-31'],
			['2024.01.31', '2024-01-31'],
			['20240131', '2024-01-31'],
			['2024年1月31日', '2024-01-31'],
			['2024 年 1 月 31 日', '2024-01-31'],
			['２０２４－０１－３１', '2024-01-31'],
			[' 2024-02-29 ', '2024-02-29'],
			['2024-01-31T10:00:00+08:00', '2024-01-31'],
		]),
	);
	out.push(
		...cases('date', 'impossible or ambiguous date', [
			['2023-02-29', 'reject'],
			['2024-02-30', 'reject'],
			['2024-04-31', 'reject'],
			['2024-13-01', 'reject'],
			['2024-00-10', 'reject'],
			['2024-01-00', 'reject'],
			['31/01/2024', 'reject'],
			['01/31/2024', 'reject'],
			['45322', 'reject'],
			['1899-12-31', 'reject'],
			['2100-01-01', 'reject'],
			['tomorrow', 'reject'],
		]),
	);
	out.push(...cases('date', 'injection', INJECTIONS.slice(0, 4).map((text) => [`2024-01-31${text}`, 'reject'])));
	// Optional: an empty date is left out of the request, not rejected.
	out.push(...cases('date', 'empty (optional, left out)', [['', 'omit'], ['   ', 'omit'], [null, 'omit']]));
	return out;
}

function textCases(): CorpusCase[] {
	const out: CorpusCase[] = [];
	out.push(
		...cases('text', 'normalised', [
			['ORD-2024-0001', 'ORD-2024-0001'],
			['  ORD-2024-0002  ', 'ORD-2024-0002'],
			[`ORD${ZWSP}-2024-0003`, 'ORD-2024-0003'],
			['ＯＲＤ２０２４', 'ORD2024'],
			[20240004, '20240004'],
		]),
	);
	out.push(...cases('text', 'injection (sent verbatim as JSON text)', INJECTIONS.map((text) => [text, text])));
	out.push(
		...cases('text', 'rejected', [
			...EMPTIES.map(([, value]): [unknown, 'reject'] => [value, 'reject']),
			[{ order: 1 }, 'reject'],
			[['a', 'b'], 'reject'],
			[Number.NaN, 'reject'],
			[2 ** 70, 'reject'],
		]),
	);
	return out;
}

/** The whole text corpus; `today` decides which birth dates are in the future. */
export function textCorpus(today: Date = new Date()): CorpusCase[] {
	return [
		...idNumberCases(today),
		...creditCodeCases(),
		...mobileCases(),
		...chineseNameCases(),
		...plateCases(),
		...vinCases(),
		...companyKeywordCases(),
		...dateCases(),
		...textCases(),
	];
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FIELD_KINDS, type FieldKindId } from '../../nodes/shared/fields';

type Case = [input: unknown, expected: string | RegExp];

/** Runs a kind's schema the way the node and the sandbox do; a string is the accepted value, a RegExp the expected problem. */
function check(kind: FieldKindId, cases: readonly Case[]) {
	const schema = FIELD_KINDS[kind].schema;
	for (const [input, expected] of cases) {
		const result = schema.safeParse(input);
		const label = `${kind} ${JSON.stringify(input)}`;
		if (typeof expected === 'string') {
			assert.equal(result.success, true, `${label} was refused: ${result.success ? '' : result.error.issues[0]?.message}`);
			if (result.success) assert.equal(result.data, expected, label);
		} else {
			assert.equal(result.success, false, `${label} was accepted as ${JSON.stringify(result.success && result.data)}`);
			if (!result.success) {
				const message = result.error.issues[0]?.message ?? '';
				assert.match(message, expected, label);
				// Messages complete "Item 3, field 'ID Number': …".
				assert.match(message, /^[a-z0-9]/, `${label}: message should start in lower case`);
			}
		}
	}
}

const TEXT_KINDS = Object.values(FIELD_KINDS)
	.filter((kind) => kind.read === undefined)
	.map((kind) => kind.id as FieldKindId);

const LOST_DIGITS = /spreadsheet converted the column to a number and lost its last digits; format the column as text/;

describe('normalisation shared by every text kind', () => {
	it('covers every kind that is not a binary field', () => {
		assert.deepEqual(
			[...TEXT_KINDS].sort(),
			['bankCard', 'chineseName', 'companyKeyword', 'creditCode', 'date', 'idNumber', 'mobile', 'plate', 'text', 'vin'],
		);
	});

	it('refuses empty values, lists and objects in every kind', () => {
		for (const kind of TEXT_KINDS) {
			check(kind, [
				[undefined, /^is empty; enter a value$/],
				[null, /^is empty; enter a value$/],
				['', /^is empty/],
				['  \u3000\u200B ', /^is empty/],
				[['a', 'b'], /^is a list, not a single value/],
				[{ value: 1 }, /^is an object, not text; pick the field inside it/],
			]);
		}
	});

	it('refuses numbers a spreadsheet put in scientific notation, in every kind, without repairing them', () => {
		for (const kind of TEXT_KINDS) {
			check(kind, [
				['1.1010519491231E+17', LOST_DIGITS],
				[' 6.22202E+18 ', LOST_DIGITS],
				['1.38001E+10', LOST_DIGITS],
				['９．１３５０１Ｅ＋１７', LOST_DIGITS],
				[1.1e21, LOST_DIGITS],
			]);
		}
		// A JavaScript number past 2^53 has already lost digits, even if it does not print in E notation.
		check('idNumber', [[Number('110101199003074477'), /^is the number 110101199003074480: a spreadsheet converted/]]);
		check('bankCard', [[Number('6222020200112233446'), LOST_DIGITS]]);
	});

	it('removes zero-width characters, full-width forms and stray spaces', () => {
		check('idNumber', [
			['\u200B11010519491231002X\uFEFF', '11010519491231002X'],
			['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
			['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
			['110105 19491231 002X', '11010519491231002X'],
			['\u3000 11010519491231002x\u00A0', '11010519491231002X'],
			['1101\u200C0519491231\u200D002X', '11010519491231002X'],
		]);
		check('creditCode', [
			['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
			[' 91350100 M000100 Y43 ', '91350100M000100Y43'],
			['91350100m000100y43\u200B', '91350100M000100Y43'],
		]);
		check('text', [
			['  hello \u200Bworld  ', 'hello world'],
			['第１号楼  ２单元', '第1号楼  2单元'],
			['（备注）', '（备注）'],
			[12345, '12345'],
			[12.5, '12.5'],
		]);
	});
});

describe('field kinds', () => {
	it('ID number', () => {
		check('idNumber', [
			['11010519491231002X', '11010519491231002X'],
			['11010519491231002x', '11010519491231002X'],
			['110105491231002', '11010519491231002X'],
			['11010519491231002', /^has 17 characters; an ID number has 18 \(or 15 for old cards\)$/],
			['110101199003074473', /^check digit should be 7, not 3; check the number for a typo$/],
			['11010519491331002X', /^birth date 19491331 in the number is not a real date/],
			['张三', /^has 2 characters/],
		]);
	});

	it('unified social credit code', () => {
		check('creditCode', [
			['91350100M000100Y43', '91350100M000100Y43'],
			['91330100716105852F', '91330100716105852F'],
			['914403001922038216', '914403001922038216'],
			['913301095U78M2HC4A', /^its check character should be 6, not A; check the code for a typo$/],
			['91350100M000100Y4', /^has 17 characters/],
			['9135010OM000100Y43', /did you mean 0\?/],
		]);
	});

	it('mobile number', () => {
		check('mobile', [
			['13800138000', '13800138000'],
			['+86 138 0013 8000', '13800138000'],
			['+86-138-0013-8000', '13800138000'],
			['0086 13800138000', '13800138000'],
			['8613800138000', '13800138000'],
			['(+86) 13800138000', '13800138000'],
			['＋８６１３８００１３８０００', '13800138000'],
			[13800138000, '13800138000'],
			['19912345678', '19912345678'],
			['12800138000', /^starts with 12; a mainland mobile number starts with 13 to 19/],
			['1380013800', /^has 10 digits; a mainland mobile number has 11/],
			['138001380001', /^has 12 digits/],
			['021-12345678', /^starts with 02;.*landlines are not accepted/],
			['+852 6123 4567', /^has a country code other than \+86/],
			['138OO138000', /^has 'O', which is not a digit/],
		]);
	});

	it('bank card number: Luhn failures warn, they do not block', () => {
		check('bankCard', [
			['6222020200112233446', '6222020200112233446'],
			['6222 0202 0011 2233 446', '6222020200112233446'],
			['6222-0202-0011-2233-446', '6222020200112233446'],
			['4111111111111111', '4111111111111111'],
			['6222020200112233445', '6222020200112233445'],
			['622202020011223', /^has 15 digits; a bank card number has 16 to 19$/],
			['62220202001122334461', /^has 20 digits/],
			['6222O20200112233446', /^has 'O', which is not a digit/],
		]);
		const { warn } = FIELD_KINDS.bankCard;
		assert.ok(warn);
		assert.equal(warn('6222 0202 0011 2233 446'), undefined);
		assert.match(warn('6222020200112233445') ?? '', /^fails the Luhn check digit test; it was sent anyway because some domestic debit cards do/);
		// An invalid value gets its error from the schema, not a warning as well.
		assert.equal(warn('123'), undefined);
	});

	it('plate number (GA 36-2018)', () => {
		check('plate', [
			['京A12345', '京A12345'],
			['京A·12345', '京A12345'],
			['京a 1234b', '京A1234B'],
			['沪AD12345', '沪AD12345'],
			['沪A·D12345', '沪AD12345'],
			['沪AFA1234', '沪AFA1234'],
			['粤B12345D', '粤B12345D'],
			['粤B12345F', '粤B12345F'],
			['粤Z1234港', '粤Z1234港'],
			['苏A1234学', '苏A1234学'],
			['京Ａ１２３４５', '京A12345'],
			['A12345', /^starts with 'A', not a province abbreviation/],
			['港A12345', /^starts with '港'/],
			['京A1234', /^has 6 characters; a plate has 7 \(ordinary\) or 8 \(new-energy\)/],
			['京AO1234', /^uses I or O/],
			['京1A2345', /^has '1' after the province/],
			['沪AA12345', /^is not a valid new-energy plate/],
			['粤B1234DD', /^is not a valid new-energy plate/],
			['京A1234港X', /^is not a valid new-energy plate/],
		]);
	});

	it('VIN: the check digit warns, it does not block', () => {
		check('vin', [
			['1M8GDM9AXKP042788', '1M8GDM9AXKP042788'],
			['lsvau2180n2183294', 'LSVAU2180N2183294'],
			['LSVAU2180N218329', /^has 16 characters; a VIN has 17$/],
			['LSVAU2180NO183294', /^has 'O' at position 11; a VIN never uses I, O or Q/],
		]);
		const { warn } = FIELD_KINDS.vin;
		assert.ok(warn);
		assert.equal(warn('1M8GDM9AXKP042788'), undefined);
		assert.match(warn('LSVAU2180N2183294') ?? '', /many Chinese VINs do not use it, so it was sent anyway/);
		assert.equal(warn('LSVAU'), undefined);
	});

	it('Chinese name', () => {
		check('chineseName', [
			['张三', '张三'],
			['欧阳娜娜', '欧阳娜娜'],
			[' 张 三 ', '张三'],
			['阿卜杜拉·艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉•艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉・艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉 · 艾买提', '阿卜杜拉·艾买提'],
			['阿卜杜拉．艾买提', '阿卜杜拉·艾买提'],
			['王㐀', '王㐀'],
			['李𠀀', '李𠀀'],
			['John Smith', /^contains 'J', which is a Latin letter; enter the name exactly as on the ID card, or turn on Skip Input Validation/],
			['张3', /^contains '3', which is a digit/],
			['张三!', /^contains '!', which is not a Chinese character/],
			['张', /^has 1 character; a name has at least 2$/],
			['·张三', /^has a misplaced ·/],
			['张三·', /^has a misplaced ·/],
			['张··三', /^has a misplaced ·/],
			['张'.repeat(31), /^has 31 characters; a name has at most 30$/],
		]);
		check('chineseName', [['张'.repeat(30), '张'.repeat(30)]]);
	});

	it('company keyword: a name, or a credit code checked as one', () => {
		check('companyKeyword', [
			['福建示例科技有限公司', '福建示例科技有限公司'],
			['福建示例（厦门）科技有限公司', '福建示例（厦门）科技有限公司'],
			['Alibaba  Group\u200B Holding', 'Alibaba Group Holding'],
			['ＴＣＬ科技集团股份有限公司', 'TCL科技集团股份有限公司'],
			['91350100m000100y43', '91350100M000100Y43'],
			['913301095U78M2HC4A', /^looks like a unified social credit code, but its check character should be 6, not A/],
			['阿', /^has 1 character; enter at least 2 characters of the company name, or its credit code$/],
			['公'.repeat(101), /^has 101 characters; a company name has at most 100$/],
		]);
	});

	it('date', () => {
		const luxonLike = (iso: string | null, isValid = true) => ({ isLuxonDateTime: true, isValid, toISODate: () => iso });
		check('date', [
			['2024-01-31', '2024-01-31'],
			['2024/1/31', '2024-01-31'],
			['2024.01.31', '2024-01-31'],
			['20240131', '2024-01-31'],
			[20240131, '2024-01-31'],
			['2024年1月31日', '2024-01-31'],
			['2024年01月31日', '2024-01-31'],
			['2024 年 1 月 31 日', '2024-01-31'],
			['2024 - 01 - 31', '2024-01-31'],
			['２０２４－０１－３１', '2024-01-31'],
			['2024-01-31T23:30:00.000+08:00', '2024-01-31'],
			['2024-01-31 10:00:00', '2024-01-31'],
			['2024-01-31T10:00:00Z', '2024-01-31'],
			['[DateTime: 2024-01-31T10:00:00.000+08:00]', '2024-01-31'],
			[luxonLike('2024-01-31'), '2024-01-31'],
			[new Date('2024-02-29T12:00:00Z'), '2024-02-29'],
			['2024-02-29', '2024-02-29'],
			['2023-02-29', /^is 2023-02-29, which is not a real date; check the month and day$/],
			['2024-04-31', /not a real date/],
			['2024-13-01', /not a real date/],
			['20240230', /not a real date/],
			['1024-01-31', /^has the year 1024, outside 1900-2099; check the year$/],
			['31/01/2024', /^is 31\/01\/2024, with the year last, which is ambiguous .*write it as YYYY-MM-DD$/],
			[45322, /^is 45322, which looks like a spreadsheet's day number/],
			['next Tuesday', /^is not a date in a known form; write it as YYYY-MM-DD/],
			[luxonLike(null, false), /^is an invalid DateTime/],
			[new Date('nonsense'), /^is an invalid Date/],
		]);
	});

	it('text keeps the value as typed, trimmed', () => {
		check('text', [
			['  备注：第一行\n第二行 ', '备注：第一行\n第二行'],
			['A-001', 'A-001'],
			[true, 'true'],
		]);
	});

	it('every kind has a description, and its placeholder passes its own checks without a warning', () => {
		for (const id of TEXT_KINDS) {
			const kind = FIELD_KINDS[id];
			if (id !== 'text') assert.ok(kind.description.length > 10, `${id} has no description`);
			const placeholder = kind.property.placeholder;
			if (placeholder === undefined) continue;
			const parsed = kind.schema.safeParse(placeholder);
			assert.equal(parsed.success, true, `${id} placeholder ${placeholder} is refused by its own schema`);
			assert.equal(kind.warn?.(placeholder), undefined, `${id} placeholder ${placeholder} gives a warning`);
		}
	});
});

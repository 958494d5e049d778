/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { simplify } from '../../nodes/CbtOcr/simplify';
import { CATALOG } from '../../nodes/shared/catalog';
import { maskBankCard, maskIdNumber, maskMobile, maskRecord } from '../../nodes/shared/outcomes/mask';
import { verdictOf } from '../../nodes/shared/outcomes/verdict';
import { contractFor, endpointId, inspectProfile, type ParsedProfile } from '../../nodes/shared/profile';

/*
 * Tables of hand-written expectations: how answers read as verdicts, how personal numbers are
 * masked (values too short to mask included) and what the invoice checks say about odd invoices.
 */

const endpoint = (id: string) => {
	const found = CATALOG.find((candidate) => endpointId(candidate) === id);
	assert.ok(found, `no catalog endpoint ${id}`);
	return found;
};

describe('verdicts: each check endpoint’s answers, by hand', () => {
	it('exactly these endpoints have a verdict table, every one marked as assumed', () => {
		const withTable = CATALOG.filter((candidate) => candidate.verdict).map(endpointId).sort();
		assert.deepEqual(withTable, [
			'EDU.educationLevel',
			'ENT.verifyFourFactors',
			'ENT.verifyThreeFactors',
			'GA.maritalStatusCouple',
			'GA.portrait',
			'GA.portraitLiveness',
			'GA.twoFactor',
			'GA.twoFactorSm',
			'OPT.threeFactor',
			'OPT.twoFactor',
		]);
		for (const candidate of CATALOG.filter((entry) => entry.verdict)) assert.equal(candidate.verdict?.assumed, true, endpointId(candidate));
	});

	// [endpoint, the gateway's answer, the verdict]
	const ROWS: Array<[string, IDataObject, string]> = [
		['GA.twoFactor', { result: '1', desc: '一致' }, 'match'],
		['GA.twoFactor', { result: '2', desc: '不一致' }, 'mismatch'],
		['GA.twoFactor', { result: '3', desc: '查无此人' }, 'noRecord'],
		['GA.twoFactor', { result: 1 }, 'match'],
		['GA.twoFactor', { result: ' 2 ' }, 'mismatch'],
		['GA.twoFactor', { result: '一致' }, 'match'],
		['GA.twoFactor', { result: '不一致' }, 'mismatch'],
		['GA.twoFactor', { result: '查无' }, 'noRecord'],
		['GA.twoFactor', { result: '库中无此号' }, 'noRecord'],
		['GA.twoFactor', { result: '9', desc: '系统繁忙' }, 'unknown'],
		['GA.twoFactor', { result: '' }, 'unknown'],
		['GA.twoFactor', { result: null }, 'unknown'],
		['GA.twoFactor', { desc: '一致' }, 'unknown'],
		['GA.twoFactor', {}, 'unknown'],
		['GA.twoFactorSm', { result: '1', desc: '一致' }, 'match'],
		['GA.twoFactorSm', { result: '2', desc: '不一致' }, 'mismatch'],
		['OPT.threeFactor', { result: '1', desc: '一致', isp: '中国移动' }, 'match'],
		['OPT.threeFactor', { result: '2', desc: '不一致', isp: '中国联通' }, 'mismatch'],
		['OPT.twoFactor', { result: '2', desc: '不一致', isp: '中国电信' }, 'mismatch'],
		['GA.portrait', { result: '1', desc: '系统判断为同一人', similarity: '88.20' }, 'match'],
		['GA.portrait', { result: '2', desc: '不能确定是否为同一人', similarity: '55.00' }, 'unknown'],
		['GA.portrait', { result: '3', desc: '系统判断为不同人', similarity: '21.40' }, 'mismatch'],
		['GA.portraitLiveness', { result: '4', desc: '活体检测未通过', similarity: null }, 'mismatch'],
		['GA.portraitLiveness', { result: '1', desc: '系统判断为同一人' }, 'match'],
		['GA.maritalStatusCouple', { result: '1', desc: '双方为夫妻关系' }, 'match'],
		['GA.maritalStatusCouple', { result: '0', desc: '双方不是夫妻关系' }, 'mismatch'],
		['GA.maritalStatusCouple', { result: '2' }, 'unknown'],
		['EDU.educationLevel', { level: '本科', studyForm: '普通全日制' }, 'match'],
		['EDU.educationLevel', { level: '博士研究生' }, 'match'],
		['EDU.educationLevel', { level: '查无' }, 'noRecord'],
		['EDU.educationLevel', { level: '' }, 'unknown'],
		['EDU.educationLevel', { studyForm: '普通全日制' }, 'unknown'],
		['ENT.verifyThreeFactors', { result: '一致', companyNameMatches: true }, 'match'],
		['ENT.verifyThreeFactors', { result: '不一致', legalPersonMatches: false }, 'mismatch'],
		['ENT.verifyFourFactors', { result: '不一致', legalPersonIdNumberMatches: false }, 'mismatch'],
		['ENT.verifyFourFactors', { result: '核验一致' }, 'match'],
	];
	for (const [id, answer, expected] of ROWS) {
		it(`${id} ${JSON.stringify(answer)} → ${expected}`, () => {
			const rule = contractFor(endpoint(id)).verdict;
			assert.ok(rule);
			assert.equal(verdictOf(answer, rule), expected);
		});
	}

	it('a gateway profile’s table replaces the catalog’s for its endpoint only, nested fields included', () => {
		const profile = inspectProfile({
			endpoints: {
				公安实名二要素核验: { verdict: { field: 'detail.res', match: ['0', 'SAME'], mismatch: [1], noRecord: ['5'] } },
				'GA.badRecord': { verdict: { field: 'result', match: ['0'], mismatch: ['1'] } },
			},
		}) as ParsedProfile;
		assert.ok(!(profile instanceof Error), String(profile));
		const twoFactor = contractFor(endpoint('GA.twoFactor'), profile).verdict;
		assert.ok(twoFactor);
		assert.equal(twoFactor.assumed, false);
		const rows: Array<[IDataObject, string]> = [
			[{ detail: { res: '0' } }, 'match'],
			[{ detail: { res: 'same' } }, 'match'],
			[{ detail: { res: 1 } }, 'mismatch'],
			[{ detail: { res: '5' } }, 'noRecord'],
			// The catalog's values no longer apply.
			[{ result: '1' }, 'unknown'],
			[{ detail: '0' }, 'unknown'],
		];
		for (const [answer, expected] of rows) assert.equal(verdictOf(answer, twoFactor), expected, JSON.stringify(answer));
		// An endpoint the catalog gives no table gets the profile's; another check keeps the catalog's.
		assert.equal(verdictOf({ result: '0', desc: '未命中不良记录' }, contractFor(endpoint('GA.badRecord'), profile).verdict!), 'match');
		assert.equal(verdictOf({ result: '1' }, contractFor(endpoint('OPT.threeFactor'), profile).verdict!), 'match');
	});
});

describe('masking: personal numbers in the output, by hand', () => {
	it('the three shapes, and values too short to mask starred out completely', () => {
		const rows: Array<[(value: string) => string, string, string]> = [
			[maskIdNumber, '11010519491231002X', '110105********002X'],
			[maskIdNumber, '110101199003074477', '110101********4477'],
			[maskIdNumber, '11010519491231002x', '110105********002x'],
			[maskIdNumber, '110105 19491231 002X', '110105********002X'],
			[maskIdNumber, '110105491231002', '110105*****1002'],
			[maskIdNumber, '110105********002X', '110105********002X'],
			[maskIdNumber, '11010519491231', '110105****1231'],
			[maskIdNumber, '1101051949123', '*************'],
			[maskIdNumber, 'E12345678', '*********'],
			[maskIdNumber, '12', '**'],
			[maskIdNumber, '暂无', '暂无'],
			[maskIdNumber, '', ''],
			[maskMobile, '13812345678', '138****5678'],
			[maskMobile, '+86 138 1234 5678', '138****5678'],
			[maskMobile, '8613812345678', '138****5678'],
			[maskMobile, '0086-138-1234-5678', '138****5678'],
			[maskMobile, '138****5678', '138****5678'],
			[maskMobile, '1381234567', '**********'],
			[maskMobile, '1381234', '*******'],
			[maskMobile, '0591-87654321', '059*****4321'],
			[maskMobile, '-', '-'],
			[maskBankCard, '6222020200112233446', '6222 **** **** 3446'],
			[maskBankCard, '6222 0202 0011 2233', '6222 **** **** 2233'],
			[maskBankCard, '6217 0012 3456 7890 122', '6217 **** **** 0122'],
			[maskBankCard, '4392-2588-1234-5678', '4392 **** **** 5678'],
			[maskBankCard, '6222 **** **** 1234', '6222 **** **** 1234'],
			[maskBankCard, '123456789012', '1234 **** **** 9012'],
			[maskBankCard, '12345678901', '***********'],
			[maskBankCard, '62220202', '********'],
		];
		for (const [mask, value, expected] of rows) assert.equal(mask(value), expected, `${mask.name}(${JSON.stringify(value)})`);
	});

	// [key, value, masked value]
	const ROWS: Array<[string, unknown, unknown]> = [
		['idNumber', '11010519491231002X', '110105********002X'],
		['id_card', '110101199003074477', '110101********4477'],
		['ID-Card-No', '110101199003074477', '110101********4477'],
		['legalPersonIdNumber', '11010519491231002X', '110105********002X'],
		['certNo', 'E12345678', '*********'],
		['身份证号', '11010519491231002X', '110105********002X'],
		['mobile', '13812345678', '138****5678'],
		['mobile', 13812345678, '138****5678'],
		['mobileNo', '+8613812345678', '138****5678'],
		['phone', '0591-87654321', '059*****4321'],
		['phone', '暂无', '暂无'],
		['phone', '1381234', '*******'],
		['phones', ['0512-37861234', '13861126112'], ['051*****1234', '138****6112']],
		['sellerAddressPhone', '都市青学区苏北路16号 009-87317576', '都市青学区苏北路16号 009****7576'],
		['payerAddress', '都金锦江区大业路78号029-06113977', '都金锦江区大业路78号029****3977'],
		['address', '福建省福州市鼓楼区五四路1号', '福建省福州市鼓楼区五四路1号'],
		['cardNumber', '6222020200112233446', '6222 **** **** 3446'],
		['bankCardNo', '62220202', '********'],
		['buyerBankAccount', '招商银行杭州分行营业部 571908123410601', '招商银行杭州分行营业部 5719 **** **** 0601'],
		['payerBankName', '中国工商行金有限公司正表宝行6682528591778654000', '中国工商行金有限公司正表宝行6682 **** **** 4000'],
		['bankName', '中国工商银行', '中国工商银行'],
		['remark', '联系人张三 13812345678，身份证11010519491231002X', '联系人张三 138****5678，身份证110105********002X'],
		['remark', '身份证110105194912310021（校验位错）', '身份证110105194912310021（校验位错）'],
		['creditCode', '914403001922038216', '914403001922038216'],
		['checkCode', '59213047813662590418', '59213047813662590418'],
		['invoiceNumber', '24442000000312457896', '24442000000312457896'],
		['requestId', '20241024171526E849E01000002', '20241024171526E849E01000002'],
		['total', 13812345678, 13812345678],
		['isp', '中国移动', '中国移动'],
		['verdict', 'match', 'match'],
		['idNumber', null, null],
		['mobile', true, true],
	];
	for (const [key, value, expected] of ROWS) {
		it(`${key}: ${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
			assert.deepEqual(maskRecord({ [key]: value } as IDataObject)[key], expected);
		});
	}

	it('nested records and lists are masked; the input record is not changed', () => {
		const record: IDataObject = {
			name: '王小明',
			positions: [{ entName: '示例公司', legalPerson: { name: '陈示例', idNumber: '110101199003074477', mobile: '13912345678' } }],
			otherFields: { contact: '13912345678' },
		};
		assert.deepEqual(maskRecord(record), {
			name: '王小明',
			positions: [{ entName: '示例公司', legalPerson: { name: '陈示例', idNumber: '110101********4477', mobile: '139****5678' } }],
			otherFields: { contact: '139****5678' },
		});
		assert.equal((record.otherFields as IDataObject).contact, '13912345678');
	});
});

describe('invoice checks: odd real-world invoices, by hand', () => {
	const NOW = new Date('2026-11-30T04:00:00Z');

	interface Line {
		amount: string;
		rate: string;
		tax: string;
	}
	const line = (amount: string, rate: string, tax: string): Line => ({ amount, rate, tax });
	function invoice(totals: { amount: string; tax: string; total: string }, lines: Line[], extra: IDataObject = {}): IDataObject {
		return {
			invoiceDate: '2024年03月15日',
			payerRegisterNo: '91350100M000100Y43',
			withoutTaxAmount: totals.amount,
			taxAmount: totals.tax,
			invoiceAmount: totals.total,
			itemName: lines.map((entry) => ({ service_name: '*服务*咨询费', amount: entry.amount, rate: entry.rate, tax_amount: entry.tax })),
			...extra,
		};
	}
	const checksOf = (raw: IDataObject, now = NOW) => simplify('invoice', raw, 'omit', now)[0].checks;
	const all = (amountsAddUp: boolean | null, lineItemsAddUp: boolean | null, dateNotInFuture: boolean | null, buyerTaxIdValid: boolean | null) => ({
		amountsAddUp,
		lineItemsAddUp,
		dateNotInFuture,
		buyerTaxIdValid,
	});

	const ROWS: Array<[string, IDataObject, ReturnType<typeof all>]> = [
		[
			'a clean special invoice',
			invoice({ amount: '5044.24', tax: '655.75', total: '5699.99' }, [line('3539.82', '13%', '460.18'), line('1504.42', '13%', '195.57')]),
			all(true, true, true, true),
		],
		[
			'a red-letter (negative) invoice',
			invoice({ amount: '-5044.24', tax: '-655.75', total: '-5699.99' }, [line('-3539.82', '13%', '-460.18'), line('-1504.42', '13%', '-195.57')]),
			all(true, true, true, true),
		],
		[
			'a red-letter invoice printed with brackets and ¥',
			invoice({ amount: '(¥5,044.24)', tax: '(¥655.75)', total: '(¥5,699.99)' }, [line('(3539.82)', '13%', '(460.18)'), line('(1504.42)', '13%', '(195.57)')]),
			all(true, true, true, true),
		],
		[
			'a red-letter invoice whose total lost its minus sign',
			invoice({ amount: '-100.00', tax: '-13.00', total: '113.00' }, [line('-100.00', '13%', '-13.00')]),
			all(false, true, true, true),
		],
		[
			'a discount line (折扣行) with negative amount and tax',
			invoice({ amount: '900.00', tax: '117.00', total: '1017.00' }, [line('1000.00', '13%', '130.00'), line('-100.00', '13%', '-13.00')]),
			all(true, true, true, true),
		],
		[
			'a tax-exempt line printing *** as its tax, beside a taxable one',
			invoice({ amount: '1000.00', tax: '92.04', total: '1092.04' }, [line('707.96', '13%', '92.04'), line('292.04', '免税', '***')]),
			all(true, true, true, true),
		],
		[
			'a 0 % line with 0.00 tax, and a 不征税 line with an empty tax cell',
			invoice({ amount: '300.00', tax: '0.00', total: '300.00' }, [line('200.00', '0%', '0.00'), line('100.00', '不征税', '')]),
			all(true, true, true, true),
		],
		[
			'a taxable line whose tax is masked: not enough data for the lines',
			invoice({ amount: '100.00', tax: '13.00', total: '113.00' }, [line('100.00', '13%', '***')]),
			all(true, null, true, true),
		],
		[
			'rounding by line: three lines of 0.35 at 13 % each round to 0.05 tax, so the tax is 0.15, not 1.05 × 13 % = 0.14',
			invoice({ amount: '1.05', tax: '0.15', total: '1.20' }, [line('0.35', '13%', '0.05'), line('0.35', '13%', '0.05'), line('0.35', '13%', '0.05')]),
			all(true, true, true, true),
		],
		[
			'cents that floating point gets wrong (0.10 + 0.20 = 0.30)',
			invoice({ amount: '0.10', tax: '0.20', total: '0.30' }, [line('0.10', '6%', '0.01'), line('0', '6%', '0.19')]),
			all(true, true, true, true),
		],
		[
			'a total one cent off',
			invoice({ amount: '100.00', tax: '13.00', total: '113.01' }, [line('100.00', '13%', '13.00')]),
			all(false, true, true, true),
		],
		[
			'lines that do not add up to the amount without tax',
			invoice({ amount: '100.01', tax: '13.00', total: '113.01' }, [line('60.00', '13%', '7.80'), line('40.00', '13%', '5.20')]),
			all(true, false, true, true),
		],
		[
			'a line whose amount is unread but whose taxes do not add up: false',
			invoice({ amount: '100.00', tax: '13.00', total: '113.00' }, [line('', '13%', '7.80'), line('40.00', '13%', '5.00')]),
			all(true, false, true, true),
		],
		[
			'a garbled total (1*4.00)',
			invoice({ amount: '100.00', tax: '13.00', total: '1*3.00' }, [line('100.00', '13%', '13.00')]),
			all(null, true, true, true),
		],
		['no line items', invoice({ amount: '100.00', tax: '13.00', total: '113.00' }, []), all(true, null, true, true)],
		[
			'full-width digits and thousands separators',
			invoice({ amount: '１,０００.００', tax: '１３０.００', total: '¥1,130.00' }, [line('1000.00', '13%', '130.00')]),
			all(true, true, true, true),
		],
		[
			'a date in the future',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { invoiceDate: '2030年01月01日' }),
			all(true, true, false, true),
		],
		[
			'issued today in China (2026-11-30 12:00 there)',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { invoiceDate: '2026年11月30日' }),
			all(true, true, true, true),
		],
		[
			'a date that does not exist (30 February)',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { invoiceDate: '2018年02月30日' }),
			all(true, true, null, true),
		],
		[
			'a buyer tax ID with a wrong check character',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { payerRegisterNo: '913301095U78M2HC4A' }),
			all(true, true, true, false),
		],
		[
			'a buyer tax ID in lower case and full width',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { payerRegisterNo: '９１３３０１００７１６１０５８５２ｆ' }),
			all(true, true, true, true),
		],
		[
			'an old 15-digit taxpayer number is not a credit code',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { payerRegisterNo: '330106123456789' }),
			all(true, true, true, false),
		],
		[
			'a person as buyer: no tax ID',
			invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { payerRegisterNo: '' }),
			all(true, true, true, null),
		],
	];
	for (const [label, raw, expected] of ROWS) {
		it(label, () => assert.deepEqual(checksOf(raw), expected));
	}

	it('a date that is already tomorrow in China counts as today there, not as the future', () => {
		const raw = invoice({ amount: '1.00', tax: '0.13', total: '1.13' }, [line('1.00', '13%', '0.13')], { invoiceDate: '2026年12月01日' });
		// 17:00 UTC on 30 November is 01:00 on 1 December in China.
		assert.equal((checksOf(raw, new Date('2026-11-30T17:00:00Z')) as IDataObject).dateNotInFuture, true);
		assert.equal((checksOf(raw, new Date('2026-11-30T15:59:00Z')) as IDataObject).dateNotInFuture, false);
	});

	it('every row of a line-item sheet carries its invoice’s checks', () => {
		const raw = invoice({ amount: '100.00', tax: '13.00', total: '113.01' }, [line('60.00', '13%', '7.80'), line('40.00', '13%', '5.20')]);
		const rows = simplify('invoice', raw, 'split', NOW);
		assert.deepEqual(
			rows.map((row) => row.checks),
			[0, 1].map(() => all(false, true, true, true)),
		);
	});
});

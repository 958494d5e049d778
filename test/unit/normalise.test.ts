/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	cleanText,
	digitsOnly,
	parseAmount,
	parseCapital,
	parseDate,
	parsePeriod,
	parseRate,
	parseYearMonth,
	toHalfWidth,
} from '../../nodes/CbtOcr/normalise';

/** Runs one row per case; the case text is part of the failure message. */
function table<T>(fn: (value: unknown) => T, rows: Array<[unknown, T]>) {
	for (const [input, expected] of rows) {
		assert.deepEqual(fn(input), expected, `${JSON.stringify(input)} should give ${JSON.stringify(expected)}`);
	}
}

describe('normalise › amounts', () => {
	it('reads the seed page amounts and common printed forms', () => {
		table(parseAmount, [
			['174000.00', 174000],
			['150.00', 150],
			['-846', -846],
			['¥1,234.50', 1234.5],
			['￥1,234.50', 1234.5],
			['¥ 1 234.50', 1234.5],
			['RMB 88.8', 88.8],
			['1,130.00元', 1130],
			['(846.00)', -846],
			['−12.5', -12.5],
			['-¥20.00', -20],
			['.50', 0.5],
			['0', 0],
			['-0.00', 0],
			[42.5, 42.5],
		]);
	});

	it('reads full-width digits and punctuation', () => {
		table(parseAmount, [
			['１２３４．５０', 1234.5],
			['１，２３４．５０', 1234.5],
			['￥９２．０４', 92.04],
			['－８４６', -846],
		]);
	});

	it('gives null for masked, garbled and empty values instead of a wrong number', () => {
		table(parseAmount, [
			['', null],
			['   ', null],
			['　', null],
			['***', null],
			['1*4.00', null],
			['394*0', null],
			['1.2.3', null],
			['12,34O.00', null],
			['壹仟元整', null],
			['N/A', null],
			[null, null],
			[undefined, null],
			[Number.NaN, null],
			[{}, null],
		]);
	});
});

describe('normalise › dates', () => {
	it('turns Chinese, dotted, slashed and compact dates into YYYY-MM-DD', () => {
		table(parseDate, [
			['2018年07月20日', '2018-07-20'],
			['2018年7月2日', '2018-07-02'],
			['2023年 9月 5日', '2023-09-05'],
			['２０２３年０９月０５日', '2023-09-05'],
			['2018.07.20', '2018-07-20'],
			['2018/7/20', '2018-07-20'],
			['2018-07-20', '2018-07-20'],
			['２０１８／０７／２０', '2018-07-20'],
			['20180720', '2018-07-20'],
			[' 2018.07.20 ', '2018-07-20'],
		]);
	});

	it('rejects dates that do not exist and text that is not a date', () => {
		table(parseDate, [
			['2018年02月30日', null],
			['2019/2/29', null],
			['2018.13.01', null],
			['20181301', null],
			['2018年07月', null],
			['07/20/2018', null],
			['长期', null],
			['', null],
			[null, null],
		]);
		assert.equal(parseDate('2020/2/29'), '2020-02-29', 'a leap day is a real date');
	});

	it('splits validity periods, including open-ended ones', () => {
		table(parsePeriod, [
			['2016.03.07-2036.03.07', { from: '2016-03-07', to: '2036-03-07', longTerm: false }],
			['2016-03-07-2036-03-07', { from: '2016-03-07', to: '2036-03-07', longTerm: false }],
			['20160307-20360307', { from: '2016-03-07', to: '2036-03-07', longTerm: false }],
			['2010.05.12-长期', { from: '2010-05-12', to: null, longTerm: true }],
			['2015年06月18日至长期', { from: '2015-06-18', to: null, longTerm: true }],
			['2018年04月12日至2048年04月11日', { from: '2018-04-12', to: '2048-04-11', longTerm: false }],
			['２０１６．０３．０７－２０３６．０３．０７', { from: '2016-03-07', to: '2036-03-07', longTerm: false }],
			['', { from: null, to: null, longTerm: false }],
			['长期', { from: null, to: null, longTerm: true }],
		]);
	});

	it('reads a card expiry month', () => {
		table(parseYearMonth, [
			['12/29', '2029-12'],
			['08/2027', '2027-08'],
			['8/27', '2027-08'],
			['１２／２９', '2029-12'],
			['13/29', null],
			['', null],
			['2029-12', null],
		]);
	});
});

describe('normalise › tax rates', () => {
	it('turns percentages into fractions without floating-point noise', () => {
		table(parseRate, [
			['16%', 0.16],
			['13%', 0.13],
			['9%', 0.09],
			['6%', 0.06],
			['3%', 0.03],
			['1.5%', 0.015],
			['0%', 0],
			['13％', 0.13],
			['１３％', 0.13],
			[' 6 % ', 0.06],
			['0.13', 0.13],
			['13', 0.13],
			[0.06, 0.06],
			[9, 0.09],
		]);
	});

	it('gives null for garbled rates and words', () => {
		table(parseRate, [
			['394*0', null],
			['***', null],
			['免税', null],
			['不征税', null],
			['', null],
			[null, null],
		]);
	});
});

describe('normalise › text, digits, capital', () => {
	it('trims text and turns empty strings into null', () => {
		table(cleanText, [
			['', null],
			['  ', null],
			['\u3000曹玉\u3000', '曹玉'],
			[' 成都送达套品有限公司 ', '成都送达套品有限公司'],
			[12, '12'],
			[null, null],
			[[], null],
		]);
	});

	it('converts full-width characters', () => {
		assert.equal(toHalfWidth('ＡＢＣ１２３（）％\u3000'), 'ABC123()% ');
	});

	it('keeps only the digits of a card number, and refuses masked ones', () => {
		table(digitsOnly, [
			['6217 0012 3456 7890 122', '6217001234567890122'],
			['６２２２-０２０２', '62220202'],
			['6222 **** **** 3446', null],
			['', null],
			['abc', null],
		]);
	});

	it('reads registered capital in 万 and 亿 with its currency', () => {
		table(parseCapital, [
			['1000万元人民币', { amount: 10_000_000, currency: 'CNY' }],
			['500万元', { amount: 5_000_000, currency: 'CNY' }],
			['100万美元', { amount: 1_000_000, currency: 'USD' }],
			['1.5亿元人民币', { amount: 150_000_000, currency: 'CNY' }],
			['１，０００万元人民币', { amount: 10_000_000, currency: 'CNY' }],
			['50万港元', { amount: 500_000, currency: 'HKD' }],
			['壹仟万元整', null],
			['1000万', null],
			['', null],
		]);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { checkResidentId } from '../fields/rules/residentId';

/** The Options entry that turns masking on. */
export const MASK_OPTION = 'maskPersonalData';

/*
 * Mask Personal Data: ID numbers, mobiles and bank card numbers in a node's OUTPUT, written so that a
 * spreadsheet or a log never holds them in full. Requests are never masked: this runs on answers only.
 *
 * Where a number is found:
 * - under a key that names it (idNumber, id_card, certNo, mobile, phone, cardNumber, bankAccount, …,
 *   in any case, with or without _ and -, also as the end of a longer key such as legalPersonIdNumber
 *   or buyerBankAccount): the whole value when it is one number, else each number of the kind in it
 *   (a phone field's landline is masked too; a bank field's text keeps the bank's name);
 * - anywhere in any text, when it is a whole resident ID number (a valid check character, province
 *   and birth date) or a mobile number (1[3-9] and 9 more digits, not part of a longer number).
 *
 * How it is written: the kind's head and tail stay and the rest becomes asterisks
 *   ID number 110105********002X (6 + 4 kept), mobile 138****5678 (3 + 4 kept),
 *   bank card 6222 **** **** 1234 (4 + 4 kept; always two groups of stars, so the length does not show).
 * Too short: a value with fewer characters than the kind's head, tail and 4 hidden characters
 * (ID under 14, mobile under 11, card under 12) is starred out completely, same length.
 * A value with no digit at all (暂无, -, 未公开) holds no number and stays as it is; so do null,
 * booleans and empty texts. Masking an already masked value changes nothing.
 */

export type PersonalKind = 'idNumber' | 'mobile' | 'bankCard';

interface MaskShape {
	head: number;
	tail: number;
}

const SHAPES: Record<PersonalKind, MaskShape> = {
	idNumber: { head: 6, tail: 4 },
	mobile: { head: 3, tail: 4 },
	bankCard: { head: 4, tail: 4 },
};

/** At least this many characters must stay hidden, or nothing is shown. */
const MIN_HIDDEN = 4;

const stars = (count: number) => '*'.repeat(Math.max(0, count));

function tooShort(value: string, shape: MaskShape): boolean {
	return value.length < shape.head + shape.tail + MIN_HIDDEN;
}

/** 110105********002X. Spaces are dropped first (110105 19491231 002X is one number). */
export function maskIdNumber(value: string): string {
	const compact = value.replace(/\s+/g, '');
	if (!/\d/.test(compact)) return value;
	const { head, tail } = SHAPES.idNumber;
	if (tooShort(compact, SHAPES.idNumber)) return stars(compact.length);
	return compact.slice(0, head) + stars(compact.length - head - tail) + compact.slice(-tail);
}

const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;

/** 138****5678. A +86 / 0086 prefix, spaces, hyphens and brackets are dropped first. */
export function maskMobile(value: string): string {
	const compact = value.replace(/[\s\-()]/g, '');
	if (!/\d/.test(compact)) return value;
	const national = MOBILE.exec(compact)?.[1] ?? compact;
	const { head, tail } = SHAPES.mobile;
	if (tooShort(national, SHAPES.mobile)) return stars(national.length);
	return national.slice(0, head) + stars(national.length - head - tail) + national.slice(-tail);
}

/** 6222 **** **** 1234, whatever the card's length. Spaces and hyphens are dropped first. */
export function maskBankCard(value: string): string {
	const compact = value.replace(/[\s-]/g, '');
	if (!/\d/.test(compact)) return value;
	const { head, tail } = SHAPES.bankCard;
	if (tooShort(compact, SHAPES.bankCard)) return stars(compact.length);
	return `${compact.slice(0, head)} **** **** ${compact.slice(-tail)}`;
}

// ---- Numbers inside text --------------------------------------------------------------------

const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![\d+])(?:\+86|0086)?1[3-9]\d{9}(?!\d)/g;
// A card or account number written in a longer text: 12 or more digits, maybe in groups.
const CARD_IN_TEXT = /\d(?:[ -]?\d){11,}/g;
// A phone number written in a longer text (029-06113977 after an address): 7 or more digits.
const PHONE_IN_TEXT = /\d(?:[ -]?\d){6,}/g;

/** Whole ID numbers and mobile numbers inside any text. */
export function maskNumbersInText(text: string): string {
	return text
		.replace(ID_IN_TEXT, (id) => (checkResidentId(id).ok ? maskIdNumber(id) : id))
		.replace(MOBILE_IN_TEXT, (mobile) => maskMobile(mobile));
}

// ---- Keys that name a personal number -------------------------------------------------------

const normaliseKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '');

/** Key endings (normalised: lower case, letters and digits only) and what the value holds. */
const KEY_ENDINGS: ReadonlyArray<[string, PersonalKind]> = [
	['idnumber', 'idNumber'],
	['idcard', 'idNumber'],
	['idcardno', 'idNumber'],
	['idcardnumber', 'idNumber'],
	['certno', 'idNumber'],
	['certnumber', 'idNumber'],
	['certificateno', 'idNumber'],
	['certificatenumber', 'idNumber'],
	['identityno', 'idNumber'],
	['identitynumber', 'idNumber'],
	['身份证号', 'idNumber'],
	['身份证号码', 'idNumber'],
	['证件号码', 'idNumber'],
	['mobile', 'mobile'],
	['mobileno', 'mobile'],
	['mobilenumber', 'mobile'],
	['mobilephone', 'mobile'],
	['cellphone', 'mobile'],
	['phone', 'mobile'],
	['phones', 'mobile'],
	['phoneno', 'mobile'],
	['phonenumber', 'mobile'],
	['手机号', 'mobile'],
	['手机号码', 'mobile'],
	['cardnumber', 'bankCard'],
	['cardno', 'bankCard'],
	['bankcard', 'bankCard'],
	['bankcardno', 'bankCard'],
	['bankcardnumber', 'bankCard'],
	['bankaccount', 'bankCard'],
	['accountno', 'bankCard'],
	['accountnumber', 'bankCard'],
	['acctno', 'bankCard'],
	// Invoice OCR's payerBankName / payeeBankName hold the bank and the account number (开户行及账号).
	['bankname', 'bankCard'],
	['银行卡号', 'bankCard'],
	['银行账号', 'bankCard'],
];

/** Keys that are exactly one of these (too short to be safe as an ending). */
const EXACT_KEYS: Readonly<Record<string, PersonalKind>> = {
	idno: 'idNumber',
	sfzh: 'idNumber',
	tel: 'mobile',
	telephone: 'mobile',
	// Invoice OCR's raw payerAddress / payeeAddress hold the address and a phone number (地址、电话).
	payeraddress: 'mobile',
	payeeaddress: 'mobile',
	卡号: 'bankCard',
	账号: 'bankCard',
};

/** What a key says its value holds, if it names a personal number. */
export function personalKindOfKey(key: string): PersonalKind | undefined {
	const normalised = normaliseKey(key);
	if (normalised === '') return undefined;
	return EXACT_KEYS[normalised] ?? KEY_ENDINGS.find(([ending]) => normalised.endsWith(ending))?.[1];
}

/** A value under a key of the kind: the whole value when it is the number, else the numbers in it. */
function maskAs(kind: PersonalKind, text: string): string {
	if (!/\d/.test(text)) return text;
	const compact = text.replace(/[\s\-()+]/g, '');
	// One number (an ID field may hold a passport or permit number with letters), not a text around numbers.
	const whole = (kind === 'idNumber' ? /^[0-9A-Za-z*]+$/ : /^[\d*]+$/).test(compact);
	switch (kind) {
		case 'idNumber':
			return whole ? maskIdNumber(text) : maskNumbersInText(text);
		case 'mobile':
			// A phone field may hold a landline, or an address followed by a phone number: each number in it is masked.
			return whole ? maskMobile(text) : maskNumbersInText(text).replace(PHONE_IN_TEXT, (number) => maskMobile(number));
		case 'bankCard':
			return whole ? maskBankCard(text) : maskNumbersInText(text).replace(CARD_IN_TEXT, (number) => maskBankCard(number));
	}
}

function maskValue(value: unknown, kind: PersonalKind | undefined): unknown {
	if (typeof value === 'string') return kind ? maskAs(kind, value) : maskNumbersInText(value);
	if (typeof value === 'number' && kind && Number.isFinite(value)) return maskAs(kind, String(value));
	if (Array.isArray(value)) return value.map((element) => maskValue(element, kind));
	if (typeof value === 'object' && value !== null) return maskRecord(value as IDataObject);
	return value;
}

/** A copy of an output record with every personal number masked, nested objects and lists included. */
export function maskRecord(record: IDataObject): IDataObject {
	const masked: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		masked[key] = maskValue(value, personalKindOfKey(key)) as IDataObject[string];
	}
	return masked;
}

import { protectFields, readSmSettings } from '../fields/protection';
import type { Endpoint, FieldSpec } from './types';
import { CONSISTENCY_VERDICT, COUPLE_VERDICT, PORTRAIT_VERDICT } from './verdicts';

/*
 * 公安 (public security) identity and risk checks. Only the names come from the gateway's page: every
 * path follows the chosen pattern and every body key is assumed (snake_case, as comparable Chinese
 * identity APIs use). Keys can be added or overridden with the Extra Body Fields option.
 */

const name: FieldSpec = { key: 'name', kind: 'chineseName', parameter: 'name' };
const idNumber: FieldSpec = { key: 'id_card', kind: 'idNumber', parameter: 'idNumber' };
const mobile: FieldSpec = { key: 'mobile', kind: 'mobile', parameter: 'mobile' };
const faceImage: FieldSpec = { key: 'image', kind: 'faceImage', parameter: 'binaryPropertyName' };

const path = (operation: string) => `/apis/tt/gw/ga/v1/${operation.toLowerCase()}`;

export const GA_ENDPOINTS: Endpoint[] = [
	{
		category: 'GA',
		operation: 'badRecord',
		name: 'Bad Record Check',
		chineseName: '不良信息查询',
		action: 'Check a person for bad records',
		returns: 'Returns whether the person has bad records (criminal, drug or fugitive) and, if so, their categories and periods',
		method: 'POST',
		path: path('badRecord'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card.
		fields: [name, idNumber],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'twoFactor',
		name: 'Name and ID Check',
		chineseName: '公安实名二要素核验',
		action: 'Verify a name and ID number',
		returns: 'Returns whether the name and ID number belong together, with a verdict: match, mismatch or noRecord',
		method: 'POST',
		path: path('twoFactor'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card.
		fields: [name, idNumber],
		output: { kind: 'object' },
		verdict: CONSISTENCY_VERDICT,
	},
	{
		category: 'GA',
		operation: 'twoFactorSm',
		name: 'Name and ID Check (SM)',
		chineseName: '公安实名二要素核验-SM版本',
		action: 'Verify a name and ID number sent SM-encrypted',
		returns: 'Returns whether the name and ID number belong together, with a verdict: match, mismatch or noRecord',
		method: 'POST',
		path: path('twoFactorSm'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, both checked in clear and then protected in place (scheme
		// chosen and configurable, see smProtection.ts), so they travel under their usual keys.
		fields: [name, idNumber],
		output: { kind: 'object' },
		transformBody: (body, options) => protectFields(body, ['name', 'id_card'], readSmSettings(options)),
		verdict: CONSISTENCY_VERDICT,
	},
	{
		category: 'GA',
		operation: 'portrait',
		name: 'Portrait Check',
		chineseName: '公安人像核验',
		action: 'Verify a face photo against a name and ID number',
		returns: 'Returns whether the photo shows the holder of the ID number, a similarity score and a verdict',
		method: 'POST',
		path: path('portrait'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, image (base64, as Invoice OCR's documented image key).
		fields: [name, idNumber, faceImage],
		output: { kind: 'object' },
		verdict: PORTRAIT_VERDICT,
	},
	{
		category: 'GA',
		operation: 'portraitLiveness',
		name: 'Portrait and Liveness Check',
		chineseName: '公安人像核验+活体识别',
		action: 'Verify a live face photo against a name and ID number',
		returns: 'Returns whether the photo is of a live person and shows the holder of the ID number, the scores and a verdict',
		method: 'POST',
		path: path('portraitLiveness'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, image.
		fields: [name, idNumber, faceImage],
		output: { kind: 'object' },
		verdict: PORTRAIT_VERDICT,
	},
	{
		category: 'GA',
		operation: 'maritalStatus',
		name: 'Marital Status',
		chineseName: '婚姻信息查询-单人版',
		action: 'Get a person’s marital status',
		returns: 'Returns the person’s marital status (married, unmarried, divorced, remarried or widowed) and the latest registration date',
		method: 'POST',
		path: path('maritalStatus'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card.
		fields: [name, idNumber],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'maritalStatusAuthorized',
		name: 'Marital Status (Authorized)',
		chineseName: '婚姻信息查询-单人版授权',
		action: 'Get a person’s marital status with their authorization',
		returns: 'Returns the person’s marital status and the latest registration date, queried with their authorization',
		method: 'POST',
		path: path('maritalStatusAuthorized'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, auth_code. What the authorisation is (a code, the number of a
		// signed authorisation letter, or the letter itself) is not documented; a code is our guess.
		fields: [
			name,
			idNumber,
			{
				key: 'auth_code',
				kind: 'text',
				parameter: 'authorizationCode',
				displayName: 'Authorization Code',
				description: 'The authorization code or authorization letter number (授权码/授权书编号) the person gave for this query',
			},
		],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'maritalStatusCouple',
		name: 'Marriage Check (Couple)',
		chineseName: '婚姻信息查询-双方版',
		action: 'Check whether two people are married to each other',
		returns: 'Returns whether the two people are married to each other, with a verdict: match or mismatch',
		method: 'POST',
		path: path('maritalStatusCouple'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, partner_name, partner_id_card.
		fields: [
			name,
			idNumber,
			{ key: 'partner_name', kind: 'chineseName', parameter: 'partnerName', displayName: 'Partner Name', description: 'The other person’s name as on their ID card' },
			{ key: 'partner_id_card', kind: 'idNumber', parameter: 'partnerIdNumber', displayName: 'Partner ID Number', description: 'The other person’s resident ID card number (居民身份证号)' },
		],
		output: { kind: 'object' },
		verdict: COUPLE_VERDICT,
	},
	{
		category: 'GA',
		operation: 'litigation',
		name: 'Litigation Records',
		chineseName: '涉诉信息-法研院',
		action: 'Get a person’s litigation records',
		returns: 'Returns the person’s court cases: case number, court, type, cause, role, amount and status',
		method: 'POST',
		path: path('litigation'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card.
		fields: [name, idNumber],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'fraudRiskScore',
		name: 'Gambling and Fraud Risk Score',
		chineseName: '反赌反诈风险评分',
		action: 'Score a person’s gambling and fraud risk',
		returns: 'Returns a gambling and fraud risk score, its level and risk tags',
		method: 'POST',
		path: path('fraudRiskScore'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, mobile.
		fields: [name, idNumber, mobile],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'multiLending',
		name: 'Multiple Lending',
		chineseName: '多头借贷查询',
		action: 'Get a person’s multiple lending summary',
		returns: 'Returns loan applications and lenders counted over the last 7 to 365 days, and the last application date',
		method: 'POST',
		path: path('multiLending'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, mobile.
		fields: [name, idNumber, mobile],
		output: { kind: 'object' },
	},
	{
		category: 'GA',
		operation: 'multiLendingDetail',
		name: 'Multiple Lending Details',
		chineseName: '多头借贷查询-详细信息',
		action: 'Get a person’s multiple lending details',
		returns: 'Returns the lending summary and one record per loan application: date, type of lender and product',
		method: 'POST',
		path: path('multiLendingDetail'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, mobile.
		fields: [name, idNumber, mobile],
		output: { kind: 'object' },
	},
];

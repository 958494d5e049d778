import type { Endpoint, FieldSpec } from './types';
import { CONSISTENCY_VERDICT } from './verdicts';

/*
 * Carrier (运营商) checks. Paths follow the chosen pattern; body keys are assumed (snake_case, as
 * comparable carrier verification APIs use) and can be added or overridden with Extra Body Fields.
 */

const name: FieldSpec = { key: 'name', kind: 'chineseName', parameter: 'name' };
const idNumber: FieldSpec = { key: 'id_card', kind: 'idNumber', parameter: 'idNumber' };
const mobile: FieldSpec = { key: 'mobile', kind: 'mobile', parameter: 'mobile' };

const path = (operation: string) => `/apis/tt/gw/opt/v1/${operation.toLowerCase()}`;

export const OPT_ENDPOINTS: Endpoint[] = [
	{
		category: 'OPT',
		operation: 'threeFactor',
		name: 'Name, ID and Mobile Check',
		chineseName: '运营商三要素验证',
		action: 'Verify a name, ID number and mobile number',
		returns: 'Returns whether the name, ID number and mobile number belong together, with a verdict: match, mismatch or noRecord',
		method: 'POST',
		path: path('threeFactor'),
		pathConfirmed: false,
		// Body keys assumed: name, id_card, mobile.
		fields: [name, idNumber, mobile],
		output: { kind: 'object' },
		verdict: CONSISTENCY_VERDICT,
	},
	{
		category: 'OPT',
		operation: 'twoFactor',
		name: 'Name and Mobile Check',
		chineseName: '运营商二要素验证',
		action: 'Verify a name and mobile number',
		returns: 'Returns whether the name and mobile number belong together, with a verdict: match, mismatch or noRecord',
		method: 'POST',
		path: path('twoFactor'),
		pathConfirmed: false,
		// Body keys assumed: name, mobile (the carrier holds the subscriber's name, so this pair is the usual one).
		fields: [name, mobile],
		output: { kind: 'object' },
		verdict: CONSISTENCY_VERDICT,
	},
	{
		category: 'OPT',
		operation: 'onlineDuration',
		name: 'Time on Network',
		chineseName: '全网手机在网时长',
		action: 'Get how long a mobile number has been in service',
		returns: 'Returns the carrier and how long the mobile number has been in service, as a range of months',
		method: 'POST',
		path: path('onlineDuration'),
		pathConfirmed: false,
		// Body key assumed: mobile.
		fields: [mobile],
		output: { kind: 'object' },
	},
];

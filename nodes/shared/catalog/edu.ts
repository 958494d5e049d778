import type { Endpoint } from './types';
import { EDUCATION_VERDICT } from './verdicts';

export const EDU_ENDPOINTS: Endpoint[] = [
	{
		category: 'EDU',
		operation: 'educationLevel',
		name: 'Education Check',
		chineseName: '教育背景核验-不带学校',
		action: 'Get a person’s highest education level',
		returns: 'Returns the person’s highest education level (without the school), with a verdict: match when a record exists',
		method: 'POST',
		path: '/apis/tt/gw/edu/v1/educationlevel',
		pathConfirmed: false,
		// Body keys assumed: name, id_card. "不带学校": the answer gives the level, not the school.
		fields: [
			{ key: 'name', kind: 'chineseName', parameter: 'name' },
			{ key: 'id_card', kind: 'idNumber', parameter: 'idNumber' },
		],
		output: { kind: 'object' },
		verdict: EDUCATION_VERDICT,
	},
];

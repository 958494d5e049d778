import type { Endpoint } from './types';

export const TV1_ENDPOINTS: Endpoint[] = [
	{
		category: 'tv1',
		operation: 'marketingRisk',
		name: 'Marketing Risk',
		chineseName: '营销风控',
		action: 'Score a mobile number’s marketing fraud risk',
		returns: 'Returns a marketing fraud risk score, its level, risk tags and a suggestion',
		method: 'POST',
		path: '/apis/tt/gw/tv1/v1/marketingrisk',
		pathConfirmed: false,
		// Body keys assumed: mobile, and id_card when given (comparable anti-fraud APIs take it to sharpen the score).
		fields: [
			{ key: 'mobile', kind: 'mobile', parameter: 'mobile' },
			{
				key: 'id_card',
				kind: 'idNumber',
				parameter: 'idNumber',
				required: false,
				description: 'Optional resident ID card number (居民身份证号) of the number’s holder',
			},
		],
		output: { kind: 'object' },
	},
];

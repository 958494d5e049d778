import type { Endpoint } from './types';

/*
 * The two endpoints the gateway's page lists outside any category. Only their names and methods are
 * known: their purpose, parameters and paths are not. The paths below are our invention (and may
 * be changed under Options); parameters go in Extra Body Fields, sent as the query string for GET.
 */
export const MISC_ENDPOINTS: Endpoint[] = [
	{
		category: 'MISC',
		operation: 'unnamedEndpoint',
		name: 'Unnamed Endpoint',
		chineseName: '未命名接口',
		action: 'Call the unnamed endpoint',
		returns: 'Returns the gateway’s answer as it is: what this endpoint does is not documented',
		method: 'GET',
		path: '/apis/tt/gw/misc/v1/unnamedendpoint',
		pathConfirmed: false,
		fields: [],
		output: { kind: 'object' },
	},
	{
		category: 'MISC',
		operation: 'shidian',
		name: 'Shidian',
		chineseName: '拾点',
		action: 'Call the Shidian endpoint',
		returns: 'Returns the gateway’s answer as it is: what this endpoint does is not documented',
		method: 'POST',
		path: '/apis/tt/gw/misc/v1/shidian',
		pathConfirmed: false,
		fields: [],
		output: { kind: 'object' },
	},
];

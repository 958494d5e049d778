import type { Endpoint } from './types';

/**
 * Real-estate lookups are asynchronous: Request returns a task ID, Get Result answers "still
 * processing" (200002) until the registry search has finished. The inputs are our choice: the
 * gateway's page lists only the names, and a registry search by the holder's name and ID number is
 * what comparable services take; a property certificate number optionally narrows it to one property.
 */
export const IMP_ENDPOINTS: Endpoint[] = [
	{
		category: 'IMP',
		operation: 'request',
		name: 'Request',
		chineseName: '不动产信息-请求查询',
		action: 'Request a real estate lookup',
		returns: 'Returns a task ID to fetch the result with, or the properties registered to the person with Wait for Result',
		method: 'POST',
		path: '/apis/tt/gw/imp/v1/request',
		pathConfirmed: false,
		fields: [
			{ key: 'name', kind: 'chineseName', displayName: 'Holder Name', description: 'The property holder’s name (权利人姓名)' },
			{ key: 'idcard', kind: 'idNumber', parameter: 'idNumber', displayName: 'Holder ID Number' },
			{
				key: 'cert_no',
				kind: 'text',
				parameter: 'certificateNumber',
				displayName: 'Property Certificate Number',
				description: 'Optional: limits the lookup to one property (不动产权证号)',
				required: false,
			},
		],
		output: {
			kind: 'task',
			taskIdKey: 'task_id',
			resultOperation: 'result',
			resultTaskIdKey: 'task_id',
			statusKey: 'status',
			pendingStatuses: ['processing', 'pending', 'running'],
			failedStatuses: ['failed', 'failure', 'error'],
		},
	},
	{
		category: 'IMP',
		operation: 'result',
		name: 'Get Result',
		chineseName: '不动产信息-请求结果',
		action: 'Get the result of a real estate lookup',
		returns: 'Returns the lookup’s status and, when done, the properties registered to the person',
		method: 'POST',
		path: '/apis/tt/gw/imp/v1/result',
		pathConfirmed: false,
		fields: [
			{
				key: 'task_id',
				kind: 'text',
				parameter: 'taskId',
				displayName: 'Task ID',
				description: 'The task ID returned by the Request operation',
			},
		],
		output: { kind: 'object' },
		// The result names the holder, with their ID number (which Request took).
		outputHoldsPersonalData: true,
	},
];

import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../catalog/types';
import { MASK_OPTION } from '../outcomes/mask';
import { ON_NO_DATA, ON_NO_DATA_OPTION } from '../outcomes/noData';

const PERSONAL_KINDS = new Set(['idNumber', 'mobile', 'bankCard']);

/** Whether an endpoint takes or returns ID numbers, mobiles or bank card numbers. */
export function holdsPersonalData(endpoint: Endpoint): boolean {
	return endpoint.outputHoldsPersonalData === true || endpoint.fields.some((field) => PERSONAL_KINDS.has(field.kind));
}

/**
 * On No Data for every called operation, and Mask Personal Data for the operations whose answers may
 * hold personal numbers; both only for the catalog's operations (a node's own operations, such as
 * Custom Request, do not read them).
 */
export function outcomeOptions(endpoints: readonly Endpoint[]): INodeProperties[] {
	const called = endpoints.filter((endpoint) => endpoint.output.kind !== 'notification');
	if (called.length === 0) return [];
	const showFor = (subset: readonly Endpoint[]) => ({ show: { '/operation': subset.map((endpoint) => endpoint.operation) } });
	const show = showFor(called);
	const personal = called.filter(holdsPersonalData);
	const options: INodeProperties[] = [
		{
			displayName: 'On No Data',
			name: ON_NO_DATA_OPTION,
			type: 'options',
			default: 'outputItem',
			displayOptions: show,
			options: [
				{
					name: 'Output Item',
					value: ON_NO_DATA.outputItem,
					description: 'Output an item with "found" set to false, the gateway code and message, and whether the call was billed',
				},
				{
					name: 'Output Nothing',
					value: ON_NO_DATA.outputNothing,
					description: 'Output no item for that input item. Output items then no longer match input items one to one.',
				},
				{
					name: 'Raise Error',
					value: ON_NO_DATA.raiseError,
					description: 'Stop the workflow, as for other gateway errors, or output an error item when the node continues on fail',
				},
			],
			description: 'What to do when the gateway answers that it has no data for an item. The call may still be billed.',
		},
	];
	if (personal.length > 0) {
		options.push({
			displayName: 'Mask Personal Data',
			name: MASK_OPTION,
			type: 'boolean',
			default: false,
			displayOptions: showFor(personal),
			description:
				'Whether to mask ID numbers, mobile numbers and bank card numbers in the output (110105********002X, 138****5678, 6222 **** **** 1234). What is sent to the gateway is never masked.',
		});
	}
	return options;
}

import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../catalog';
import { PAGING } from '../execution/calls/paged';

/** Return All and Limit, shown only for operations that return a list (paged by calls/paged.ts). */
export function pagingProperties(endpoints: readonly Endpoint[]): INodeProperties[] {
	const listOperations = endpoints.filter((endpoint) => endpoint.output.kind === 'list').map((endpoint) => endpoint.operation);
	if (listOperations.length === 0) return [];
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show: { operation: listOperations } },
			description: 'Whether to return all results or only up to a given limit',
			hint: `Each page of up to ${PAGING.maxPageSize} records is a separate billed call`,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			// A literal, as n8n's lint requires; the tests hold it equal to PAGING.defaultLimit.
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { operation: listOperations, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

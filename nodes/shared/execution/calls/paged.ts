import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ListKeys } from '../../profile';
import { callGateway, type GatewayRequest, type ResponseMeta } from '../../transport/request';
import { noDataOf, noDataOutcome } from './noData';
import { asRecord } from './single';
import { PAGING } from '../../profile/paging';
import type { CallOutcome, CallPlan, CallStrategy } from './types';

export { PAGING };


export interface PagePlan {
	pageSize: number;
	/** How many pages at most; Infinity for Return All. */
	maxPages: number;
}

/**
 * The page size stays the same on every page, because page N of size S starts at record (N-1)·S:
 * shrinking the last page would return records already seen. For a limit the size is chosen so
 * that the fewest pages hold it with the least overrun (Limit 60 → 2 pages of 30, not 50 + 50).
 */
export function planPages(returnAll: boolean, limit: number, maxPageSize: number = PAGING.maxPageSize): PagePlan {
	if (returnAll) return { pageSize: maxPageSize, maxPages: Infinity };
	const maxPages = Math.ceil(limit / maxPageSize);
	return { pageSize: Math.ceil(limit / maxPages), maxPages };
}

function withPage(request: GatewayRequest, keys: ListKeys, page: number, pageSize: number): GatewayRequest {
	const paging = { [keys.pageKey]: page, [keys.pageSizeKey]: pageSize };
	// Only bodies with images are built as bytes in advance, and no paged endpoint takes an image.
	if (Buffer.isBuffer(request.body)) throw new Error('A paged request cannot have a body built in advance');
	return request.method === 'GET'
		? { ...request, qs: { ...request.qs, ...paging } }
		: { ...request, body: { ...request.body, ...paging } };
}

function totalOf(data: IDataObject | undefined, totalKey: string): number | undefined {
	const total = Number(data?.[totalKey]);
	return data?.[totalKey] !== undefined && Number.isFinite(total) ? total : undefined;
}

function readPaging(context: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: Infinity };
	const limit = Number(context.getNodeParameter('limit', itemIndex, PAGING.defaultLimit));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}, field 'Limit': ${String(limit)} is not a whole number of at least 1`, {
			itemIndex,
			description: 'Enter how many records to return, or turn on Return All. Nothing was sent to the gateway for this item.',
		});
	}
	return { returnAll, limit };
}

/**
 * Calls a list endpoint page by page. Each page is a separate (billed) call, so it stops as soon
 * as it has the records asked for, and never asks for a page past the end when the gateway says
 * how many records there are.
 */
async function callPages(context: IExecuteFunctions, plan: CallPlan, itemIndex: number): Promise<CallOutcome> {
	const keys = plan.contract.list;
	if (!keys) throw new Error(`${plan.endpoint.operation} is not a list endpoint`);
	const { returnAll, limit } = readPaging(context, itemIndex);
	const { pageSize, maxPages } = planPages(returnAll, limit);

	const records: IDataObject[] = [];
	let meta: ResponseMeta | undefined;
	for (let index = 0; index < maxPages; index++) {
		const page = PAGING.firstPage + index;
		let result;
		try {
			result = await callGateway(context, withPage(plan.request, keys, page, pageSize), itemIndex, plan.call);
		} catch (error) {
			const noData = noDataOf(error, plan.contract.codes);
			// Some gateways answer "no data" for a page past the end: the list simply ended there.
			if (index > 0 && noData) break;
			// callGateway throws NodeApiErrors already; the constructor hands those back unchanged.
			const nodeError = new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
			// On the first page it is the answer for the whole item, as for a single record.
			if (noData) return noDataOutcome(noData, nodeError);
			throw nodeError;
		}
		meta = result.meta;
		const data = result.data as IDataObject | undefined;
		const list = data?.[keys.itemsKey];
		const pageRecords = Array.isArray(list) ? list.map(asRecord) : [];
		records.push(...pageRecords);

		const total = totalOf(data, keys.totalKey);
		const ended =
			pageRecords.length < pageSize ||
			(total !== undefined && (index + 1) * pageSize >= total) ||
			// An endpoint that ignores paging sends everything at once; asking again would repeat it.
			pageRecords.length > pageSize;
		if (ended || records.length >= limit) break;
	}
	return { records: returnAll ? records : records.slice(0, limit), meta: meta as ResponseMeta };
}

/** Return All and Limit, for the list operations. */
function pagingParameters(operations: readonly string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show: { operation: [...operations] } },
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
			displayOptions: { show: { operation: [...operations], returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export const pagedCall: CallStrategy = { call: callPages, parameters: pagingParameters, options: () => [], keyParameters: ['returnAll', 'limit'] };

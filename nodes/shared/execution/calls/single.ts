import type { IDataObject } from 'n8n-workflow';

import { callGateway, type GatewayResult } from '../../transport/request';
import { noDataOrThrow } from './noData';
import type { CallStrategy } from './types';

export function asRecord(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: { data: value as IDataObject[string] };
}

/** One call; `data` is the record, or for list endpoints `data[itemsKey]` holds the records. */
export const singleCall: CallStrategy = async (context, plan, itemIndex) => {
	let result: GatewayResult;
	try {
		result = await callGateway(context, plan.request, itemIndex, plan.call);
	} catch (error) {
		return noDataOrThrow(error, plan.contract.codes);
	}
	const { data, meta } = result;
	const list = plan.contract.list;
	if (list) {
		const records = (data as IDataObject | undefined)?.[list.itemsKey];
		return { records: Array.isArray(records) ? records.map(asRecord) : [], meta };
	}
	return { records: [asRecord(data)], meta };
};

import type { IDataObject } from 'n8n-workflow';

import { callGateway } from '../transport';
import type { CallStrategy } from './types';

export function asRecord(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: { data: value as IDataObject[string] };
}

/** One call; `data` is the record, or for list endpoints `data[itemsKey]` holds the records. */
export const singleCall: CallStrategy = async (context, plan, itemIndex) => {
	const { data, meta } = await callGateway(context, plan.request, itemIndex, plan.call);
	const list = plan.contract.list;
	if (list) {
		const records = (data as IDataObject | undefined)?.[list.itemsKey];
		return { records: Array.isArray(records) ? records.map(asRecord) : [], meta };
	}
	return { records: [asRecord(data)], meta };
};

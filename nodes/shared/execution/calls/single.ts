import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callGateway, type GatewayResult } from '../../transport/request';
import { noDataOrThrow } from './noData';
import type { CallOutcome, CallPlan, CallStrategy } from './types';

export function asRecord(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: { data: value as IDataObject[string] };
}

/** One call; `data` is the record, or for list endpoints `data[itemsKey]` holds the records. */
async function callOnce(context: IExecuteFunctions, plan: CallPlan, itemIndex: number): Promise<CallOutcome> {
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
}

export const singleCall: CallStrategy = { call: callOnce, parameters: () => [], options: () => [], keyParameters: [] };

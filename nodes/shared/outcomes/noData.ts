import type { IDataObject } from 'n8n-workflow';

import { VERDICT_FIELD } from './verdict';

/** The On No Data option: what an answer whose code means "no data" becomes. Saved in workflows: never change a value. */
export const ON_NO_DATA_OPTION = 'onNoData';
export const ON_NO_DATA = {
	/** One item saying nothing was found (the default): the run goes on and every input item has its row. */
	outputItem: 'outputItem',
	/** No item for that input item; the others keep their pairing. */
	outputNothing: 'outputNothing',
	/** The item fails, as any gateway error does (or becomes an error item under Continue On Fail). */
	raiseError: 'raiseError',
} as const;
export type OnNoData = (typeof ON_NO_DATA)[keyof typeof ON_NO_DATA];
export const ON_NO_DATA_VALUES: readonly OnNoData[] = Object.values(ON_NO_DATA);

/** A "no data" answer, as the gateway gave it. */
export interface NoDataAnswer {
	code: number;
	/** The gateway's message (查询无结果), or null when it sent none. */
	message: string | null;
	/** From the answer's `charge`: true billed, false not billed, null when the gateway did not say. */
	billed: boolean | null;
	requestId: string | null;
}

/**
 * The item a "no data" answer becomes under Output Item: `found: false`, then (for check endpoints)
 * `verdict: "noRecord"`, then the gateway's code and message, whether the call was billed and its
 * request ID, so that a row in a sheet says what happened and what it cost.
 */
export function noDataItem(answer: NoDataAnswer, isCheck: boolean): IDataObject {
	return {
		found: false,
		...(isCheck ? { [VERDICT_FIELD]: 'noRecord' } : {}),
		code: answer.code,
		message: answer.message,
		billed: answer.billed,
		requestId: answer.requestId,
	};
}

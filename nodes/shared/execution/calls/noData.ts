import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CodeBook } from '../../transport/codes';
import { describeCode } from '../../transport/codes';
import type { NoDataAnswer } from '../../outcomes/noData';
import { toNodeError, type GatewayFailure, type ResponseMeta } from '../../transport/request';
import type { CallOutcome } from './types';

/**
 * The gateway's "no data" answer (a code whose kind is noData in the code table or the gateway
 * profile), recovered from the error the transport raises for it. Anything else: undefined.
 */
export function noDataOf(error: unknown, codes: CodeBook = describeCode): NoDataAnswer | undefined {
	if (!(error instanceof NodeApiError) || error.errorResponse?.kind !== 'noData') return undefined;
	const response = error.errorResponse;
	const code = Number(response.code);
	// The transport's message is "Gateway error <code> (<meaning>): <gateway message>".
	const text = typeof response.message === 'string' ? response.message : '';
	const prefix = `Gateway error ${code} (${codes(code).meaning})`;
	const message = text.startsWith(prefix) ? text.slice(prefix.length).replace(/^: /, '') : text;
	return {
		code,
		message: message === '' ? null : message,
		billed: typeof response.billed === 'boolean' ? response.billed : null,
		requestId: typeof response.requestId === 'string' ? response.requestId : null,
	};
}

/** A call that ended in "no data": no records; the answer and the error to raise if the user wants one. */
export function noDataOutcome(answer: NoDataAnswer, error: NodeApiError): CallOutcome {
	const meta: ResponseMeta = {
		code: answer.code,
		requestId: answer.requestId ?? undefined,
		billed: answer.billed ?? undefined,
		message: answer.message ?? undefined,
	};
	return { records: [], meta, noData: { answer, error } };
}

/** What a call that threw comes to: the "no data" outcome, or the error, thrown on as it was. */
export function noDataOrThrow(error: unknown, codes: CodeBook): CallOutcome {
	const answer = noDataOf(error, codes);
	if (answer) return noDataOutcome(answer, error as NodeApiError);
	throw error;
}

/** The same for a failure the strategy holds itself (a poll's answer). */
export function noDataFromFailure(context: IExecuteFunctions, failure: GatewayFailure, itemIndex: number, billed: boolean | undefined): CallOutcome {
	const answer: NoDataAnswer = {
		code: failure.meta.code ?? 0,
		message: failure.meta.message ?? null,
		billed: billed ?? null,
		requestId: failure.meta.requestId ?? null,
	};
	return noDataOutcome(answer, toNodeError(context, failure, itemIndex));
}

import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeCode, type CodeKind } from './gatewayCodes';
import { isBilled, parseEnvelope, type Envelope } from './envelope';
import { DEFAULT_RETRY, isRateLimit, isRetryable, parseRetryAfter, retryDelayMs, Throttle, type RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'cbtApi';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface GatewayRequest {
	method: IHttpRequestMethods;
	/** A path on the gateway, e.g. /apis/tt/gw/ocr/v1/invoice; the credential adds the base URL. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

export interface GatewayResult {
	data: unknown;
	meta: ResponseMeta;
}

export interface ResponseMeta {
	requestId?: string;
	billed?: boolean;
	code: number;
	message?: string;
	gatewayTime?: number;
}

/** Why a call failed, in the terms the caller needs to decide on a retry. */
export type FailureKind = CodeKind | 'http' | 'notEnvelope' | 'network' | 'timeout';

export class GatewayFailure {
	constructor(
		readonly kind: FailureKind,
		readonly message: string,
		public description: string,
		readonly meta: Partial<ResponseMeta>,
		readonly httpStatus?: number,
		/** True when the request cannot have reached the gateway (so it cannot have been billed). */
		readonly notSent = false,
		/** From a Retry-After header, in milliseconds. */
		public retryAfterMs?: number,
	) {}
}

function metaOf(envelope: Envelope): ResponseMeta {
	return {
		requestId: envelope.request_id,
		billed: isBilled(envelope),
		code: envelope.code,
		message: envelope.message,
		gatewayTime: envelope.timestamp,
	};
}

export function billedText(billed: boolean | undefined): string {
	if (billed === undefined) return 'unknown (the gateway did not say)';
	return billed ? 'yes' : 'no';
}

function detailLine(meta: Partial<ResponseMeta>): string {
	return `Request ID: ${meta.requestId ?? 'none'}. Billed: ${billedText(meta.billed)}.`;
}

/** Turns an HTTP answer into data or a failure, without throwing. */
export function interpretResponse(statusCode: number, body: unknown): GatewayResult | GatewayFailure {
	const envelope = parseEnvelope(body);
	if (!envelope) {
		if (statusCode >= 400) {
			return new GatewayFailure(
				'http',
				`The gateway answered HTTP ${statusCode}`,
				'The answer was not the gateway envelope, so it is unknown whether the call was billed.',
				{},
				statusCode,
			);
		}
		return new GatewayFailure(
			'notEnvelope',
			'The gateway answered with something that is not its JSON envelope',
			`HTTP ${statusCode}. Check the Base URL in the credential and the path under Options; it is unknown whether the call was billed.`,
			{},
			statusCode,
		);
	}
	const meta = metaOf(envelope);
	if (envelope.code === 0 && statusCode < 400) return { data: envelope.data ?? {}, meta };

	const meaning = describeCode(envelope.code);
	const kind: FailureKind = envelope.code === 0 ? 'http' : meaning.kind;
	const gatewayMessage = envelope.message ? `: ${envelope.message}` : '';
	return new GatewayFailure(
		kind,
		`Gateway error ${envelope.code} (${meaning.meaning})${gatewayMessage}`,
		[detailLine(meta), meaning.hint].filter(Boolean).join(' '),
		meta,
		statusCode,
	);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * n8n's request helper wraps socket errors in a NodeApiError that keeps only a fixed message per
 * error code, so the code is recovered from that message when the cause is gone.
 */
const N8N_MESSAGE_CODES: Array<[string, string]> = [
	['The service refused the connection', 'ECONNREFUSED'],
	['The connection cannot be established', 'ENOTFOUND'],
	['The host is unreachable', 'EHOSTUNREACH'],
	['The DNS server returned an error', 'EAI_AGAIN'],
	['The connection was aborted', 'ECONNABORTED'],
	['The connection timed out', 'ETIMEDOUT'],
	['The connection to the server was closed unexpectedly', 'ECONNRESET'],
];

export function socketErrorCode(error: unknown): string {
	const direct = (error as { cause?: { code?: unknown }; code?: unknown }) ?? {};
	const code = direct.cause?.code ?? direct.code;
	if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	const message = String((error as { message?: unknown })?.message ?? '');
	if (/timeout of \d+ms exceeded/.test(message)) return 'ECONNABORTED';
	return N8N_MESSAGE_CODES.find(([prefix]) => message.startsWith(prefix))?.[1] ?? '';
}

/** Classifies an error thrown by n8n's request helper (no HTTP answer at all). */
export function interpretThrown(error: unknown): GatewayFailure {
	const code = socketErrorCode(error);
	if (NOT_SENT_CODES.has(code)) {
		return new GatewayFailure(
			'network',
			`Could not connect to the gateway (${code})`,
			'The request was not sent, so it was not billed. Check the Base URL in the credential and the network.',
			{},
			undefined,
			true,
		);
	}
	if (TIMEOUT_CODES.has(code)) {
		return new GatewayFailure(
			'timeout',
			'The gateway did not answer in time',
			'The request was sent, so the gateway may have billed it. Check the gateway records before running this item again, or raise the timeout under Options.',
			{},
		);
	}
	return new GatewayFailure(
		'network',
		`The connection to the gateway failed${code ? ` (${code})` : ''}`,
		'The request may have reached the gateway, so it may have been billed. Check before running this item again.',
		{},
	);
}

/** Calls one endpoint once, signed by the CBT API credential. Never throws for gateway answers. */
export async function sendToGateway(
	context: IExecuteFunctions,
	request: GatewayRequest,
	timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<GatewayResult | GatewayFailure> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.method === 'GET' ? undefined : (request.body ?? {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
		)) as typeof response;
	} catch (error) {
		return interpretThrown(error);
	}
	const outcome = interpretResponse(response.statusCode, response.body);
	if (outcome instanceof GatewayFailure) outcome.retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
	return outcome;
}

/** The error a failed call becomes. It names the item; it quotes request IDs, never headers. */
export function toNodeError(context: IExecuteFunctions, failure: GatewayFailure, itemIndex: number): NodeApiError {
	const response: JsonObject = {
		message: failure.message,
		kind: failure.kind,
		code: failure.meta.code ?? null,
		requestId: failure.meta.requestId ?? null,
		billed: failure.meta.billed ?? null,
	};
	return new NodeApiError(context.getNode(), response, {
		message: `Item ${itemIndex}: ${failure.message}`,
		description: failure.description,
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
}

export interface CallSettings {
	timeoutMs?: number;
	retry?: RetryPolicy;
	/** Shared by the node's concurrent calls. */
	throttle?: Throttle;
}

/**
 * Calls one endpoint, retrying only what cannot have been billed. Each attempt goes through the
 * credential again, so it carries a fresh timestamp and signature.
 */
export async function callGateway(
	context: IExecuteFunctions,
	request: GatewayRequest,
	itemIndex: number,
	settings: CallSettings = {},
): Promise<GatewayResult> {
	const retry = settings.retry ?? DEFAULT_RETRY;
	const throttle = settings.throttle ?? new Throttle();
	for (let attempt = 0; ; attempt++) {
		await throttle.ready();
		const outcome = await sendToGateway(context, request, settings.timeoutMs);
		if (!(outcome instanceof GatewayFailure)) return outcome;
		if (attempt >= retry.maxRetries || !isRetryable(outcome)) {
			if (attempt > 0) outcome.description = `${outcome.description} Tried ${attempt + 1} times.`;
			throw toNodeError(context, outcome, itemIndex);
		}
		const delay = retryDelayMs(retry, attempt, outcome.retryAfterMs);
		if (isRateLimit(outcome)) throttle.pause(delay);
		else await sleep(delay);
	}
}

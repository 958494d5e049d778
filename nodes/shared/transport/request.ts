import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeCode, type CodeBook } from './codes';
import { isBilled, parseEnvelope, type Envelope } from './envelope';
import { billedText, GatewayFailure, type FailureKind, type GatewayRequest, type GatewayResult, type ResponseMeta } from './outcome';
import { DEFAULT_RETRY, isRetryable, parseRetryAfter, retryDelayMs, Throttle, type RetryPolicy } from './retry';

export { billedText, GatewayFailure, type FailureKind, type GatewayRequest, type GatewayResult, type ResponseMeta } from './outcome';

export const CREDENTIAL_TYPE = 'cbtApi';
export const DEFAULT_TIMEOUT_MS = 30_000;

function metaOf(envelope: Envelope): ResponseMeta {
	return {
		requestId: envelope.request_id,
		billed: isBilled(envelope),
		code: envelope.code,
		message: envelope.message,
		gatewayTime: envelope.timestamp,
	};
}


function detailLine(meta: Partial<ResponseMeta>): string {
	return `Request ID: ${meta.requestId ?? 'none'}. Billed: ${billedText(meta.billed)}.`;
}

function duration(seconds: number): string {
	const s = Math.round(seconds);
	if (s < 120) return `${s} seconds`;
	if (s < 7200) return `${s} seconds (${Math.floor(s / 60)} min ${s % 60} s)`;
	if (s < 172_800) return `${s} seconds (${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min)`;
	return `${s} seconds (${Math.floor(s / 86400)} days ${Math.floor((s % 86400) / 3600)} h)`;
}

/** Below this difference the clock cannot be what pushed the timestamp out of the gateway's window. */
const CLOCK_AGREES_SECONDS = 30;

/**
 * What a rejected timestamp means, when the gateway's answer shows its own time: how far this
 * machine's clock is off, or that the clock is fine and the credential's timestamp setting is not.
 */
export function clockSkewHint(gatewayTime: unknown, nowMs: number = Date.now()): string | undefined {
	const raw = Number(gatewayTime);
	if (typeof gatewayTime === 'boolean' || !Number.isFinite(raw) || raw <= 0) return undefined;
	// Documented as Unix seconds; a gateway answering in milliseconds is read as such.
	const gatewayMs = raw > 1e11 ? raw : raw * 1000;
	const offsetSeconds = (nowMs - gatewayMs) / 1000;
	const gatewayAt = new Date(gatewayMs).toISOString();
	if (Math.abs(offsetSeconds) <= CLOCK_AGREES_SECONDS) {
		return `This machine's clock agrees with the gateway's (${gatewayAt}) to within ${CLOCK_AGREES_SECONDS} seconds, so check the credential's Timestamp Unit and signature settings instead.`;
	}
	const direction = offsetSeconds > 0 ? 'ahead of' : 'behind';
	return `This machine's clock is about ${duration(Math.abs(offsetSeconds))} ${direction} the gateway's (gateway time ${gatewayAt}). Set this machine's clock right (turn on automatic time sync) and run the workflow again.`;
}

const UNKNOWN_BILLING = 'The answer was not the gateway envelope, so it is unknown whether the call was billed';

/** What to do about an HTTP error that came without the gateway's envelope. */
function httpAdvice(statusCode: number): string {
	if (statusCode === 429) {
		return `${UNKNOWN_BILLING}. The gateway is limiting requests: lower Concurrency or raise Max Retries under Options, or run the workflow later.`;
	}
	if (statusCode >= 500) {
		return `${UNKNOWN_BILLING}. The gateway or a proxy in front of it failed: check the gateway's records for this item before running it again, or try later.`;
	}
	return `${UNKNOWN_BILLING}. Check the Base URL in the credential and the path under Options.`;
}

/** Turns an HTTP answer into data or a failure, without throwing. */
export function interpretResponse(
	statusCode: number,
	body: unknown,
	nowMs: number = Date.now(),
	codes: CodeBook = describeCode,
): GatewayResult | GatewayFailure {
	const envelope = parseEnvelope(body);
	if (!envelope) {
		if (statusCode >= 400) {
			return new GatewayFailure('http', `The gateway answered HTTP ${statusCode}`, httpAdvice(statusCode), {}, statusCode);
		}
		// A body cut off or garbled on the way may still show which request it answered.
		const requestId = typeof body === 'string' ? /"request_id"\s*:\s*"([\w-]{1,64})"/.exec(body)?.[1] : undefined;
		const broken = typeof body === 'string' && /^\s*\{/.test(body);
		return new GatewayFailure(
			'notEnvelope',
			broken
				? 'The gateway’s answer was cut off or is not valid JSON'
				: 'The gateway answered with something that is not its JSON envelope',
			broken
				? `HTTP ${statusCode}. Request ID: ${requestId ?? 'none'}. It is unknown whether the call was billed: check the gateway's records for this item before running it again.`
				: `HTTP ${statusCode}. Check the Base URL in the credential and the path under Options; it is unknown whether the call was billed.`,
			requestId ? { requestId } : {},
			statusCode,
		);
	}
	const meta = metaOf(envelope);
	const meaning = codes(envelope.code);
	if (meaning.kind === 'success' && statusCode < 400) return { data: envelope.data ?? {}, meta };
	const kind: FailureKind = meaning.kind === 'success' ? 'http' : meaning.kind;
	const gatewayMessage = envelope.message ? `: ${envelope.message}` : '';
	const hint = (kind === 'clock' ? clockSkewHint(envelope.timestamp, nowMs) : undefined) ?? meaning.hint;
	return new GatewayFailure(
		kind,
		`Gateway error ${envelope.code} (${meaning.meaning})${gatewayMessage}`,
		[detailLine(meta), hint].filter(Boolean).join(' '),
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

/**
 * Socket error codes in words. n8n replaces any error message that contains a system error code
 * (ECONNREFUSED, …) with a generic sentence, which would lose the item number, so none is quoted.
 */
const SOCKET_ERRORS_IN_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed while sending',
};

function inWords(code: string): string {
	return SOCKET_ERRORS_IN_WORDS[code] ?? 'network error';
}

/** Classifies an error thrown by n8n's request helper (no HTTP answer at all). */
export function interpretThrown(error: unknown, timedOut = false): GatewayFailure {
	// A timeout that strikes while the body is arriving surfaces as "stream has been aborted", without a code.
	const code = timedOut && !NOT_SENT_CODES.has(socketErrorCode(error)) ? 'ETIMEDOUT' : socketErrorCode(error);
	if (NOT_SENT_CODES.has(code)) {
		return new GatewayFailure(
			'network',
			`Could not connect to the gateway (${inWords(code)})`,
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
		`The connection to the gateway failed (${inWords(code)})`,
		'The request may have reached the gateway, so it may have been billed. Check before running this item again.',
		{},
	);
}

/**
 * The credential, read once per node run. Left to itself, n8n's request helper reads (and in n8n,
 * loads from the database and decrypts) the credential again for every request.
 */
const credentialsByRun = new WeakMap<IExecuteFunctions, Promise<ICredentialsDecrypted>>();

export async function credentialsFor(context: IExecuteFunctions): Promise<ICredentialsDecrypted> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
		credentials = context.getCredentials(CREDENTIAL_TYPE).then((data) => ({
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data,
		}));
		// A failed read is not kept, so the next item asks again.
		credentials.catch(() => credentialsByRun.delete(context));
		credentialsByRun.set(context, credentials);
	}
	return await credentials;
}

function redirectFailure(statusCode: number, location: unknown): GatewayFailure {
	const target = typeof location === 'string' && location !== '' ? ` to ${location.replace(/\?.*$/, '')}` : '';
	return new GatewayFailure(
		'http',
		`The gateway answered with a redirect (HTTP ${statusCode})${target}`,
		'Signed requests are not sent on to another address. Set the Base URL in the credential to the address the gateway redirects to. The call was most likely not billed.',
		{},
		statusCode,
	);
}

/** Calls one endpoint once, signed by the CBT API credential. Never throws for gateway answers. */
export async function sendToGateway(
	context: IExecuteFunctions,
	request: GatewayRequest,
	timeoutMs: number = DEFAULT_TIMEOUT_MS,
	codes: CodeBook = describeCode,
): Promise<GatewayResult | GatewayFailure> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.method === 'GET' ? undefined : (request.body ?? {}),
		...(Buffer.isBuffer(request.body) ? { headers: { 'Content-Type': 'application/json' } } : {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirected POST would arrive as a GET without its body; the error below says where to point instead.
		disableFollowRedirect: true,
		timeout: timeoutMs,
	};
	const credentialsDecrypted = await credentialsFor(context);
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	const startedAt = Date.now();
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options, {
			credentialsDecrypted,
		})) as typeof response;
	} catch (error) {
		return interpretThrown(error, Date.now() - startedAt >= timeoutMs);
	}
	if (response.statusCode >= 300 && response.statusCode < 400) return redirectFailure(response.statusCode, response.headers?.location);
	const outcome = interpretResponse(response.statusCode, response.body, Date.now(), codes);
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
	/** How the endpoint's codes read (a gateway profile may redefine them). */
	codes?: CodeBook;
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
		// The throttle decides when the attempt goes out and learns from its answer how many calls the gateway takes.
		const outcome = await throttle.send(async () => await sendToGateway(context, request, settings.timeoutMs, settings.codes));
		if (!(outcome instanceof GatewayFailure)) return outcome;
		if (attempt >= retry.maxRetries || !isRetryable(outcome)) {
			if (attempt > 0) outcome.description = `${outcome.description} Tried ${attempt + 1} times.`;
			throw toNodeError(context, outcome, itemIndex);
		}
		// Only this request waits (Retry-After when the gateway sent one); the node's other calls go on meanwhile.
		await throttle.backOff(retryDelayMs(retry, attempt, outcome.retryAfterMs));
	}
}

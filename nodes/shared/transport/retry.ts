import { CallGate, type AnswerSignal, type WidthSettings } from './concurrency';
import type { GatewayFailure, GatewayResult } from './outcome';

/**
 * When a failed call may be sent again. Every call costs money, so only failures the gateway
 * cannot have billed are retried: the request never left this machine, the gateway said "too many
 * requests" (HTTP 429 or its rate-limit code with charge 0), or a code the table marks transient
 * with charge 0. A timeout or a dropped connection after sending is never retried blindly.
 */
export function isRetryable(failure: GatewayFailure): boolean {
	if (failure.notSent) return true;
	if (failure.httpStatus === 429 && failure.meta.billed !== true) return true;
	if ((failure.kind === 'rateLimit' || failure.kind === 'transient') && failure.meta.billed === false) return true;
	return false;
}

export function isRateLimit(failure: GatewayFailure): boolean {
	return failure.httpStatus === 429 || failure.kind === 'rateLimit';
}

export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Option Max Retries' default for a node's items. A gateway that refuses 10 % of calls at random
 * (whatever the load) refuses some call four times in a row about once in 10,000 calls, which would
 * stop a large run; six times in a row, once in a million.
 */
export const DEFAULT_ITEM_RETRIES = 5;

/** Exponential backoff with full jitter; Retry-After wins when the gateway sends one. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What an answer says about the gateway's load: only a result (or "no data") is a clean answer. */
export function signalOf(outcome: GatewayResult | GatewayFailure): AnswerSignal {
	const failure = outcome as Partial<GatewayFailure>;
	if (failure.kind === undefined || failure.kind === 'noData') return 'clean';
	return isRateLimit(outcome as GatewayFailure) ? 'rateLimit' : 'neutral';
}

/** A single call outside any pool: one at a time, nothing adapts. */
const ONE_AT_A_TIME: WidthSettings = { initial: 1, max: 1, adaptive: false };

/**
 * Shared by all of a node's concurrent calls (concurrency.ts decides how many are in flight). A rate
 * limit delays only the request that got it, by its Retry-After, and narrows the width when the
 * refusals come from the load: the other calls go on, so a quota burst costs one wait per refused
 * call instead of a pause of every lane.
 */
export class Throttle extends CallGate {
	constructor(settings: WidthSettings = ONE_AT_A_TIME, clock?: () => number, wait?: (ms: number) => Promise<void>) {
		super(settings, clock, wait);
	}

	/** For callers that send outside `send` (a task's polls): nothing to wait for any more. */
	async ready(): Promise<void> {}

	/** A rate limit answered to a call sent outside `send`: may narrow the width; the caller waits `ms` itself. */
	pause(ms: number): void {
		this.rateLimited(ms);
	}

	/** One attempt at the gateway, its answer reported to the width rule. */
	async send(attempt: () => Promise<GatewayResult | GatewayFailure>): Promise<GatewayResult | GatewayFailure> {
		return await this.attempt(attempt, signalOf);
	}
}

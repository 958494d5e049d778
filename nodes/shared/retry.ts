import { sleep } from 'n8n-workflow';

import type { GatewayFailure } from './transport';

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

/**
 * Shared by all of a node's concurrent calls: a rate-limit answer to one call pauses them all, so
 * a quota error slows the run down instead of failing hundreds of items.
 */
export class Throttle {
	private pausedUntil = 0;

	constructor(private readonly now: () => number = Date.now) {}

	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}

	async ready(): Promise<void> {
		for (let wait = this.pausedUntil - this.now(); wait > 0; wait = this.pausedUntil - this.now()) {
			await sleep(wait);
		}
	}
}

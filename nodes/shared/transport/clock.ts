import { sleep } from 'n8n-workflow';

/**
 * What the package reads the time from and waits with: the signature's timestamp, the pause before
 * a retry, between batches and between polls. This machine's clock, unless a test has put a fake one
 * in place (`useClock`), so that tests move the time instead of waiting for it.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

let current: Clock = SYSTEM_CLOCK;

/** The clock in use. */
export const clock: Clock = {
	now: () => current.now(),
	sleep: async (ms) => await current.sleep(ms),
};

/** For tests: puts a clock in place (none: this machine's again) and returns the one it replaces. */
export function useClock(replacement?: Clock): Clock {
	const previous = current;
	current = replacement ?? SYSTEM_CLOCK;
	return previous;
}

import type { LedgerEntry } from '../../sandbox/ledger';

/** Extra bills: for every request (by body fingerprint) billed more than once, the bills after the first. */
export function billedTwice(entries: readonly LedgerEntry[]): number {
	const bills = new Map<string, number>();
	for (const entry of entries) if (entry.billed) bills.set(entry.fingerprint, (bills.get(entry.fingerprint) ?? 0) + 1);
	return [...bills.values()].reduce((sum, count) => sum + count - 1, 0);
}

/** Calls the sandbox's rate limiter refused (429 or the rate-limit code). */
export function rateLimited(entries: readonly LedgerEntry[]): LedgerEntry[] {
	return entries.filter((entry) => entry.fault === 'rateLimit');
}

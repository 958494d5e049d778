import { sleep } from 'n8n-workflow';

export interface PoolSettings {
	concurrency: number;
	/** With a pause, items go in batches of `concurrency` with this pause between batches. */
	batchPauseMs: number;
}

/**
 * Runs `work(index)` for every index, at most `concurrency` at a time. `work` must not throw;
 * `stop()` is asked before each new index starts, so a failed run stops spending money.
 */
export async function runPool(
	total: number,
	settings: PoolSettings,
	work: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	const width = Math.max(1, Math.min(settings.concurrency, total));
	if (settings.batchPauseMs > 0) {
		for (let start = 0; start < total && !stop(); start += width) {
			if (start > 0) await sleep(settings.batchPauseMs);
			const batch = Array.from({ length: Math.min(width, total - start) }, (_, offset) => start + offset);
			await Promise.all(batch.map(async (index) => (stop() ? undefined : await work(index))));
		}
		return;
	}
	let next = 0;
	const lane = async () => {
		while (next < total && !stop()) await work(next++);
	};
	await Promise.all(Array.from({ length: width }, lane));
}

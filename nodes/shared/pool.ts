import { sleep } from 'n8n-workflow';

export interface PoolSettings {
	concurrency: number;
	/** With a pause, items go in batches of `concurrency` with this pause between batches. */
	batchPauseMs: number;
}

/**
 * What the pool does with each index. `load` is the part that only reads (files, for example):
 * each lane starts loading its next index while its current call is in flight, so the call's
 * latency hides the reading. `work` gets that load as a promise (a failed load is the item's
 * error) and must not throw; a load that is never worked on, because the run stopped, is handed
 * to `discard`.
 */
export interface PoolWork<Loaded> {
	load: (index: number) => Promise<Loaded>;
	work: (index: number, lane: number, loaded: Promise<Loaded>) => Promise<void>;
	discard?: (loaded: Loaded) => void;
}

/**
 * Runs every index, at most `concurrency` at a time; `lane` (0 to concurrency − 1) is never
 * shared by two indexes at once. `stop()` is asked before each new index starts, so a failed run
 * stops spending money.
 */
export async function runPool<Loaded>(
	total: number,
	settings: PoolSettings,
	{ load, work, discard }: PoolWork<Loaded>,
	stop: () => boolean = () => false,
): Promise<void> {
	const width = Math.max(1, Math.min(settings.concurrency, total));
	const started = (index: number) => {
		const loading = load(index);
		// Settled here too, so a load that fails while waiting for its turn is not an unhandled rejection.
		loading.catch(() => undefined);
		return loading;
	};
	if (settings.batchPauseMs > 0) {
		for (let start = 0; start < total && !stop(); start += width) {
			if (start > 0) await sleep(settings.batchPauseMs);
			const batch = Array.from({ length: Math.min(width, total - start) }, (_, offset) => start + offset);
			await Promise.all(batch.map(async (index, lane) => (stop() ? undefined : await work(index, lane, started(index)))));
		}
		return;
	}
	let next = 0;
	const claimNext = () => {
		if (next >= total || stop()) return undefined;
		const index = next++;
		return { index, loading: started(index) };
	};
	const runLane = async (lane: number) => {
		for (let current = claimNext(); current !== undefined; ) {
			const ahead = claimNext();
			await work(current.index, lane, current.loading);
			if (ahead && stop()) {
				void ahead.loading.then((loaded) => discard?.(loaded)).catch(() => undefined);
				return;
			}
			current = ahead;
		}
	};
	await Promise.all(Array.from({ length: width }, async (_, lane) => await runLane(lane)));
}

import { clock } from '../transport/clock';
import { CallGate } from '../transport/concurrency';

export interface PoolSettings<Loaded = unknown> {
	/** Items in progress at the start; with a pause, the size of every batch. */
	concurrency: number;
	/** With a pause, items go in batches of `concurrency` with this pause between batches. */
	batchPauseMs: number;
	/**
	 * Shared with the calls: decides how many items are in progress as the run goes (concurrency.ts).
	 * Without one the width is `concurrency`, fixed.
	 */
	throttle?: CallGate;
	/**
	 * What a loaded item holds in memory while in progress (its request body's bytes): a new item
	 * starts only while the items in progress hold at most `maxWeight` together (or none is in
	 * progress), so wide runs of large files do not build a body per place at once.
	 */
	weigh?: (loaded: Loaded) => number;
	maxWeight?: number;
}

/**
 * What the pool does with each index. `load` is the part that only reads (files, for example): it
 * starts for as many indexes ahead as the width (up to READ_AHEAD), so a place that frees up never
 * waits on the disk, and reading never takes a place of its own. `work` gets that load as a promise (a failed load is
 * the item's error) and must not throw; a load that is never worked on, because the run stopped, is
 * handed to `discard`.
 */
export interface PoolWork<Loaded> {
	load: (index: number) => Promise<Loaded>;
	work: (index: number, lane: number, loaded: Promise<Loaded>) => Promise<void>;
	discard?: (loaded: Loaded) => void;
}

/**
 * Items read ahead at most (each holds its file open until it is sent). Reading takes milliseconds,
 * so this many ahead keep any width fed.
 */
const READ_AHEAD = 64;

/** Lane numbers: the lowest free one is taken, so lanes (and what is kept per lane) stay few. */
class Lanes {
	private readonly free: number[] = [];

	private count = 0;

	take(): number {
		if (this.free.length === 0) return this.count++;
		let lowest = 0;
		for (let at = 1; at < this.free.length; at++) if (this.free[at] < this.free[lowest]) lowest = at;
		return this.free.splice(lowest, 1)[0];
	}

	release(lane: number): void {
		this.free.push(lane);
	}
}

/**
 * Runs every index, starting them in order while fewer are in progress than the throttle's width;
 * `lane` is never shared by two indexes in progress at once (an item waiting to retry keeps its lane,
 * so lanes may outnumber the width). `stop()` is asked before each new index starts, so a failed run
 * stops spending money.
 */
export async function runPool<Loaded>(
	total: number,
	settings: PoolSettings<Loaded>,
	{ load, work, discard }: PoolWork<Loaded>,
	stop: () => boolean = () => false,
): Promise<void> {
	const fixed = Math.max(1, settings.concurrency);
	const gate = settings.throttle ?? new CallGate({ initial: fixed, max: fixed, adaptive: false });
	const lanes = new Lanes();
	const started = (index: number) => {
		const loading = load(index);
		// Settled here too, so a load that fails while waiting for its turn is not an unhandled rejection.
		loading.catch(() => undefined);
		return loading;
	};
	let held = 0;
	let released: (() => void) | undefined;
	const run = async (index: number, loading: Promise<Loaded>, weight = 0) => {
		const lane = lanes.take();
		gate.enter();
		held += weight;
		try {
			await work(index, lane, loading);
		} finally {
			held -= weight;
			lanes.release(lane);
			gate.leave();
			released?.();
		}
	};
	/** Waits until an item of `weight` fits next to those in progress. */
	const roomFor = async (weight: number) => {
		const limit = settings.maxWeight ?? Infinity;
		while (held > 0 && held + weight > limit) await new Promise<void>((resolve) => (released = resolve));
	};

	if (settings.batchPauseMs > 0) {
		const width = Math.min(fixed, total);
		for (let start = 0; start < total && !stop(); start += width) {
			if (start > 0) await clock.sleep(settings.batchPauseMs);
			const batch = Array.from({ length: Math.min(width, total - start) }, (_, offset) => start + offset);
			await Promise.all(batch.map(async (index) => (stop() ? undefined : await run(index, started(index)))));
		}
		return;
	}

	const ahead = new Map<number, Promise<Loaded>>();
	let next = 0;
	let readUpTo = 0;
	const readAhead = () => {
		const until = Math.min(total, next + Math.min(gate.width, READ_AHEAD));
		for (; readUpTo < until; readUpTo++) ahead.set(readUpTo, started(readUpTo));
	};
	const running = new Set<Promise<void>>();
	while (next < total && !stop()) {
		readAhead();
		await gate.whenOpen();
		if (stop()) break;
		const index = next;
		const loading = ahead.get(index) ?? started(index);
		ahead.set(index, loading);
		let weight = 0;
		if (settings.weigh) {
			weight = settings.weigh(await loading.catch(() => undefined as Loaded));
			await roomFor(weight);
			if (stop()) break;
		}
		ahead.delete(index);
		next++;
		readAhead();
		const job = run(index, loading, weight);
		running.add(job);
		const done = () => running.delete(job);
		job.then(done, done);
	}
	await Promise.all(running);
	// Read ahead for items that never started (the run stopped): release what they hold open.
	for (const loading of ahead.values()) void loading.then((loaded) => discard?.(loaded)).catch(() => undefined);
}

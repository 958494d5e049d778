import { clock as packageClock } from './clock';

/**
 * How many calls a node run keeps in flight, found the way congestion control finds a network's
 * capacity: start at the user's Concurrency, grow while the gateway answers cleanly, narrow when it
 * answers "too many requests" in a way that depends on how many calls are in flight (or when its
 * answers slow down), and never exceed Max Concurrency.
 *
 * Nothing here sends, retries or bills anything: it only decides the width. Every decision comes from
 * answers (their kind, order and latency), never from a timer, so the same answers give the same
 * widths. docs/concurrency.md explains the rule for users.
 */

export interface WidthSettings {
	/** Calls in flight at the start. */
	initial: number;
	/** Never more calls in flight than this. */
	max: number;
	/** False: the width stays at `initial` (batches with a pause between them). */
	adaptive: boolean;
}

/**
 * Image bytes (as base64) of the items in progress, at most: each is built into its lane's body
 * buffer, so a wide run of large scans would otherwise hold a body per place (100 × 5 MB). Items of
 * a few hundred KB never reach it; 4 MB scans go about a dozen at a time.
 */
export const MAX_BODY_BYTES_IN_PROGRESS = 64 * 1024 * 1024;

/** What one answer says about the gateway's load. */
export type AnswerSignal = 'clean' | 'rateLimit' | 'neutral';

export const WIDTH_TUNING = {
	/** Slow start: the width grows by this much for every clean answer (so × 1 + this per round trip). */
	growthPerAnswer: 4,
	/** Fewest attempts in a window (and before its share of refusals is judged while growing). */
	minWindow: 20,
	/** Growing, a window with more refusals than this share says they come from the width (fewer are tolerated). */
	exitShare: 0.3,
	/** Narrowing for refusals halves the width (unless the refusals say where the limit is). */
	cutFactor: 0.5,
	/** Clean answers slower than this multiple of the fastest of the run (smoothed): calls queue, stop growing. */
	holdLatency: 2,
	/** Slower than this multiple: narrow, down to the starting width at most. */
	cutLatency: 3,
	/** Weight of each clean answer in the smoothed latency. */
	latencySmoothing: 0.2,
	/** Windows spent at a found limit before probing above it: 1, then × 4 after each failed probe, up to this. */
	maxProbeWait: 64,
	/** Weight of each window at the limit in the learned share of rate limits that does not depend on the width. */
	noiseLearning: 0.3,
	/** Below this learned share, refusals are taken to come from the width alone. */
	noiseFloor: 0.02,
	/** With refusals, fewer clean calls at once than this share of the width: the gateway's limit is below the width. */
	acceptedShare: 0.8,
	/** Refusals from fewer calls in flight than this share of the width say where the limit is. */
	levelSignal: 0.9,
	/** Growing stops when twice a window at least this many times wider than the one before ... */
	plateauWidth: 1.5,
	/** ... did not give this many times more clean answers per second. */
	plateauRate: 1.25,
} as const;

/**
 * Refusals a window of `n` attempts may hold when `share` of them come whatever the width: three
 * standard deviations above the expected count, so chance alone narrows the width about once in
 * three hundred windows. With no such share, none.
 */
export function allowance(n: number, share: number): number {
	return n * share + 3 * Math.sqrt(n * share * (1 - share));
}

/**
 * The `size` attempts sent from sequence number `from` on: windows follow each other without a gap.
 * Refusals are judged against attempts sent, not answers: a refusal comes back at once, a clean
 * answer only after the gateway's latency, so counting answers would overrate refusals.
 */
interface Window {
	from: number;
	size: number;
	answers: number;
	limited: number;
	/** The width when the window opened. */
	width: number;
	/** The fewest calls in flight at which one of its attempts was refused. */
	lowestRefused: number;
	/** When each of its clean attempts was sent and answered (the gate's clock), in pairs. */
	clean: number[];
}

/** Clean answers per millisecond over a window: from its first send to its last clean answer. */
function rateOf(window: Window): number | undefined {
	if (window.clean.length < 2 * WIDTH_TUNING.minWindow) return undefined;
	let first = Infinity;
	let last = -Infinity;
	for (let at = 0; at + 1 < window.clean.length; at += 2) {
		first = Math.min(first, window.clean[at]);
		last = Math.max(last, window.clean[at + 1]);
	}
	return last > first ? window.clean.length / 2 / (last - first) : undefined;
}

/**
 * The most calls of `pairs` (sent, answered) that were in flight together. Clean calls only: a
 * gateway that takes 30 at once never has more than 30 of them in flight, however many are sent; one
 * that refuses calls whatever the load has about as many as are sent.
 */
export function mostAtOnce(pairs: readonly number[]): number {
	const events: Array<[number, number]> = [];
	for (let at = 0; at + 1 < pairs.length; at += 2) events.push([pairs[at], 1], [pairs[at + 1], -1]);
	// At the same moment an answer comes before a send: a call that ended as another began did not overlap it.
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let most = 0;
	for (const [, change] of events) {
		now += change;
		most = Math.max(most, now);
	}
	return most;
}

/**
 * The width rule.
 * - Slow start: every clean answer widens by `growthPerAnswer` (the width grows about fivefold per
 *   round trip). Scattered refusals do not stop it: up to `exitShare` of a window's attempts may be
 *   refused, as by a gateway that refuses some calls whatever the load. Growth stops when
 *   - a window's refusals exceed that share: the width drops to just below the number of calls in
 *     flight at which they began (when that says anything) or by half;
 *   - a window has refusals while the gateway never had as many clean calls in flight together as the
 *     window was wide: the width drops to what it had together;
 *   - twice, a window half again as wide as the one before did not bring a quarter more clean answers
 *     per second: more calls would only wait, and the width goes back to the narrower window's.
 * - Then the width holds at the limit found. Refusals beyond the share learned to come whatever the
 *   width narrow it (just below where they began, else by half), and the first whole window after a
 *   narrowing is watched to its end: refusals still as frequent, with as many clean calls in flight as
 *   the width, came whatever the width, so the narrowing is undone and that share tolerated.
 * - Probes above the limit, one window at a time, widen it when the gateway takes more (steps that
 *   double while they succeed, never past a count the gateway refused); a refused probe returns to
 *   the limit and the next comes four times later, so a gateway with a fixed limit sees only a few
 *   refusals per thousand calls once the limit is found.
 * - Clean answers twice as slow as the fastest stop any growth; three times as slow narrow the width
 *   (not below the start): calls are queueing, at the gateway or on this machine.
 */
export class AdaptiveWidth {
	private value: number;

	private growing = true;

	/** Steady: the widest the gateway is known to take. */
	private ceiling: number;

	/** Share of attempts refused whatever the width, as learned. */
	private noise = 0;

	/** Probing above the ceiling since this attempt, if probing. */
	private probeFrom: number | undefined;

	private probeStep = 1;

	/** The fewest calls at once the gateway is known to have refused: probes go no further than this. */
	private refusedAt = Infinity;

	private probeWait = 1;

	private windowsAtCeiling = 0;

	/**
	 * A narrowing to check: the first whole window of attempts sent after it is watched to its end
	 * (not cut short by a refusal). If refusals stay beyond what is tolerated, they did not come from
	 * the width: the narrowing is undone.
	 */
	private afterCut: { width: number; from: number } | undefined;

	/** Growing: clean answers per millisecond and width of the last window closed; windows since the rate last followed the width, and the width it had then. */
	private lastRate: { rate: number; width: number } | undefined;

	private flatWindows = 0;

	private plateauWidth = 0;

	/** Attempts from this one on were sent after growth stopped: only their windows teach the share of refusals that come whatever the width. */
	private steadyFrom = Infinity;

	/** Windows whose attempts are not all answered yet, oldest first; the last one takes new attempts. */
	private windows: Window[] = [];

	private sequence = 0;

	private fastest = Infinity;

	private smoothed: number | undefined;

	private latencyCutFrom = 0;

	constructor(private readonly settings: WidthSettings) {
		this.value = Math.max(1, Math.min(settings.initial, settings.max));
		this.ceiling = settings.max;
	}

	/** Calls that may be in flight now. */
	get width(): number {
		return Math.max(1, Math.min(this.settings.max, Math.floor(this.value)));
	}

	/** Whether the width is still growing from its start (for tests and reports). */
	get inSlowStart(): boolean {
		return this.settings.adaptive && this.growing;
	}

	/** An attempt is sent: its number, to give back with its answer. */
	sent(): number {
		const sequence = this.sequence++;
		const last = this.windows[this.windows.length - 1];
		if (!last || sequence >= last.from + last.size) {
			const width = this.width;
			this.windows.push({ from: sequence, size: Math.max(WIDTH_TUNING.minWindow, width), answers: 0, limited: 0, width, lowestRefused: Infinity, clean: [] });
		}
		return sequence;
	}

	/**
	 * An answer came back. `level` is how many calls were in flight when it was sent (itself
	 * included), `widthAtSend` the width then: the width only grows on answers to calls sent while at
	 * least half of it was in use. `sentAt`, when given, is when it was sent, on the clock that
	 * measured `latencyMs`.
	 */
	answered(sequence: number, signal: AnswerSignal, latencyMs: number, level: number, widthAtSend: number = this.width, sentAt = Number.NaN): void {
		if (!this.settings.adaptive) return;
		if (signal === 'clean') this.clean(latencyMs, level, sequence, widthAtSend);
		const window = this.windows.find((candidate) => sequence >= candidate.from && sequence < candidate.from + candidate.size);
		if (!window) return;
		window.answers++;
		if (signal === 'clean' && Number.isFinite(sentAt)) window.clean.push(sentAt, sentAt + latencyMs);
		if (signal === 'rateLimit') {
			window.limited++;
			window.lowestRefused = Math.min(window.lowestRefused, level);
			if (this.judge(window)) return;
		}
		if (window.answers >= window.size) {
			this.windows.splice(this.windows.indexOf(window), 1);
			this.close(window);
		}
	}

	/**
	 * Growth stops (refusals or latency). Refusals seen while growing say nothing yet about which come
	 * whatever the width (they may be the limit's): that is learned from the windows after.
	 */
	private stopGrowing(): void {
		this.growing = false;
		this.steadyFrom = this.sequence;
		this.noise = 0;
	}

	/**
	 * Growing: whether clean answers per second stopped following the width — the width grew by half
	 * or more twice while they did not grow by a quarter. More calls in flight then only wait (at the
	 * gateway, or on this machine), whatever the reason: growth stops at the width that already gave
	 * that rate.
	 */
	private plateaued(window: Window): boolean {
		const rate = rateOf(window);
		if (rate === undefined) return false;
		const previous = this.lastRate;
		this.lastRate = { rate, width: window.width };
		if (!previous || window.width < WIDTH_TUNING.plateauWidth * previous.width) return false;
		if (rate >= WIDTH_TUNING.plateauRate * previous.rate) {
			this.flatWindows = 0;
			return false;
		}
		this.plateauWidth = this.flatWindows === 0 ? previous.width : this.plateauWidth;
		if (++this.flatWindows < 2) return false;
		this.stopGrowing();
		this.value = this.ceiling = Math.max(1, Math.min(this.width, this.plateauWidth));
		this.probeStep = 1;
		this.probeWait = 1;
		this.react();
		return true;
	}

	/**
	 * Just below the fewest calls in flight at which `window` saw a refusal, when that says where the
	 * limit is: refusals well below the width. When every call is sent at about the full width (the
	 * gateway refuses some of every round), the count says nothing: half the width.
	 */
	private belowRefusals(window: Window): number {
		const below = window.lowestRefused - 1;
		return below <= WIDTH_TUNING.levelSignal * this.width ? below : Math.floor(this.width * WIDTH_TUNING.cutFactor);
	}

	/** The width changed for a reason: attempts sent before are no longer judged. */
	private react(): void {
		this.windows = [];
		this.windowsAtCeiling = 0;
	}

	private clean(latencyMs: number, level: number, sequence: number, widthAtSend: number): void {
		const tuning = WIDTH_TUNING;
		if (Number.isFinite(latencyMs) && latencyMs >= 0) {
			this.fastest = Math.min(Math.max(latencyMs, 1), this.fastest);
			this.smoothed = this.smoothed === undefined ? latencyMs : this.smoothed + tuning.latencySmoothing * (latencyMs - this.smoothed);
		}
		const slowdown = this.smoothed === undefined ? 1 : this.smoothed / this.fastest;
		if (slowdown > tuning.cutLatency && sequence >= this.latencyCutFrom && this.width > this.settings.initial) {
			// Answers take three times as long as they can: calls queue (at the gateway, or on this
			// machine). Narrow, but not below the starting width: latency alone is a weaker sign than a
			// refusal, and says nothing about which refusals come from the width.
			this.probeFrom = undefined;
			this.value = Math.max(this.settings.initial, Math.floor(this.width * 0.8));
			if (!this.growing) this.ceiling = this.value;
			this.latencyCutFrom = this.sequence;
			return;
		}
		// Twice as long: more calls would only wait. No growth until answers are quicker again.
		if (slowdown > tuning.holdLatency) return;
		if (level * 2 < widthAtSend) return;
		if (this.growing) this.value = Math.min(this.settings.max, this.value + tuning.growthPerAnswer);
		else if (this.value < this.ceiling) this.value = Math.min(this.ceiling, this.value + tuning.growthPerAnswer);
	}

	/** After a refusal in `window`: whether the width was changed. */
	private judge(window: Window): boolean {
		const { limited, size } = window;
		const sent = Math.min(size, this.sequence - window.from);
		const tuning = WIDTH_TUNING;
		if (this.growing) {
			const overShare = sent >= tuning.minWindow && limited / sent > tuning.exitShare;
			if (!overShare && limited <= tuning.exitShare * size) return false;
			// Refusals rose with the width. The gateway refused from `lowestRefused` calls at once on:
			// hold just below, but not below half of where this window began (a refusal at a low count
			// may be one of those that come whatever the width; if the limit is lower, the refusals
			// that follow say so).
			this.stopGrowing();
			const below = Math.max(this.belowRefusals(window), Math.floor(window.width / 2));
			this.value = this.ceiling = Math.max(1, Math.min(this.width, below));
			this.refusedAt = Math.min(this.refusedAt, window.lowestRefused);
			this.probeStep = 1;
			this.probeWait = 1;
			this.react();
			return true;
		}
		if (limited <= allowance(size, this.noise)) return false;
		const watched = this.afterCut !== undefined && window.from >= this.afterCut.from;
		// A watched window runs to its end unless refusals are beyond any share that may come whatever the width.
		if (watched && limited <= tuning.exitShare * size) return false;
		this.refusedAt = Math.min(this.refusedAt, window.lowestRefused);
		if (this.probeFrom !== undefined && window.from + window.size > this.probeFrom) {
			// The probe above the limit was refused: back to the limit, and wait longer before the next.
			this.probeFrom = undefined;
			this.value = this.ceiling;
			this.probeStep = 1;
			this.probeWait = Math.min(tuning.maxProbeWait, this.probeWait * 4);
		} else {
			// Just below the count at which the gateway began to refuse, where no refusals are known to
			// come whatever the width; else, or again right after a narrowing, by half (at most).
			this.probeFrom = undefined;
			const halved = Math.max(1, Math.floor(this.width * tuning.cutFactor));
			const below = this.belowRefusals(window);
			const next = watched || this.noise >= tuning.noiseFloor || below < halved ? halved : below;
			this.afterCut = { width: this.afterCut && watched ? this.afterCut.width : this.width, from: this.sequence };
			this.value = this.ceiling = next;
			this.probeStep = 1;
		}
		this.react();
		return true;
	}

	/** Every attempt of `window` is answered, and it did not make the width change. */
	private close(window: Window): void {
		const accepted = window.clean.length >= WIDTH_TUNING.minWindow ? mostAtOnce(window.clean) : undefined;
		const belowWidth = accepted !== undefined && accepted < WIDTH_TUNING.acceptedShare * window.width;
		if (this.growing) {
			if (this.plateaued(window)) return;
			if (window.limited === 0 || !belowWidth) return;
			// Refused calls, while the gateway never had as many clean calls at once as were sent: it
			// takes `accepted` at once. Hold there (refusals too few to stop the growth by their share).
			this.stopGrowing();
			this.value = this.ceiling = Math.max(1, Math.min(this.width, accepted));
			this.refusedAt = Math.min(this.refusedAt, accepted + 1);
			this.probeStep = 1;
			this.probeWait = 1;
			this.react();
			return;
		}
		if (window.from < this.steadyFrom) return;
		const share = window.limited / window.size;
		if (this.afterCut && window.from >= this.afterCut.from) {
			const narrowedFrom = this.afterCut.width;
			this.afterCut = undefined;
			if (window.limited > allowance(window.size, this.noise)) {
				if (belowWidth) {
					// Still refused, and the gateway took fewer clean calls at once than were sent: narrow to
					// what it took, and watch again.
					this.value = this.ceiling = Math.max(1, Math.min(this.width - 1, accepted));
					this.afterCut = { width: narrowedFrom, from: this.sequence };
				} else {
					// A whole window after narrowing, refusals still beyond what is tolerated (though at most
					// exitShare), and about as many clean calls at once as were sent: the refusals come
					// whatever the width. Undo, and tolerate that share from now on.
					this.noise = Math.min(WIDTH_TUNING.exitShare, Math.max(this.noise, share));
					this.value = this.ceiling = narrowedFrom;
				}
				this.react();
				return;
			}
		}
		const slowdown = this.smoothed === undefined ? 1 : this.smoothed / this.fastest;
		if (this.probeFrom !== undefined) {
			if (window.from < this.probeFrom) return;
			this.probeFrom = undefined;
			if (slowdown > WIDTH_TUNING.holdLatency) {
				// No refusals, but answers twice as slow: the extra calls only wait. Back to the limit.
				this.value = this.ceiling;
				this.probeStep = 1;
				this.probeWait = Math.min(WIDTH_TUNING.maxProbeWait, this.probeWait * 4);
				this.react();
				return;
			}
			// A whole window above the old limit without refusals: that width is taken; probe further.
			this.ceiling = this.width;
			if (this.ceiling >= this.refusedAt) this.refusedAt = Infinity;
			this.probeStep = Math.min(this.probeStep * 2, Math.max(1, Math.ceil(this.ceiling / 2)));
			this.probeWait = 1;
			this.windowsAtCeiling = 0;
			return;
		}
		if (this.value < this.ceiling) return;
		this.noise += WIDTH_TUNING.noiseLearning * (share - this.noise);
		this.windowsAtCeiling++;
		if (this.windowsAtCeiling >= this.probeWait && this.ceiling < this.settings.max && slowdown <= WIDTH_TUNING.holdLatency) {
			this.probeFrom = this.sequence;
			// Up to the count the gateway refused before, not past it: a probe that fails costs one refusal.
			this.value = Math.min(this.settings.max, this.ceiling + this.probeStep, Math.max(this.ceiling + 1, this.refusedAt));
		}
	}
}

/**
 * Admission for one node run, shared by the pool (which items start) and every call (which attempts
 * go out). Two counts: items in progress, which the pool keeps at the width, and attempts in flight,
 * which never exceed it. An item waiting to retry (after a 429, for its Retry-After) gives up its place
 * meanwhile, so the others keep going; when it wakes it goes before any new item.
 */
export class CallGate {
	readonly control: AdaptiveWidth;

	private active = 0;

	private inFlight = 0;

	/** Attempts waiting for a place in flight, oldest first. */
	private readonly queued: Array<() => void> = [];

	/** The pool, waiting to start its next item. */
	private readonly opening: Array<() => void> = [];

	private peak = 0;

	private waited = 0;

	constructor(
		settings: WidthSettings,
		private readonly clock: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = packageClock.sleep,
	) {
		this.control = new AdaptiveWidth(settings);
	}

	get width(): number {
		return this.control.width;
	}

	/** Attempts in flight now, the most so far, items in progress, and the time retries waited in all (for tests and reports). */
	get calls(): { inFlight: number; peak: number; active: number; waitedMs: number } {
		return { inFlight: this.inFlight, peak: this.peak, active: this.active, waitedMs: this.waited };
	}

	/** Resolves when a new item may start: fewer items in progress than the width, and no retry waiting. */
	async whenOpen(): Promise<void> {
		while (!this.isOpen()) await new Promise<void>((resolve) => this.opening.push(resolve));
	}

	/** An item starts (after whenOpen). */
	enter(): void {
		this.active++;
	}

	/** An item is done. */
	leave(): void {
		this.active = Math.max(0, this.active - 1);
		this.wake();
	}

	/**
	 * One attempt at the gateway: waits for a place in flight, sends, and reports the answer to the
	 * width rule (`signal` says what it was).
	 */
	async attempt<T>(send: () => Promise<T>, signal: (outcome: T) => AnswerSignal): Promise<T> {
		// A place is taken here, or handed over by wake() before it resolves the wait.
		if (this.inFlight < this.width && this.queued.length === 0) this.inFlight++;
		else await new Promise<void>((resolve) => this.queued.push(resolve));
		this.peak = Math.max(this.peak, this.inFlight);
		const level = this.inFlight;
		const widthAtSend = this.width;
		const sequence = this.control.sent();
		const started = this.clock();
		// A send that throws (it should not) counts as an answer that says nothing about the load.
		let answer: AnswerSignal = 'neutral';
		try {
			const outcome = await send();
			answer = signal(outcome);
			return outcome;
		} finally {
			this.inFlight--;
			this.control.answered(sequence, answer, this.clock() - started, level, widthAtSend, started);
			this.wake();
		}
	}

	/**
	 * A rate limit seen outside `attempt` (a task's poll, which waits `waitMs` itself): counts like a
	 * refusal of a call sent at the current width.
	 */
	rateLimited(waitMs: number): void {
		this.waited += waitMs;
		this.control.answered(this.control.sent(), 'rateLimit', 0, this.width);
		this.wake();
	}

	/**
	 * Waits before a retry without holding the item's place: the others go on meanwhile. At a width of
	 * one the item keeps its place, so one call at a time stays one item after another.
	 */
	async backOff(ms: number): Promise<void> {
		this.waited += ms;
		if (this.width <= 1) {
			await this.wait(ms);
			return;
		}
		this.active = Math.max(0, this.active - 1);
		this.wake();
		try {
			await this.wait(ms);
		} finally {
			// Back in at once (beyond the width if need be): its attempt still waits for a place in flight.
			this.active++;
		}
	}

	private isOpen(): boolean {
		return this.active < this.width && this.queued.length === 0;
	}

	private wake(): void {
		while (this.queued.length > 0 && this.inFlight < this.width) {
			this.inFlight++;
			(this.queued.shift() as () => void)();
		}
		if (this.isOpen()) {
			for (const resolve of this.opening.splice(0)) resolve();
		}
	}
}

/**
 * Faults the sandbox can inject, each for a number of calls (default 1), optionally only on one
 * operation ("OCR.invoice") or path. "afterBilling" means the gateway did the work and billed it
 * before the fault hit: what a client must never pay for twice.
 */
export type FaultSpec =
	| { kind: 'http'; status: number; retryAfterSeconds?: number; location?: string }
	| { kind: 'code'; code: number; charge?: 0 | 1; message?: string }
	| { kind: 'reset'; afterBilling: boolean }
	| { kind: 'hang'; afterBilling: boolean }
	| { kind: 'malformedJson' }
	| { kind: 'truncatedBody' }
	| { kind: 'nonEnvelope' }
	| { kind: 'slowBody'; ms: number }
	| { kind: 'latency'; ms: number };

export type Fault = FaultSpec & { times?: number; operation?: string; path?: string };

export class FaultQueue {
	private readonly pending: Array<Fault & { left: number }> = [];

	add(fault: Fault): void {
		this.pending.push({ ...fault, left: fault.times ?? 1 });
	}

	/** Takes the first fault that applies to this call, if any. */
	take(path: string, operation: string | undefined): FaultSpec | undefined {
		const index = this.pending.findIndex(
			(fault) => (!fault.operation || fault.operation === operation) && (!fault.path || fault.path === path),
		);
		if (index < 0) return undefined;
		const fault = this.pending[index];
		fault.left -= 1;
		if (fault.left <= 0) this.pending.splice(index, 1);
		return fault;
	}

	clear(): void {
		this.pending.length = 0;
	}

	get size(): number {
		return this.pending.length;
	}
}

/**
 * How the sandbox limits the rate of calls, as a gateway in front of a paid API does: a share of
 * calls refused at random, and a cap on calls handled at once above which every further call is
 * refused. A refused call is answered at once (the limiter sits in front of the work), is never
 * billed, and carries Retry-After.
 */
export interface RateLimitSettings {
	/** Share of calls (0–1) refused at random, whatever the load; from a seeded generator, so runs repeat. */
	rate?: number;
	/** Calls handled at once above which a further call is refused. */
	concurrency?: number;
	/** Retry-After sent with a refusal, in seconds. Default 1. */
	retryAfterSeconds?: number;
	/** 'http': HTTP 429 without an envelope (default); 'code': HTTP 200 with the rate-limit code and charge 0. */
	answer?: 'http' | 'code';
	/** Seed of the generator behind `rate`. Default 1. */
	seed?: number;
}

/** What the limiter saw since the last reset: what tests and the benchmark read. */
export interface LoadStats {
	/** Calls being handled now (admitted, not yet answered). */
	inFlight: number;
	/** The most calls handled at once. */
	peakInFlight: number;
	/** Calls admitted (past the limiter). */
	admitted: number;
	/** Calls refused at random (`rate`). */
	refusedAtRandom: number;
	/** Calls refused because `concurrency` calls were already being handled. */
	refusedOverLimit: number;
}

/** Mulberry32: small, fast and good enough to pick which calls are refused. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class RateLimiter {
	private settings: RateLimitSettings = {};
	private random: () => number = seeded(1);
	private stats: LoadStats = { inFlight: 0, peakInFlight: 0, admitted: 0, refusedAtRandom: 0, refusedOverLimit: 0 };

	constructor(settings: RateLimitSettings = {}) {
		this.configure(settings);
	}

	/** Replaces the settings ({} turns limiting off) and restarts the generator. */
	configure(settings: RateLimitSettings): void {
		const rate = settings.rate ?? 0;
		if (!(rate >= 0 && rate <= 1)) throw new Error(`rate-limit rate ${rate}: use a share between 0 and 1`);
		if (settings.concurrency !== undefined && !(Number.isInteger(settings.concurrency) && settings.concurrency >= 1)) {
			throw new Error(`rate-limit concurrency ${settings.concurrency}: use a whole number of at least 1`);
		}
		if (settings.answer !== undefined && settings.answer !== 'http' && settings.answer !== 'code') {
			throw new Error(`rate-limit answer ${String(settings.answer)}: use "http" or "code"`);
		}
		this.settings = { ...settings };
		this.random = seeded(settings.seed ?? 1);
	}

	get current(): Readonly<RateLimitSettings> {
		return this.settings;
	}

	get retryAfterSeconds(): number {
		return this.settings.retryAfterSeconds ?? 1;
	}

	get answer(): 'http' | 'code' {
		return this.settings.answer ?? 'http';
	}

	/**
	 * A call arrives: 'admitted' (then `done()` must follow once it is answered), or why it is refused.
	 * The random share is drawn for every call, so the same seed refuses the same calls by position.
	 */
	arrive(): 'admitted' | 'random' | 'overLimit' {
		const { rate = 0, concurrency } = this.settings;
		if (rate > 0 && this.random() < rate) {
			this.stats.refusedAtRandom++;
			return 'random';
		}
		if (concurrency !== undefined && this.stats.inFlight >= concurrency) {
			this.stats.refusedOverLimit++;
			return 'overLimit';
		}
		this.stats.inFlight++;
		this.stats.admitted++;
		this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.stats.inFlight);
		return 'admitted';
	}

	done(): void {
		this.stats.inFlight = Math.max(0, this.stats.inFlight - 1);
	}

	snapshot(): LoadStats {
		return { ...this.stats };
	}

	/** Clears the counts (calls still in flight stay counted) and restarts the generator. */
	resetStats(): void {
		this.stats = { inFlight: this.stats.inFlight, peakInFlight: this.stats.inFlight, admitted: 0, refusedAtRandom: 0, refusedOverLimit: 0 };
		this.random = seeded(this.settings.seed ?? 1);
	}
}

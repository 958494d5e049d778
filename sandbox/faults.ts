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

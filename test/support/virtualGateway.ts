/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling runs in Node */
/**
 * A gateway in virtual time, to see what the width rule (nodes/shared/concurrency.ts) does over
 * thousands of calls without waiting for them: answers come after a fixed latency, a limiter in front
 * refuses a share of calls at random and every call above a number at once, as the sandbox does.
 * Deterministic: the same settings give the same run.
 */
import { CallGate, type AnswerSignal, type WidthSettings } from '../../nodes/shared/transport/concurrency';
import { runPool } from '../../nodes/shared/execution/pool';
import { seeded } from '../../sandbox/faults';

export class VirtualTime {
	now = 0;

	private timers: Array<{ at: number; order: number; resolve: () => void }> = [];

	private order = 0;

	sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			this.timers.push({ at: this.now + Math.max(0, ms), order: this.order++, resolve });
		});

	/** Runs `body` to its end, moving the clock to the next timer whenever nothing else can run. */
	async run<T>(body: Promise<T>): Promise<T> {
		let done = false;
		let result: T | undefined;
		let failure: unknown;
		body.then(
			(value) => {
				done = true;
				result = value;
			},
			(error: unknown) => {
				done = true;
				failure = error;
			},
		);
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (done) break;
			if (this.timers.length === 0) throw new Error('virtual time: nothing left to run, but the body has not finished');
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const timer = this.timers.shift()!;
			this.now = Math.max(this.now, timer.at);
			timer.resolve();
		}
		if (failure) throw failure;
		return result as T;
	}
}

export interface VirtualGatewaySettings {
	latencyMs: number;
	/** Share of calls refused at random. */
	rate?: number;
	/** Calls at once above which a call is refused. */
	limit?: number;
	/** Calls per second above which a call is refused (a quota over a sliding second). */
	perSecond?: number;
	/** Calls worked on at once; the others wait their turn, none is refused (latency climbs instead). */
	serving?: number;
	retryAfterMs?: number;
	/** Each latency varies by up to this share either way. Default 0.2. */
	jitter?: number;
	seed?: number;
}

export interface VirtualRun {
	seconds: number;
	/** Every attempt in order of arrival: refused or not, and how many calls the gateway handled then. */
	attempts: Array<{ refused: boolean; at: number }>;
	peakAtGateway: number;
	peakWidth: number;
	finalWidth: number;
	widths: number[];
}


/** `items` calls through the pool and the width rule against a virtual gateway. */
export async function simulate(items: number, width: WidthSettings, gateway: VirtualGatewaySettings): Promise<VirtualRun> {
	const time = new VirtualTime();
	const gate = new CallGate(width, () => time.now, time.sleep);
	const random = seeded(gateway.seed ?? 7);
	const attempts: VirtualRun['attempts'] = [];
	const recent: number[] = [];
	let atGateway = 0;
	let working = 0;
	const waiting: Array<() => void> = [];
	let peakAtGateway = 0;
	let peakWidth = gate.width;
	const widths: number[] = [];
	const send = async (): Promise<AnswerSignal> => {
		// A millisecond on the way there, one back.
		await time.sleep(1);
		const now = time.now;
		while (recent.length > 0 && recent[0] <= now - 1000) recent.shift();
		const refused =
			(gateway.rate !== undefined && random() < gateway.rate) ||
			(gateway.limit !== undefined && atGateway >= gateway.limit) ||
			(gateway.perSecond !== undefined && recent.length >= gateway.perSecond);
		attempts.push({ refused, at: now });
		if (refused) {
			await time.sleep(1);
			return 'rateLimit';
		}
		recent.push(now);
		atGateway++;
		peakAtGateway = Math.max(peakAtGateway, atGateway);
		if (gateway.serving !== undefined) {
			while (working >= gateway.serving) await new Promise<void>((resolve) => waiting.push(resolve));
			working++;
		}
		const jitter = gateway.jitter ?? 0.2;
		await time.sleep(Math.round(gateway.latencyMs * (1 - jitter + 2 * jitter * random())));
		if (gateway.serving !== undefined) {
			working--;
			waiting.shift()?.();
		}
		atGateway--;
		await time.sleep(1);
		return 'clean';
	};
	await time.run(
		runPool(items, { concurrency: width.initial, batchPauseMs: 0, throttle: gate }, {
			load: async () => undefined,
			work: async () => {
				for (;;) {
					const signal = await gate.attempt(send, (outcome) => outcome);
					peakWidth = Math.max(peakWidth, gate.width);
					widths.push(gate.width);
					if (signal !== 'rateLimit') return;
					await gate.backOff(gateway.retryAfterMs ?? 1000);
				}
			},
		}),
	);
	return { seconds: time.now / 1000, attempts, peakAtGateway, peakWidth, finalWidth: gate.width, widths };
}

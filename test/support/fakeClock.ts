/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import { setImmediate as nextTurn } from 'node:timers/promises';

import type { Clock } from '../../nodes/shared/transport/clock';

/**
 * Options for a test that waits for the code under test to start waiting (`sleeping`, a ledger's
 * `until`): if a regression means it never does, the test fails after a minute instead of hanging.
 */
export const FAILS_IF_STUCK = { timeout: 60_000 };

interface Sleeper {
	at: number;
	order: number;
	resolve: () => void;
}

/**
 * A clock for tests that wait on time: its time stands still until the test moves it, and a sleep
 * ends only when the time has been moved to its end. It knows who sleeps and until when, so a test
 * waits for the code under test to start waiting instead of racing a timer. Give the same clock to
 * the sandbox (`startSandbox({ clock })`) and to the package (`usePackageClock`), and both read one
 * time: the signature's timestamp, the ledger, a task's readiness, a retry's pause.
 */
export class FakeClock implements Clock {
	private time: number;

	private readonly sleepers: Sleeper[] = [];

	private order = 0;

	private readonly watchers: Array<() => void> = [];

	/** Every sleep asked for, in milliseconds, in the order asked. */
	readonly sleeps: number[] = [];

	/** Starts at this machine's time (so timestamps look real), or at `start`. */
	constructor(start: number = Date.now()) {
		this.time = start;
	}

	readonly now = (): number => this.time;

	readonly sleep = async (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		await new Promise<void>((resolve) => {
			this.sleepers.push({ at: this.time + Math.max(0, ms), order: this.order++, resolve });
			for (const watcher of this.watchers.splice(0)) watcher();
		});
	};

	/** How long each pending sleep still has to go, soonest first. */
	pending(): number[] {
		return this.sorted().map((sleeper) => sleeper.at - this.time);
	}

	/** Resolves once at least `count` sleeps are pending. */
	async sleeping(count = 1): Promise<void> {
		while (this.sleepers.length < count) await new Promise<void>((resolve) => this.watchers.push(resolve));
	}

	/**
	 * Moves the time forward by `ms`: every sleep that ends on the way ends, in order, each at its own
	 * end time, and what it wakes gets a turn before the next.
	 */
	async advance(ms: number): Promise<void> {
		const target = this.time + ms;
		for (;;) {
			const due = this.sorted().find((sleeper) => sleeper.at <= target);
			if (!due) break;
			this.sleepers.splice(this.sleepers.indexOf(due), 1);
			this.time = Math.max(this.time, due.at);
			due.resolve();
			await nextTurn();
		}
		this.time = target;
	}

	/** Waits until something sleeps, then moves the time to the end of the soonest sleep; returns how far it moved. */
	async next(): Promise<number> {
		await this.sleeping();
		const step = Math.max(0, this.sorted()[0].at - this.time);
		await this.advance(step);
		return step;
	}

	/**
	 * Waits for `work`, moving the time on whenever something sleeps meanwhile (to the end of the
	 * soonest sleep): time passes only as far as the code under test waits.
	 */
	async drive<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		const done = work.finally(() => {
			settled = true;
		});
		const ended = done.then(
			() => undefined,
			() => undefined,
		);
		while (!settled) {
			await Promise.race([ended, this.sleeping()]);
			if (!settled) await this.next();
		}
		return await done;
	}

	private sorted(): Sleeper[] {
		return [...this.sleepers].sort((a, b) => a.at - b.at || a.order - b.order);
	}
}

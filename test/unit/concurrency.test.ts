/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AdaptiveWidth, allowance, CallGate, mostAtOnce } from '../../nodes/shared/transport/concurrency';
import { simulate, VirtualTime, type VirtualRun } from '../support/virtualGateway';

/*
 * The width rule over thousands of calls against a gateway in virtual time (test/support/
 * virtualGateway.ts): no clock, no sockets, the same answers every run. What the node does against
 * the real sandbox is in test/batching.test.ts.
 */

const refusals = (run: VirtualRun, from = 0) => run.attempts.slice(from).filter((attempt) => attempt.refused).length;
const SEEDS = [1, 2, 3];

describe('the width rule (adaptive concurrency)', () => {
	it('grows from the starting width to Max Concurrency while answers come back clean, and never past it', async () => {
		for (const latencyMs of [50, 500]) {
			const run = await simulate(500, { initial: 10, max: 100, adaptive: true }, { latencyMs });
			assert.equal(refusals(run), 0);
			assert.equal(run.peakWidth, 100);
			assert.equal(run.peakAtGateway, 100);
			assert.equal(run.finalWidth, 100);
			assert.ok(run.widths.every((width) => width >= 1 && width <= 100));
		}
	});

	it('finds a gateway’s concurrency limit of 30: at most a few refusals per 1,000 calls once found', async () => {
		for (const seed of SEEDS) {
			for (const latencyMs of [50, 200]) {
				const run = await simulate(3000, { initial: 10, max: 100, adaptive: true }, { latencyMs, limit: 30, seed });
				const found = 300;
				const after = refusals(run, found);
				const perThousand = (1000 * after) / (run.attempts.length - found);
				assert.ok(perThousand <= 3, `seed ${seed}, ${latencyMs} ms: ${after} refusals in ${run.attempts.length - found} calls after the first ${found}`);
				assert.ok(refusals(run) <= 60, `seed ${seed}: ${refusals(run)} refusals while finding the limit`);
				assert.ok(run.finalWidth >= 27 && run.finalWidth <= 31, `seed ${seed}: ends at ${run.finalWidth}`);
			}
		}
	});

	it('shrinks to a small limit from a wider start', async () => {
		for (const limit of [1, 3]) {
			const run = await simulate(400, { initial: 10, max: 100, adaptive: true }, { latencyMs: 20, limit });
			assert.equal(run.finalWidth, limit);
			assert.ok(refusals(run, 100) <= 3, `limit ${limit}: ${refusals(run, 100)} refusals after the first 100 calls`);
		}
	});

	it('tolerates refusals that come whatever the width (10 % at random): the width still reaches Max Concurrency', async () => {
		for (const seed of SEEDS) {
			const run = await simulate(1000, { initial: 10, max: 100, adaptive: true }, { latencyMs: 500, rate: 0.1, seed });
			assert.equal(run.peakWidth, 100, `seed ${seed}`);
			assert.ok(run.finalWidth >= 50, `seed ${seed}: ends at ${run.finalWidth}`);
		}
	});

	it('narrows under a per-second quota', async () => {
		// 100 calls a second at 50 ms each: about 5 at once.
		const run = await simulate(1500, { initial: 10, max: 100, adaptive: true }, { latencyMs: 50, perSecond: 100 });
		assert.ok(run.finalWidth <= 8, `ends at ${run.finalWidth}`);
	});

	it('stops growing when more calls only wait: a gateway that works on 20 at once and queues the rest', async () => {
		for (const seed of SEEDS) {
			const run = await simulate(2000, { initial: 10, max: 200, adaptive: true }, { latencyMs: 100, serving: 20, seed });
			assert.equal(refusals(run), 0);
			assert.ok(run.finalWidth <= 60, `seed ${seed}: ends at ${run.finalWidth} for a gateway that works on 20 at once`);
		}
	});

	it('holds a fixed width when not adaptive, and keeps within Max Concurrency from any start', async () => {
		const fixed = await simulate(200, { initial: 7, max: 7, adaptive: false }, { latencyMs: 50, limit: 3 });
		assert.ok(fixed.widths.every((width) => width === 7));
		const capped = new AdaptiveWidth({ initial: 50, max: 20, adaptive: true });
		assert.equal(capped.width, 20);
	});

	it('judges refusals against attempts sent, so fast refusals do not outweigh slow clean answers', () => {
		const width = new AdaptiveWidth({ initial: 20, max: 100, adaptive: true });
		// 20 attempts out; two come back refused at once, the other 18 are still on their way.
		const sent = Array.from({ length: 20 }, () => width.sent());
		width.answered(sent[0], 'rateLimit', 1, 20, 20);
		width.answered(sent[1], 'rateLimit', 1, 20, 20);
		assert.ok(width.inSlowStart, 'two refusals in twenty attempts do not end the growth');
		for (const sequence of sent.slice(2)) width.answered(sequence, 'clean', 500, 20, 20);
		assert.equal(width.width, 92);
	});

	it('counts the most clean calls in flight together; one ending as another begins does not overlap it', () => {
		assert.equal(mostAtOnce([0, 10, 5, 15, 10, 20, 12, 13]), 3);
		assert.equal(mostAtOnce([0, 10, 10, 20, 20, 30]), 1);
		assert.equal(mostAtOnce([]), 0);
	});

	it('allows no refusal where none come whatever the width, and three standard deviations where some do', () => {
		assert.equal(allowance(30, 0), 0);
		assert.ok(Math.abs(allowance(100, 0.1) - 19) < 1e-9);
	});
});

describe('the call gate', () => {
	it('keeps attempts in flight within the width, and a waiting retry does not hold a place', async () => {
		const time = new VirtualTime();
		const gate = new CallGate({ initial: 2, max: 2, adaptive: false }, () => time.now, time.sleep);
		const order: string[] = [];
		const call = (name: string, ms: number) =>
			gate.attempt(
				async () => {
					order.push(`${name}@${time.now}`);
					await time.sleep(ms);
					return 'clean' as const;
				},
				(signal) => signal,
			);
		gate.enter();
		gate.enter();
		const first = (async () => {
			await call('a', 10);
			// Refused, say: wait 100 ms without holding a place.
			await gate.backOff(100);
			await call('a again', 10);
			gate.leave();
		})();
		const second = (async () => {
			await call('b', 10);
			gate.leave();
		})();
		await time.run(
			(async () => {
				await gate.whenOpen();
				gate.enter();
				await call('c', 10);
				gate.leave();
				await Promise.all([first, second]);
			})(),
		);
		// c starts as soon as a leaves for its wait, long before a comes back.
		assert.deepEqual(order, ['a@0', 'b@0', 'c@10', 'a again@110']);
		assert.equal(gate.calls.peak, 2);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs, { type ReadStream } from 'node:fs';
import { after, before, describe, it, mock } from 'node:test';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CODE } from '../nodes/shared/transport/codes';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { runWorkflow, usePackageClock } from './harness/harness';
import { FAILS_IF_STUCK, FakeClock } from './support/fakeClock';
import { makePng, makePngOfSize } from './support/images';
import { credentialFor, freePort } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

const png = (seed: number) => ({ binary: { data: { data: makePng(8, 8, seed), fileName: `f${seed}.png`, mimeType: 'image/png' } } });
/** `count` images that are all different (so none is deduplicated), from `from` on. */
const distinct = (count: number, from = 1) =>
	Array.from({ length: count }, (_, index) => ({
		binary: { data: { data: makePng(8, 8, from + index, true), fileName: `d${from + index}.png`, mimeType: 'image/png' } },
	}));
const invoice = (options: INodeParameters = {}) => ({ operation: 'invoice', binaryPropertyName: 'data', options });

/**
 * For the tests that wait on time: a sandbox of their own and the package (the node's retries,
 * batch pauses and signatures) on one fake clock, which moves only as far as they wait.
 */
async function onFakeClock(options: SandboxOptions, body: (sandbox: Sandbox, clock: FakeClock) => Promise<void>): Promise<void> {
	const clock = new FakeClock();
	const sandbox = await startSandbox({ ...options, clock });
	const restoreClock = usePackageClock(clock);
	try {
		await body(sandbox, clock);
	} finally {
		restoreClock();
		await sandbox.close();
	}
}

const runOn = (sandbox: Sandbox, parameters: INodeParameters, inputs: Array<ReturnType<typeof png>>) =>
	runWorkflow(singleNodeWorkflow('cbtOcr', parameters), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: inputs } });

describe('batches: concurrency, rate limits, retries, duplicates', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({ latencyMs: 20 });
	});
	after(() => sandbox.close());
	const run = (parameters: INodeParameters, inputs: ReturnType<typeof png>[], settings = {}) =>
		runWorkflow(singleNodeWorkflow('cbtOcr', parameters, settings), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: inputs } });

	it('a burst of 429s slows the run down and every item still succeeds, billed once', FAILS_IF_STUCK, async () => {
		await onFakeClock({}, async (sandbox, clock) => {
			sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 1, times: 4 });
			const started = clock.now();
			const running = runOn(sandbox, invoice({ concurrency: 5 }), Array.from({ length: 10 }, (_, index) => png(index)));
			// The clock stands still: the other six items are sent and billed while the four refused ones wait their Retry-After.
			await clock.sleeping(4);
			await sandbox.ledger.until((entries) => entries.filter((entry) => entry.billed).length === 6);
			assert.deepEqual(clock.pending(), [1_000, 1_000, 1_000, 1_000]);
			await clock.advance(1_000);
			const result = await clock.drive(running);
			assert.equal(result.error('CBT'), undefined);
			assert.equal(result.output('CBT').length, 10);
			assert.deepEqual(clock.sleeps, [1_000, 1_000, 1_000, 1_000], 'nothing else waited');
			const entries = sandbox.ledger.entries;
			const refused = entries.filter((entry) => entry.fault === 'http');
			assert.equal(refused.length, 4);
			for (const refusal of refused) {
				const sentAt = entries.filter((entry) => entry.fingerprint === refusal.fingerprint).map((entry) => [entry.at - started, entry.billed]);
				assert.deepEqual(sentAt, [[0, false], [1_000, true]], 'refused, then sent again 1 s (Retry-After) later and billed');
			}
			assert.equal(sandbox.ledger.billed().length, 10);
		});
	});

	it('every retry of an item is signed afresh, at the time it goes out (seen by the gateway)', async () => {
		await onFakeClock({}, async (sandbox, clock) => {
			sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 1, times: 2 });
			const second = Math.floor(clock.now() / 1000);
			const result = await clock.drive(runOn(sandbox, invoice(), [png(1)]));
			assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
			// One item, sent three times: refused, refused, billed; 1 s apart on the clock.
			const sent = sandbox.ledger.entries;
			assert.deepEqual(
				sent.map((entry) => [entry.fault, entry.billed]),
				[
					['http', false],
					['http', false],
					[undefined, true],
				],
			);
			assert.equal(new Set(sent.map((entry) => entry.fingerprint)).size, 1, 'the same request each time');
			const timestamps = [second, second + 1, second + 2].map(String);
			assert.deepEqual(sent.map((entry) => entry.timestamp), timestamps);
			// The default signature, MD5 of App Key + timestamp + App Secret, computed here rather than by the package.
			const md5 = (text: string) => createHash('md5').update(text).digest('hex');
			assert.deepEqual(
				sent.map((entry) => entry.signature),
				timestamps.map((timestamp) => md5(`${SANDBOX_APP_KEY}${timestamp}${SANDBOX_APP_SECRET}`)),
			);
			assert.equal(new Set(sent.map((entry) => entry.signature)).size, 3, 'three different signatures');
		});
	});

	it('the gateway’s “too frequent” code with no charge is retried too', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.rateLimit, charge: 0, times: 2 });
		const result = await run(invoice({ concurrency: 2 }), [png(1), png(2)]);
		assert.equal(result.output('CBT').length, 2);
		assert.equal(result.error('CBT'), undefined);
		assert.equal(sandbox.ledger.billed().length, 2);
	});

	it('connections refused before sending are retried once the gateway is up, and each item is billed once', FAILS_IF_STUCK, async () => {
		const port = await freePort();
		const clock = new FakeClock();
		const restoreClock = usePackageClock(clock);
		let late: Sandbox | undefined;
		try {
			const running = runWorkflow(singleNodeWorkflow('cbtOcr', invoice({ concurrency: 3, maxRetries: 6 })), {
				credentials: { cbtApi: { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: `http://127.0.0.1:${port}` } },
				inputs: { Input: [png(1), png(2), png(3)] },
			});
			// An item was refused (nothing listens yet) and waits to retry: now the gateway comes up.
			const first = await Promise.race([clock.sleeping().then(() => 'waits to retry'), running.then(() => 'run ended')]);
			assert.equal(first, 'waits to retry');
			late = await startSandbox({ port, clock, apps: [{ appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET }] });
			const result = await clock.drive(running);
			assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
			assert.equal(result.output('CBT').length, 3);
			assert.ok(clock.sleeps.length >= 1, 'at least one item waited to retry');
			assert.equal(late.ledger.entries.length, 3, 'no refused attempt reached the gateway');
			assert.equal(new Set(late.ledger.billed().map((entry) => entry.fingerprint)).size, 3, 'each item billed exactly once');
		} finally {
			restoreClock();
			await late?.close();
		}
	});

	it('a timeout after the gateway billed is not retried, and says the call may have been billed', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'hang', afterBilling: true });
		const result = await run(invoice({ timeoutSeconds: 1, concurrency: 1 }), [png(1)]);
		const error = result.error('CBT');
		assert.match(error?.message ?? '', /^Item 0: The gateway did not answer in time/);
		assert.match(error?.description ?? '', /may have billed it/);
		assert.equal(sandbox.ledger.entries.length, 1, 'not retried');
		assert.equal(sandbox.ledger.billed().length, 1);
	});

	it('a redirect is not followed (a POST would lose its body); the error says where to point the credential', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'http', status: 301, location: 'https://gw2.example.com/apis/tt/gw/ocr/v1/invoice?token=t0p' });
		const error = (await run(invoice(), [png(1)])).error('CBT');
		assert.equal(error?.message, 'Item 0: The gateway answered with a redirect (HTTP 301) to https://gw2.example.com/apis/tt/gw/ocr/v1/invoice');
		assert.match(error?.description ?? '', /Set the Base URL in the credential/);
		assert.equal(sandbox.ledger.entries.length, 1, 'not retried');
		assert.equal(sandbox.ledger.billed().length, 0);
	});

	it('files are read one item ahead per lane, and a stopped run closes the ones it read but did not send', async () => {
		// Every stream opened on a file of n8n's binary store (the harness keeps it in a temporary folder).
		const opened: ReadStream[] = [];
		const createReadStream = fs.createReadStream;
		const spy = mock.method(fs, 'createReadStream', (...args: Parameters<typeof fs.createReadStream>) => {
			const stream = createReadStream(...args);
			if (String(args[0]).includes('cbt-harness-')) opened.push(stream);
			return stream;
		});
		/** Every stream a run opened was destroyed by it (none left holding its file), and has closed its file. */
		const allClosed = async (what: string) => {
			assert.ok(opened.length > 0, `${what}: the run read its files from the binary store`);
			assert.deepEqual(
				opened.flatMap((stream, index) => (stream.destroyed ? [] : [index])),
				[],
				`${what}: streams still open`,
			);
			await Promise.all(opened.map(async (stream) => (stream.closed ? undefined : await once(stream, 'close'))));
		};
		try {
			// Larger than one read chunk (64 KB), so an image read ahead holds its file open until it is sent.
			const inputs = Array.from({ length: 40 }, (_, index) => ({
				binary: { data: { data: makePngOfSize(100_000, 100 + index), fileName: `big${index}.png`, mimeType: 'image/png' } },
			}));
			sandbox.reset();
			sandbox.inject({ kind: 'code', code: CODE.invalidParameter, charge: 0 });
			const result = await run(invoice({ concurrency: 5, maxRetries: 0 }), inputs);
			assert.match(result.error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.invalidParameter}`));
			assert.ok(sandbox.ledger.entries.length <= 5, `${sandbox.ledger.entries.length} calls after the failure`);
			assert.ok(opened.length < inputs.length, `the stopped run opened ${opened.length} of ${inputs.length} files`);
			await allClosed('stopped run');

			opened.length = 0;
			sandbox.reset();
			const ok = await run(invoice({ concurrency: 5, includeMetadata: true }), inputs);
			assert.equal(ok.output('CBT').length, 40);
			assert.equal(sandbox.ledger.entries.length, 40);
			await allClosed('whole run');
		} finally {
			spy.mock.restore();
		}
	});

	it('a billed transient error is not retried; an unbilled one is', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 0 });
		assert.equal((await run(invoice(), [png(1)])).output('CBT')[0].json.invoiceCode, '5106532891');
		assert.equal(sandbox.ledger.entries.length, 2);
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 1 });
		assert.match((await run(invoice(), [png(1)])).error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.internal}`));
		assert.equal(sandbox.ledger.entries.length, 1);
	});

	it('identical requests are called once and every item gets the answer; the option turns it off', async () => {
		const inputs = [png(1), png(2), png(1), png(1), png(2), png(3)];
		sandbox.reset();
		const shared = await run(invoice({ concurrency: 4, includeMetadata: true }), inputs);
		assert.equal(shared.output('CBT').length, 6);
		assert.equal(sandbox.ledger.entries.length, 3);
		// Items 0, 2 and 3 are the same request: whichever was ready first was sent, the others point at it.
		const pointsAt = (index: number) => (shared.output('CBT')[index].json._cbt as { sameRequestAsItem?: number }).sameRequestAsItem;
		const sent = [0, 2, 3].filter((index) => pointsAt(index) === undefined);
		assert.equal(sent.length, 1);
		for (const index of [0, 2, 3].filter((other) => other !== sent[0])) assert.equal(pointsAt(index), sent[0]);
		sandbox.reset();
		await run(invoice({ concurrency: 4, deduplicate: false }), inputs);
		assert.equal(sandbox.ledger.entries.length, 6);
	});

	it('output order, pairing and per-item errors are those of a one-at-a-time run at every width, with and without refusals', async () => {
		// Every third item goes to a path the gateway does not know; every fifth is not an image.
		const inputs = Array.from({ length: 30 }, (_, index) =>
			index % 5 === 4
				? { json: { index, fail: false }, binary: { data: { data: Buffer.from('<html></html>'), fileName: `bad${index}.png`, mimeType: 'image/png' } } }
				: { json: { index, fail: index % 3 === 0 }, ...png(index) },
		);
		const parameters = (options: INodeParameters) => invoice({ ...options, path: "={{ $json.fail ? '/apis/tt/gw/ocr/v9/nowhere' : '' }}" });
		const summary = (items: INodeExecutionData[]) =>
			items.map((item) => [item.pairedItem, item.json.error ? String(item.json.error) : item.json.invoiceCode]);
		const sequential = await run(parameters({ concurrency: 1, maxConcurrency: 1 }), inputs, { onError: 'continueRegularOutput' });
		assert.equal(sequential.output('CBT').length, 30);
		assert.match(String(sequential.output('CBT')[0].json.error), new RegExp(`^Item 0: Gateway error ${CODE.unknownEndpoint}`));
		assert.match(String(sequential.output('CBT')[4].json.error), /^Item 4, field 'Input Binary Field'/);
		assert.equal(sequential.output('CBT')[1].json.invoiceCode, '5106532891');
		const widths: Array<[string, INodeParameters]> = [
			['fixed 5', { concurrency: 5, maxConcurrency: 5 }],
			['fixed 20', { concurrency: 20, maxConcurrency: 20 }],
			['adaptive, defaults', {}],
			['adaptive from 2 to 60', { concurrency: 2, maxConcurrency: 60 }],
		];
		for (const [name, options] of widths) {
			const parallel = await run(parameters(options), inputs, { onError: 'continueRegularOutput' });
			assert.deepEqual(summary(parallel.output('CBT')), summary(sequential.output('CBT')), name);
		}
		// A gateway that refuses a quarter of the calls at random and every call beyond 6 at once.
		sandbox.reset();
		sandbox.setRateLimit({ rate: 0.25, concurrency: 6, retryAfterSeconds: 1 });
		try {
			const refused = await run(parameters({ concurrency: 20, maxConcurrency: 60 }), inputs, { onError: 'continueRegularOutput' });
			assert.deepEqual(summary(refused.output('CBT')), summary(sequential.output('CBT')), 'with refusals');
			assert.ok(sandbox.load().refusedAtRandom + sandbox.load().refusedOverLimit > 0, 'the gateway refused calls');
			const billed = sandbox.ledger.billed();
			assert.equal(new Set(billed.map((entry) => entry.fingerprint)).size, billed.length, 'no request billed twice');
		} finally {
			sandbox.setRateLimit({});
		}
	});

	it('the width grows while answers come back clean, up to Max Concurrency and never past it', async () => {
		const slow = await startSandbox({ latencyMs: 300 });
		try {
			const result = await runWorkflow(singleNodeWorkflow('cbtOcr', invoice({ concurrency: 2, maxConcurrency: 40 })), {
				credentials: { cbtApi: credentialFor(slow) },
				inputs: { Input: distinct(200) },
			});
			assert.equal(result.error('CBT'), undefined);
			assert.equal(result.output('CBT').length, 200);
			const { peakInFlight } = slow.load();
			assert.ok(peakInFlight > 20, `the gateway saw at most ${peakInFlight} calls at once, starting from 2`);
			assert.ok(peakInFlight <= 40, `the gateway saw ${peakInFlight} calls at once, above Max Concurrency 40`);
			assert.equal(slow.ledger.billed().length, 200);
		} finally {
			await slow.close();
		}
	});

	for (const answer of ['http', 'code'] as const) {
		it(`the width shrinks to what the gateway takes (refusals as ${answer === 'http' ? 'HTTP 429' : 'its rate-limit code'}), and every item is billed once`, async () => {
			// The gateway takes 8 calls at once; the node starts at 20.
			const limited = await startSandbox({ latencyMs: 50, rateLimit: { concurrency: 8, retryAfterSeconds: 1, answer } });
			try {
				const result = await runWorkflow(singleNodeWorkflow('cbtOcr', invoice({ concurrency: 20, maxConcurrency: 60 })), {
					credentials: { cbtApi: credentialFor(limited) },
					inputs: { Input: distinct(300) },
				});
				assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
				assert.equal(result.output('CBT').length, 300);
				const billed = limited.ledger.billed();
				assert.equal(billed.length, 300);
				assert.equal(new Set(billed.map((entry) => entry.fingerprint)).size, 300, 'no request billed twice');
				const refusedAt = limited.ledger.entries.flatMap((entry, index) => (entry.fault === 'rateLimit' ? [index] : []));
				assert.ok(refusedAt.length > 0, 'the node started above the limit');
				// Once the node has narrowed, calls above the limit are rare: the second half of the run sees
				// a few at most (probes above the limit), against the burst of the start.
				const half = limited.ledger.entries.length / 2;
				const late = refusedAt.filter((index) => index >= half).length;
				assert.ok(late <= Math.max(5, (refusedAt.length - late) / 5), `${late} refusals in the second half of the run, ${refusedAt.length - late} in the first`);
			} finally {
				await limited.close();
			}
		});
	}

	it('a 429 delays only the request that got it: the other items go on meanwhile', FAILS_IF_STUCK, async () => {
		await onFakeClock({}, async (sandbox, clock) => {
			sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 2 });
			const running = runOn(sandbox, invoice({ concurrency: 4, maxConcurrency: 4 }), distinct(20, 500));
			// The clock stands still: the refused request waits its 2 s, and the 19 others are all sent and billed meanwhile.
			await sandbox.ledger.until((entries) => entries.filter((entry) => entry.billed).length === 19);
			assert.deepEqual(clock.pending(), [2_000], 'the refused request is still waiting');
			const result = await clock.drive(running);
			assert.equal(result.error('CBT'), undefined);
			assert.equal(result.output('CBT').length, 20);
			const entries = sandbox.ledger.entries;
			const refused = entries.findIndex((entry) => entry.fault === 'http');
			assert.ok(refused >= 0);
			assert.equal(entries.length, 21);
			assert.equal(entries[20].fingerprint, entries[refused].fingerprint, 'the refused request went again last');
			assert.equal(entries[20].at - entries[refused].at, 2_000);
			assert.equal(sandbox.ledger.billed().length, 20);
		});
	});

	for (const count of [3, 7, 20]) {
		it(`no place is lost to reading ahead: ${count} items at concurrency ${count} are all in flight at once`, FAILS_IF_STUCK, async () => {
			await onFakeClock({ latencyMs: 300 }, async (sandbox, clock) => {
				const running = runOn(sandbox, invoice({ concurrency: count, maxConcurrency: count }), distinct(count, 1000));
				// The sandbox holds every call it gets until its clock moves: all of them must arrive before any is answered.
				await clock.sleeping(count);
				assert.equal(sandbox.load().inFlight, count);
				await clock.advance(300);
				const result = await running;
				assert.equal(result.output('CBT').length, count);
				assert.equal(sandbox.load().peakInFlight, count);
			});
		});
	}

	it('a pause between batches spaces the calls', async () => {
		await onFakeClock({}, async (sandbox, clock) => {
			const started = clock.now();
			await clock.drive(runOn(sandbox, invoice({ concurrency: 2, batchPauseMs: 300 }), [png(1), png(2), png(3), png(4)]));
			assert.deepEqual(clock.sleeps, [300]);
			assert.deepEqual(
				sandbox.ledger.entries.map((entry) => entry.at - started),
				[0, 0, 300, 300],
				'two calls at once, a pause of 300 ms, two more',
			);
		});
	});
});

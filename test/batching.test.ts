/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow } from './harness/harness';
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

describe('batches: concurrency, rate limits, retries, duplicates', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({ latencyMs: 20 });
	});
	after(() => sandbox.close());
	const run = (parameters: INodeParameters, inputs: ReturnType<typeof png>[], settings = {}) =>
		runWorkflow(singleNodeWorkflow('cbtOcr', parameters, settings), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: inputs } });

	it('a burst of 429s slows the run down and every item still succeeds, billed once', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 1, times: 4 });
		const started = Date.now();
		const result = await run(invoice({ concurrency: 5 }), Array.from({ length: 10 }, (_, index) => png(index)));
		assert.equal(result.error('CBT'), undefined);
		assert.equal(result.output('CBT').length, 10);
		assert.ok(Date.now() - started >= 900, 'the run waited for Retry-After');
		assert.equal(sandbox.ledger.entries.filter((entry) => entry.fault === 'http').length, 4);
		assert.equal(sandbox.ledger.billed().length, 10);
	});

	it('the gateway’s “too frequent” code with no charge is retried too', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: 100007, charge: 0, times: 2 });
		const result = await run(invoice({ concurrency: 2 }), [png(1), png(2)]);
		assert.equal(result.output('CBT').length, 2);
		assert.equal(result.error('CBT'), undefined);
		assert.equal(sandbox.ledger.billed().length, 2);
	});

	it('connections refused before sending are retried with a fresh signature and billed once', async () => {
		const port = await freePort();
		let late: Sandbox | undefined;
		const starting = new Promise<void>((resolve) =>
			setTimeout(async () => {
				late = await startSandbox({ port, apps: [{ appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET }] });
				resolve();
			}, 400),
		);
		try {
			const result = await runWorkflow(singleNodeWorkflow('cbtOcr', invoice({ concurrency: 3, maxRetries: 6 })), {
				credentials: { cbtApi: { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: `http://127.0.0.1:${port}` } },
				inputs: { Input: [png(1), png(2), png(3)] },
			});
			await starting;
			assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
			assert.equal(result.output('CBT').length, 3);
			assert.equal(late?.ledger.billed().length, 3, 'each item billed exactly once');
		} finally {
			await starting;
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
		// Files of n8n's binary store (the harness keeps it in a temporary folder) this process has open.
		const openFiles = () =>
			readdirSync('/proc/self/fd').filter((fd) => {
				try {
					return readlinkSync(`/proc/self/fd/${fd}`).includes('cbt-harness-');
				} catch {
					return false;
				}
			}).length;
		// Larger than one read chunk (64 KB), so an image read ahead holds its file open until it is sent.
		const inputs = Array.from({ length: 40 }, (_, index) => ({
			binary: { data: { data: makePngOfSize(100_000, 100 + index), fileName: `big${index}.png`, mimeType: 'image/png' } },
		}));
		const before = openFiles();
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: 100004, charge: 0 });
		const result = await run(invoice({ concurrency: 5, maxRetries: 0 }), inputs);
		assert.match(result.error('CBT')?.message ?? '', /Gateway error 100004/);
		assert.ok(sandbox.ledger.entries.length <= 5, `${sandbox.ledger.entries.length} calls after the failure`);
		await new Promise((resolve) => setTimeout(resolve, 100));
		assert.equal(openFiles(), before, 'every file read ahead was closed');
		sandbox.reset();
		const ok = await run(invoice({ concurrency: 5, includeMetadata: true }), inputs);
		assert.equal(ok.output('CBT').length, 40);
		assert.equal(sandbox.ledger.entries.length, 40);
		await new Promise((resolve) => setTimeout(resolve, 100));
		assert.equal(openFiles(), before);
	});

	it('a billed transient error is not retried; an unbilled one is', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: 500001, charge: 0 });
		assert.equal((await run(invoice(), [png(1)])).output('CBT')[0].json.invoiceCode, '5106532891');
		assert.equal(sandbox.ledger.entries.length, 2);
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: 500001, charge: 1 });
		assert.match((await run(invoice(), [png(1)])).error('CBT')?.message ?? '', /Gateway error 500001/);
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
		assert.match(String(sequential.output('CBT')[0].json.error), /^Item 0: Gateway error 100005/);
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

	it('a 429 delays only the request that got it: the other items go on meanwhile', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 2 });
		const result = await run(invoice({ concurrency: 4, maxConcurrency: 4 }), distinct(20, 500));
		assert.equal(result.error('CBT'), undefined);
		assert.equal(result.output('CBT').length, 20);
		const entries = sandbox.ledger.entries;
		const refused = entries.findIndex((entry) => entry.fault === 'http');
		const retried = entries.findIndex((entry, index) => index > refused && entry.fingerprint === entries[refused].fingerprint);
		assert.ok(refused >= 0 && retried > refused);
		// Everything else was sent and billed while the refused request waited its 2 seconds.
		assert.equal(retried, entries.length - 1, 'the refused request went again last');
		assert.equal(entries.slice(refused + 1, retried).filter((entry) => entry.billed).length, 19);
		assert.equal(sandbox.ledger.billed().length, 20);
	});

	for (const count of [3, 7, 20]) {
		it(`no place is lost to reading ahead: ${count} items at concurrency ${count} are all in flight at once`, async () => {
			sandbox.reset();
			sandbox.setLatency(300);
			try {
				const result = await run(invoice({ concurrency: count, maxConcurrency: count }), distinct(count, 1000));
				assert.equal(result.output('CBT').length, count);
				assert.equal(sandbox.load().peakInFlight, count);
			} finally {
				sandbox.setLatency(20);
			}
		});
	}

	it('a pause between batches spaces the calls', async () => {
		sandbox.reset();
		await run(invoice({ concurrency: 2, batchPauseMs: 300 }), [png(1), png(2), png(3), png(4)]);
		const times = sandbox.ledger.entries.map((entry) => entry.at).sort((a, b) => a - b);
		assert.ok(times[2] - times[1] >= 280, `second batch started ${times[2] - times[1]} ms after the first`);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, and spawns the sandbox's command line once */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';

import { signRequest } from '../nodes/shared/auth/credentialSigning';
import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { PACKAGE_ROOT } from './harness/harness';
import { FAILS_IF_STUCK, FakeClock } from './support/fakeClock';
import { makePng } from './support/images';
import { credentialFor } from './support/sandbox';

/*
 * The sandbox's rate limiting (sandbox/faults.ts): a share of calls refused at random, and every call
 * beyond a number handled at once; refused at once, unbilled, with Retry-After. Set from
 * startSandbox's options, the control route and the command line.
 */

const INVOICE = '/apis/tt/gw/ocr/v1/invoice';

async function call(sandbox: { url: string }, seed: number): Promise<{ status: number; retryAfter: string | null; body: string }> {
	const credential = credentialFor(sandbox as Sandbox);
	const signed = signRequest(credential, { method: 'POST', url: INVOICE, body: { image: makePng(8, 8, seed, true).toString('base64') } });
	const response = await fetch(new URL(INVOICE, sandbox.url), { method: 'POST', headers: signed.headers as Record<string, string>, body: signed.body as Buffer });
	return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

describe('sandbox rate limiting', () => {
	let sandbox: Sandbox;
	// The sandbox's latency holds the calls it admits until the test moves this clock.
	const clock = new FakeClock();
	before(async () => {
		sandbox = await startSandbox({ clock, latencyMs: 200, rateLimit: { concurrency: 4, retryAfterSeconds: 2 } });
	});
	after(() => sandbox.close());
	const refusals = (count: number) => sandbox.ledger.until((entries) => entries.filter((entry) => entry.fault === 'rateLimit').length === count);

	it('refuses every call beyond the concurrency limit at once, with 429 and Retry-After, unbilled', FAILS_IF_STUCK, async () => {
		sandbox.reset();
		const calls = Promise.all(Array.from({ length: 10 }, (_, index) => call(sandbox, index + 1)));
		// Four calls are admitted and held (the clock stands still); the six others are refused at once.
		await clock.sleeping(4);
		await refusals(6);
		assert.deepEqual(clock.pending(), [200, 200, 200, 200]);
		await clock.advance(200);
		const answers = await calls;
		assert.equal(answers.filter((answer) => answer.status === 200).length, 4);
		const refused = answers.filter((answer) => answer.status === 429);
		assert.equal(refused.length, 6);
		assert.ok(refused.every((answer) => answer.retryAfter === '2'));
		const load = sandbox.load();
		assert.equal(load.peakInFlight, 4);
		assert.equal(load.refusedOverLimit, 6);
		assert.equal(load.inFlight, 0);
		assert.equal(sandbox.ledger.entries.filter((entry) => entry.fault === 'rateLimit' && !entry.billed).length, 6);
		assert.equal(sandbox.ledger.billed().length, 4);
	});

	it('refuses a share at random, the same calls for the same seed; as the rate-limit code when asked', async () => {
		const refusedOf = async () => {
			sandbox.reset();
			const answers: Array<{ status: number; body: string }> = [];
			for (let index = 0; index < 40; index++) answers.push(await call(sandbox, 100 + index));
			return answers;
		};
		sandbox.setLatency(0);
		try {
			sandbox.setRateLimit({ rate: 0.3, seed: 9 });
			const first = await refusedOf();
			const second = await refusedOf();
			const pattern = (answers: Array<{ status: number }>) => answers.map((answer) => (answer.status === 429 ? 'X' : '.')).join('');
			assert.equal(pattern(first), pattern(second));
			const refused = first.filter((answer) => answer.status === 429).length;
			assert.ok(refused >= 4 && refused <= 20, `${refused} of 40 refused at 30 %`);
			assert.equal(sandbox.load().refusedAtRandom, refused);

			sandbox.setRateLimit({ rate: 1, answer: 'code' });
			const coded = await call(sandbox, 7);
			assert.equal(coded.status, 200);
			const envelope = JSON.parse(coded.body) as { code: number; charge: number };
			assert.equal(envelope.code, CODE.rateLimit);
			assert.equal(envelope.charge, 0);
			assert.equal(coded.retryAfter, '1');
		} finally {
			sandbox.setLatency(200);
			sandbox.setRateLimit({ concurrency: 4, retryAfterSeconds: 2 });
		}
	});

	it('is set over the control route, which also reports the load', FAILS_IF_STUCK, async () => {
		const post = (body: unknown) => fetch(`${sandbox.url}/__sandbox/rate-limit`, { method: 'POST', body: JSON.stringify(body) });
		assert.equal((await post({ rate: 2 })).status, 400);
		const set = await post({ concurrency: 1, retryAfterSeconds: 3 });
		assert.deepEqual(await set.json(), { ok: true, rateLimit: { concurrency: 1, retryAfterSeconds: 3 } });
		await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
		const calls = Promise.all([call(sandbox, 1), call(sandbox, 2)]);
		await clock.sleeping(1);
		await refusals(1);
		await clock.advance(200);
		const answers = await calls;
		assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 429]);
		const load = (await (await fetch(`${sandbox.url}/__sandbox/load`)).json()) as { refusedOverLimit: number; peakInFlight: number };
		assert.equal(load.refusedOverLimit, 1);
		assert.equal(load.peakInFlight, 1);
		await post({ concurrency: 4, retryAfterSeconds: 2 });
	});

	it('is set from the command line', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--concurrency-limit', '1', '--retry-after', '5', '--latency', '300'], {
			cwd: PACKAGE_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const output = await new Promise<string>((resolve, reject) => {
				let seen = '';
				child.stdout.on('data', (chunk: Buffer) => {
					seen += chunk.toString();
					if (/Rate limit:.*\n/.test(seen)) resolve(seen);
				});
				child.on('exit', (code) => reject(new Error(`the sandbox exited with ${code}: ${seen}`)));
			});
			assert.match(output, /every call above 1 at once \(HTTP 429, Retry-After 5 s\)/);
			const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
			const answers = await Promise.all([call({ url }, 1), call({ url }, 2)]);
			assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 429]);
			assert.equal(answers.find((answer) => answer.status === 429)?.retryAfter, '5');
		} finally {
			child.kill();
		}
	});
});

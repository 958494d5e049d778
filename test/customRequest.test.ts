/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow, type HarnessItem } from './harness/harness';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * CBT Gateway › Custom Request runs through the shared executor, so each option it shows does what it
 * does for every other operation; before, its own loop ignored Concurrency, Max Retries, Deduplicate
 * and Extra Body Fields. Each test would fail on that loop: it is written against the sandbox's ledger
 * and load counters, not against the node's code.
 */

const PATH = '/apis/tt/gw/misc/v1/shidian';

describe('CBT Gateway › Custom Request honours its options', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const run = (parameters: INodeParameters, items: HarnessItem[], settings = {}) =>
		runWorkflow(singleNodeWorkflow('cbtGateway', { operation: 'customRequest', customMethod: 'POST', customPath: PATH, ...parameters }, settings), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: items },
		});
	const items = (bodies: IDataObject[]): HarnessItem[] => bodies.map((json) => ({ json }));

	it('Concurrency: six items are sent three at a time', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'latency', ms: 150, times: 6 });
		const result = await run(
			{ customBody: '={{ JSON.stringify({ ref: $json.ref }) }}', options: { concurrency: 3, maxConcurrency: 3 } },
			items([1, 2, 3, 4, 5, 6].map((ref) => ({ ref }))),
		);
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		assert.equal(result.output('CBT').length, 6);
		assert.equal(sandbox.load().peakInFlight, 3);
	});

	it('Deduplicate: identical requests are one billed call, each item answered; off, each is sent', async () => {
		sandbox.reset();
		const same = items([{ ref: 'a' }, { ref: 'a' }, { ref: 'a' }]);
		const parameters = { customBody: '={{ JSON.stringify({ ref: $json.ref }) }}' };
		const deduplicated = await run({ ...parameters, options: { includeMetadata: true } }, same);
		assert.equal(deduplicated.error('CBT'), undefined, deduplicated.error('CBT')?.message);
		assert.deepEqual(
			deduplicated.output('CBT').map((item) => (item.json._cbt as { sameRequestAsItem?: number }).sameRequestAsItem),
			[undefined, 0, 0],
		);
		assert.equal(sandbox.ledger.entries.length, 1);

		sandbox.reset();
		const separate = await run({ ...parameters, options: { deduplicate: false } }, same);
		assert.equal(separate.output('CBT').length, 3);
		assert.equal(sandbox.ledger.entries.length, 3);
	});

	it('Extra Body Fields are merged into the body it sends', async () => {
		sandbox.reset();
		const result = await run({ customBody: '{"ref": "x"}', options: { extraBody: '{"auth_code": "A1", "channel": "n8n"}' } }, [{ json: {} }]);
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		assert.deepEqual(sandbox.ledger.entries[0].keys, ['auth_code', 'channel', 'ref']);
	});

	it('Max Retries: an unbilled transient answer is sent again up to the limit, and not beyond', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 0, times: 1 });
		const retried = await run({ customBody: '{"ref": "r"}', options: { maxRetries: 1 } }, [{ json: {} }]);
		assert.equal(retried.error('CBT'), undefined, retried.error('CBT')?.message);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]),
			[
				[CODE.internal, false],
				[CODE.ok, true],
			],
		);

		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 0, times: 1 });
		const notRetried = await run({ customBody: '{"ref": "r"}', options: { maxRetries: 0 } }, [{ json: {} }]);
		assert.match(notRetried.error('CBT')?.message ?? '', /internal/i);
		assert.equal(sandbox.ledger.entries.length, 1);
	});

	it('a "no data" answer is a row like any operation’s (On No Data default), not an error', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.noData, times: 1 });
		const result = await run({ customBody: '{"ref": "n"}' }, [{ json: {} }, { json: {} }], { continueOnFail: false });
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		assert.deepEqual(
			result.output('CBT').map((item) => [item.json.found, item.json.code]),
			[
				[false, CODE.noData],
				[false, CODE.noData],
			],
		);
		assert.equal(sandbox.ledger.entries.length, 1, 'the second item is the same request: not sent again');
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { FakeClock } from './support/fakeClock';
import { signedFetch, type RawResponse } from './support/rawClient';
import { credentialFor } from './support/sandbox';

/*
 * Two sandboxes in one process are two gateways: each has its own ledger, request ID sequence,
 * tasks, task settings and clock. Paths and keys are written out by hand.
 */

const TWO_FACTOR = '/apis/tt/gw/ga/v1/twofactor';
const IMP_REQUEST = '/apis/tt/gw/imp/v1/request';
const IMP_RESULT = '/apis/tt/gw/imp/v1/result';
const PERSON = { name: '张三', id_card: '11010519491231002X' };
const HOLDER = { name: '王小明', idcard: '110101199003074477' };

/** The last 7 digits of a request ID ("20241024171526E849E01000002"): the sandbox's sequence number. */
const sequenceOf = (response: RawResponse) => Number(/(\d{7})$/.exec(String(response.body.request_id))?.[1]);
/** The last 6 digits of a task ID ("IMP20241024171526A1B2C3000001"). */
const taskSequenceOf = (taskId: string) => Number(/(\d{6})$/.exec(taskId)?.[1]);
const taskIdOf = (response: RawResponse) => String((response.body.data as Record<string, unknown>).task_id);

describe('two sandboxes in one process share nothing', () => {
	const clockA = new FakeClock();
	// Five seconds later, so that the same request on both gives task IDs with different times.
	const clockB = new FakeClock(clockA.now() + 5_000);
	let a: Sandbox;
	let b: Sandbox;
	before(async () => {
		a = await startSandbox({ clock: clockA });
		b = await startSandbox({ clock: clockB });
	});
	after(async () => {
		await a.close();
		await b.close();
	});

	it('each numbers its own request IDs and keeps its own ledger', async () => {
		const first = await signedFetch(credentialFor(a), 'POST', TWO_FACTOR, PERSON);
		const second = await signedFetch(credentialFor(a), 'POST', TWO_FACTOR, PERSON);
		const other = await signedFetch(credentialFor(b), 'POST', TWO_FACTOR, PERSON);
		assert.deepEqual([first, second, other].map((response) => response.body.code), [CODE.ok, CODE.ok, CODE.ok]);
		assert.deepEqual([sequenceOf(first), sequenceOf(second)], [1, 2]);
		assert.equal(sequenceOf(other), 1, 'the second sandbox starts its own sequence');
		assert.deepEqual(a.ledger.entries.map((entry) => entry.requestId), [first.body.request_id, second.body.request_id]);
		assert.deepEqual(b.ledger.entries.map((entry) => entry.requestId), [other.body.request_id]);
	});

	it('a task created on one is unknown to the other, and each numbers its own tasks', async () => {
		a.tasks.reset();
		b.tasks.reset();
		const onA = taskIdOf(await signedFetch(credentialFor(a), 'POST', IMP_REQUEST, HOLDER));
		const onB = taskIdOf(await signedFetch(credentialFor(b), 'POST', IMP_REQUEST, HOLDER));
		assert.notEqual(onA, onB);
		assert.deepEqual([taskSequenceOf(onA), taskSequenceOf(onB)], [1, 1]);

		const known = await signedFetch(credentialFor(a), 'POST', IMP_RESULT, { task_id: onA });
		assert.equal(known.body.code, CODE.pending, 'the sandbox that created it knows it');
		const unknown = await signedFetch(credentialFor(b), 'POST', IMP_RESULT, { task_id: onA });
		assert.deepEqual([unknown.body.code, unknown.body.message, unknown.body.charge], [CODE.invalidParameter, `任务不存在: ${onA}`, 0]);

		// Forgetting its tasks is one sandbox's business too.
		a.tasks.reset();
		assert.equal((await signedFetch(credentialFor(a), 'POST', IMP_RESULT, { task_id: onA })).body.code, CODE.invalidParameter);
		assert.equal((await signedFetch(credentialFor(b), 'POST', IMP_RESULT, { task_id: onB })).body.code, CODE.pending);
	});

	it('task settings and time are each one’s own', async () => {
		a.tasks.reset();
		b.tasks.reset();
		a.tasks.configure({ delayMs: 60_000 });
		b.tasks.configure({ delayMs: 1_000 });
		const onA = taskIdOf(await signedFetch(credentialFor(a), 'POST', IMP_REQUEST, HOLDER));
		const onB = taskIdOf(await signedFetch(credentialFor(b), 'POST', IMP_REQUEST, HOLDER));
		const resultCode = async (sandbox: Sandbox, taskId: string) =>
			(await signedFetch(credentialFor(sandbox), 'POST', IMP_RESULT, { task_id: taskId })).body.code;

		await clockB.advance(1_000);
		assert.equal(await resultCode(b, onB), CODE.ok, 'B’s task took B’s 1 s on B’s clock');
		assert.equal(await resultCode(a, onA), CODE.pending, 'A’s clock did not move');
		await clockA.advance(1_000);
		assert.equal(await resultCode(a, onA), CODE.pending, 'A’s task takes A’s 60 s');
		await clockA.advance(59_000);
		assert.equal(await resultCode(a, onA), CODE.ok);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { creditCodeCheckChar } from '../nodes/shared/fields/rules/creditCode';
import { DEFAULT_ACKNOWLEDGEMENT, EVENTS, REPLAY_MAX_ENTRIES, REPLAY_RETENTION_MS, ReplayGuard } from '../nodes/CbtTrigger/notification';
import { DEFAULT_SIGNATURE, signatureHeaders } from '../nodes/shared/auth/signing';
import { CODE } from '../nodes/shared/transport/codes';
import { collectionFails } from '../sandbox/fixtures/rpaTax';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox, type Sandbox } from '../sandbox/server';
import { PACKAGE_ROOT, runWorkflow, type WorkflowJson } from './harness/harness';
import { installMemoryDeduplication, memoryDeduplication, serveWebhook, type ReceivedRequest, type WebhookServer } from './harness/webhook';
import { FAILS_IF_STUCK, FakeClock } from './support/fakeClock';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow, triggerWorkflow } from './support/workflows';

const COMPANY = '91330100716105852F';

/** A valid credit code whose collection the sandbox fails, found by trying serial numbers. */
function failingCompany(): string {
	for (let serial = 0; serial < 10_000; serial++) {
		const first17 = `91330100MA2${String(serial).padStart(4, '0')}A0`;
		const code = first17 + creditCodeCheckChar(first17);
		if (collectionFails(code)) return code;
	}
	throw new Error('no failing credit code found');
}

/*
 * The sandbox's collections finish, and its notifications (and their retries) go out, on a fake
 * clock the tests move: `clock.drive(sandbox.tasks.settled())` moves it as far as the sandbox waits.
 */
describe('CBT Trigger › notifications over real HTTP', () => {
	let sandbox: Sandbox;
	let hook: WebhookServer | undefined;
	const clock = new FakeClock();
	before(async () => {
		sandbox = await startSandbox({ clock });
		assert.equal(collectionFails(COMPANY), false);
	});
	after(async () => {
		await hook?.close();
		await sandbox.close();
	});
	beforeEach(async () => {
		sandbox.tasks.reset();
		sandbox.reset();
		await hook?.close();
		hook = undefined;
	});
	const notified = async () => await clock.drive(sandbox.tasks.settled());

	const credentials = () => ({ cbtApi: credentialFor(sandbox) });
	const serve = async (parameters: INodeParameters = {}) => {
		hook = await serveWebhook(triggerWorkflow(parameters), { credentials: credentials() });
		return hook;
	};
	const pushOrder = async (callbackUrl: string, creditCode = COMPANY) => {
		const result = await runWorkflow(singleNodeWorkflow('cbtTaxData', { operation: 'orderPush', creditCode, callbackUrl }), {
			credentials: credentials(),
			inputs: { Input: [{ json: {} }] },
		});
		assert.equal(result.workflowError, undefined, result.workflowError?.message);
		return String(result.output('CBT')[0].json.order_id);
	};
	/** Posts a body to the webhook with X-CBT-* headers signed as the gateway would (or not). */
	const post = async (server: WebhookServer, body: string, options: { secret?: string; nowMs?: number; headers?: Record<string, string> } = {}) => {
		const headers = options.headers ?? {
			...signatureHeaders(
				DEFAULT_SIGNATURE,
				{ appKey: SANDBOX_APP_KEY, appSecret: options.secret ?? SANDBOX_APP_SECRET, method: 'POST', path: new URL(server.url).pathname, body },
				options.nowMs,
			),
			'Content-Type': 'application/json',
		};
		const response = await fetch(server.url, { method: 'POST', headers, body });
		return { status: response.status, body: (await response.json()) as IDataObject };
	};
	const acceptedRequest = (server: WebhookServer): ReceivedRequest => {
		const request = server.received.find((entry) => entry.started);
		assert.ok(request, 'a notification was accepted');
		return request;
	};

	it('a tax-data order calls the trigger’s webhook when the collection ends, and the workflow gets the notification', async () => {
		sandbox.tasks.configure({ delayMs: 300 });
		const server = await serve({ options: { includeMetadata: true } });
		const orderId = await pushOrder(server.url);
		await clock.advance(299);
		assert.deepEqual([server.received.length, sandbox.tasks.pendingNotifications], [0, 1], 'nothing sent before the collection ends');
		await clock.advance(1);
		await sandbox.tasks.settled();
		const [execution] = await server.waitForExecutions(1);

		const [item] = execution.output('CBT Trigger');
		assert.equal(item.json.order_id, orderId);
		assert.equal(item.json.status, 'completed');
		assert.equal(item.json.credit_code, COMPANY);
		assert.equal((item.json._cbt as IDataObject).event, EVENTS.completed);

		const request = acceptedRequest(server);
		const sent = JSON.parse(request.rawBody) as IDataObject;
		assert.deepEqual(item.json, { ...(sent.data as IDataObject), _cbt: item.json._cbt }, 'the item is the notification’s data');
		assert.deepEqual(JSON.parse(request.responseBody), DEFAULT_ACKNOWLEDGEMENT);
		assert.deepEqual(sandbox.tasks.deliveries().map((attempt) => [attempt.attempt, attempt.acknowledged]), [[1, true]]);
	});

	it('fetches the finished result in the same step when asked', async () => {
		sandbox.tasks.configure({ delayMs: 200 });
		const server = await serve({ fetchResult: true, resultOperation: 'taxMerge' });
		const orderId = await pushOrder(server.url);
		await notified();
		const [execution] = await server.waitForExecutions(1);
		const [item] = execution.output('CBT Trigger');
		assert.equal(item.json.order_id, orderId);
		const result = item.json.result as IDataObject;
		assert.equal(result.order_id, orderId);
		assert.ok(result.total_paid, 'the merged tax report');
		assert.deepEqual(JSON.parse(acceptedRequest(server).responseBody), DEFAULT_ACKNOWLEDGEMENT);
		assert.deepEqual(sandbox.ledger.forOperation('RPA_TAX.taxMerge').map((entry) => entry.code), [CODE.ok]);
	});

	it('the sandbox retries a receiver that fails, and the workflow starts once', async () => {
		sandbox.tasks.configure({ delayMs: 100, delivery: { attempts: 3, retryDelayMs: 50, timeoutMs: 2_000 } });
		const server = await serve();
		server.failNext(2);
		const pushedAt = clock.now();
		await pushOrder(server.url);
		await notified();
		await server.waitForExecutions(1);
		// Sent when the collection ends (100 ms), again 50 ms later, then 100 ms after that (the pause doubles).
		assert.deepEqual(sandbox.tasks.deliveries().map((attempt) => [attempt.attempt, attempt.status, attempt.acknowledged, attempt.at - pushedAt]), [
			[1, 503, false, 100],
			[2, 503, false, 150],
			[3, 200, true, 250],
		]);
		assert.equal(new Set(sandbox.tasks.deliveries().map((attempt) => attempt.requestId)).size, 1, 'the same notification each time');
		assert.equal(server.executions.length, 1);
	});

	it('rejects a forged signature and a stale timestamp with 401, and ignores a replay; none starts the workflow', async () => {
		sandbox.tasks.configure({ delayMs: 100 });
		const server = await serve();
		await pushOrder(server.url);
		await notified();
		await server.waitForExecutions(1);
		const genuine = acceptedRequest(server);

		// A different notification, so that only the signature or the timestamp can be the reason.
		const other = JSON.stringify({ ...(JSON.parse(genuine.rawBody) as IDataObject), request_id: 'NT-forged-1' });
		const forged = await post(server, other, { secret: 'not-the-secret' });
		assert.equal(forged.status, 401);
		assert.match(String(forged.body.message), /Signature mismatch/);

		const stale = await post(server, other, { nowMs: Date.now() - 10 * 60 * 1000 });
		assert.equal(stale.status, 401);
		assert.match(String(stale.body.message), /Timestamp outside the allowed window/);

		// The same request again, byte for byte, within the window.
		const headers = Object.fromEntries(
			Object.entries(genuine.headers).filter(([name]) => name.startsWith('x-cbt-') || name === 'content-type'),
		) as Record<string, string>;
		const replayed = await post(server, genuine.rawBody, { headers });
		assert.equal(replayed.status, 200);
		assert.deepEqual(replayed.body, DEFAULT_ACKNOWLEDGEMENT, 'acknowledged, so the gateway stops retrying');

		// The same notification re-signed with a fresh timestamp, as a gateway retry would be.
		const resent = await post(server, genuine.rawBody);
		assert.equal(resent.status, 200);

		assert.equal(server.executions.length, 1, 'only the genuine notification started the workflow');
		assert.deepEqual(server.received.slice(-4).map((entry) => entry.started), [false, false, false, false]);
		assert.deepEqual(Object.keys(server.staticData()['node:CBT Trigger'] as IDataObject), ['acceptedNotifications']);
	});

	it('filters by notification type: a failed collection is acknowledged but does not start a "completed" workflow', async () => {
		sandbox.tasks.configure({ delayMs: 100 });
		const server = await serve({ events: [EVENTS.completed] });
		await pushOrder(server.url, failingCompany());
		await notified();
		await server.idle();
		assert.equal(JSON.parse(server.received[0].rawBody).event, EVENTS.failed);
		assert.equal(server.received[0].status, 200);
		assert.equal(server.received[0].started, false);
		assert.equal(server.executions.length, 0);
		assert.deepEqual(sandbox.tasks.deliveries().map((attempt) => attempt.acknowledged), [true]);
	});

	it('refuses callback URLs that are not on this machine', async () => {
		sandbox.tasks.configure({ delayMs: 50 });
		await pushOrder('https://example.com/webhook/cbt');
		await notified();
		assert.deepEqual(sandbox.tasks.deliveries().map((attempt) => [attempt.attempt, attempt.status]), [[1, undefined]], 'nothing was sent');
		assert.match(sandbox.tasks.deliveries()[0]?.refused ?? '', /127\.0\.0\.1/);
	});
});

describe('ReplayGuard', () => {
	it('remembers accepted IDs, within a bounded size and a retention period', () => {
		const now = 1_700_000_000_000;
		let seen: Record<string, number> = {};
		for (let index = 0; index < REPLAY_MAX_ENTRIES + 50; index++) {
			seen = new ReplayGuard(seen).remember(`id-${index}`, now + index);
		}
		assert.equal(Object.keys(seen).length, REPLAY_MAX_ENTRIES);
		const guard = new ReplayGuard(seen);
		assert.equal(guard.has(`id-${REPLAY_MAX_ENTRIES + 49}`, now + 2_000), true);
		assert.equal(guard.has('id-0', now + 2_000), false, 'the oldest went first');
		assert.equal(guard.has(`id-${REPLAY_MAX_ENTRIES + 49}`, now + REPLAY_RETENTION_MS + 10_000), false, 'stale after the retention');
	});
});

/*
 * Exactly once within one receiving process (issue #13). n8n loads a workflow's static data per webhook
 * request and writes it back whole after the answer, last writer wins; the harness does the same.
 * The registry the trigger keeps in the process is the dist/ module n8n loaded (the harness requires
 * dist/), reached here through the same require cache to simulate a restart.
 */
const distRequire = createRequire(join(PACKAGE_ROOT, 'package.json'));
const registry = () =>
	(distRequire('./dist/nodes/CbtTrigger/acceptedNotifications.js') as typeof import('../nodes/CbtTrigger/acceptedNotifications')).acceptedNotifications;
const fetchedOnce = () => distRequire('./dist/nodes/CbtTaxData/getResultOnce.js') as typeof import('../nodes/CbtTaxData/getResultOnce');

function v2Trigger(parameters: INodeParameters = {}, downstream?: INodeParameters): WorkflowJson {
	const workflow = triggerWorkflow(parameters);
	workflow.nodes[0].typeVersion = 2;
	if (!downstream) return workflow;
	workflow.nodes.push({
		id: 'fetch-once',
		name: 'Get Result Once',
		type: 'n8n-nodes-cbt.cbtTaxData',
		typeVersion: 1,
		position: [200, 0],
		parameters: { operation: 'getResultOnce', ...downstream },
		credentials: { cbtApi: { id: '1', name: 'CBT API' } },
	});
	workflow.connections = { 'CBT Trigger': { main: [[{ node: 'Get Result Once', type: 'main', index: 0 }]] } };
	return workflow;
}

describe('CBT Trigger › exactly once in one process, whatever arrives together', () => {
	let sandbox: Sandbox;
	let hook: WebhookServer | undefined;
	// The sandbox's clock: an injected latency holds a call until the test moves it.
	const clock = new FakeClock();
	before(async () => {
		sandbox = await startSandbox({ clock });
		await installMemoryDeduplication();
	});
	after(async () => {
		await hook?.close();
		await sandbox.close();
	});
	beforeEach(async () => {
		sandbox.reset();
		memoryDeduplication.clear();
		await hook?.close();
		hook = undefined;
	});
	const credentials = () => ({ cbtApi: credentialFor(sandbox) });
	const body = (id: string, orderId = `ORD-${id}`) =>
		JSON.stringify({ event: EVENTS.completed, request_id: id, order_id: orderId, timestamp: Math.floor(Date.now() / 1000), data: { order_id: orderId, status: 'completed' } });
	/** One delivery, re-signed each time as the gateway does on a retry. */
	const deliver = async (server: WebhookServer, text: string) => {
		const headers = signatureHeaders(DEFAULT_SIGNATURE, { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, method: 'POST', path: new URL(server.url).pathname, body: text });
		const response = await fetch(server.url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: text });
		return { status: response.status, body: (await response.json()) as IDataObject };
	};
	/** A real order in the sandbox, finished, so that its result can be fetched. */
	const finishedOrder = async () => {
		sandbox.tasks.configure({ delayMs: 0 });
		const result = await runWorkflow(singleNodeWorkflow('cbtTaxData', { operation: 'orderPush', creditCode: COMPANY }), {
			credentials: credentials(),
			inputs: { Input: [{ json: {} }] },
		});
		assert.equal(result.workflowError, undefined, result.workflowError?.message);
		return String(result.output('CBT')[0].json.order_id);
	};
	/** Until every request, execution and static-data save is done, moving the sandbox's clock as far as it waits. */
	const settle = async () => await clock.drive(hook!.idle());
	const taxMergeBills = () => sandbox.ledger.forOperation('RPA_TAX.taxMerge').filter((entry) => entry.billed).length;

	it('the same notification delivered 12 times at once starts one execution, and every delivery is acknowledged', async () => {
		hook = await serveWebhook(v2Trigger(), { credentials: credentials(), databaseMs: 25 });
		const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(hook!, body('SAME-1'))));
		await settle();
		assert.deepEqual(answers.map((answer) => answer.status), Array(12).fill(200));
		for (const answer of answers) assert.deepEqual(answer.body, DEFAULT_ACKNOWLEDGEMENT);
		assert.equal(hook.executions.length, 1);
		assert.equal(hook.received.filter((entry) => entry.started).length, 1);
	});

	it('30 different notifications at once all start, none is forgotten: resent one by one (also after a restart), none starts again', async () => {
		hook = await serveWebhook(v2Trigger(), { credentials: credentials(), databaseMs: 25 });
		const ids = Array.from({ length: 30 }, (_, index) => `DIFF-${index}`);
		await Promise.all(ids.map((id) => deliver(hook!, body(id))));
		await settle();
		assert.equal(hook.executions.length, 30);
		const saved = (hook.staticData()['node:CBT Trigger'] as IDataObject).acceptedNotifications as Record<string, number>;
		assert.deepEqual(Object.keys(saved).sort(), [...ids].sort(), 'the static data n8n saved last holds every ID');
		for (const id of ids) await deliver(hook, body(id));
		assert.equal(hook.executions.length, 30, 'no resend starts the workflow');
		registry().clear(); // a restarted process knows only the saved static data
		for (const id of ids) await deliver(hook, body(id));
		await settle();
		assert.equal(hook.executions.length, 30, 'no resend after a restart starts the workflow');
	});

	it('every item carries the notification ID: version 2 always has _cbt, version 1 at least _cbt.notificationId', async () => {
		hook = await serveWebhook(v2Trigger(), { credentials: credentials(), databaseMs: 25 });
		await deliver(hook, body('META-2'));
		const [v2] = await hook.waitForExecutions(1);
		assert.deepEqual(v2.output('CBT Trigger')[0].json._cbt, {
			event: EVENTS.completed,
			notificationId: 'META-2',
			orderId: 'ORD-META-2',
			sentAt: (v2.output('CBT Trigger')[0].json._cbt as IDataObject).sentAt,
		});
		await hook.close();
		hook = await serveWebhook(triggerWorkflow(), { credentials: credentials() });
		await deliver(hook, body('META-1'));
		const [v1] = await hook.waitForExecutions(1);
		assert.deepEqual(v1.output('CBT Trigger')[0].json, { order_id: 'ORD-META-1', status: 'completed', _cbt: { notificationId: 'META-1' } });
	});

	it('version 1 with Fetch Result: a resend during a slow fetch is acknowledged and fetched (billed) once', FAILS_IF_STUCK, async () => {
		const orderId = await finishedOrder();
		hook = await serveWebhook(triggerWorkflow({ fetchResult: true }), { credentials: credentials(), databaseMs: 25 });
		sandbox.inject({ kind: 'latency', ms: 1500, operation: 'RPA_TAX.taxMerge' });
		const first = deliver(hook, body('SLOW-1', orderId));
		await clock.sleeping(); // the sandbox holds the first delivery's fetch until the clock moves
		const resent = await deliver(hook, body('SLOW-1', orderId));
		assert.deepEqual(resent.body, DEFAULT_ACKNOWLEDGEMENT);
		assert.deepEqual(clock.pending(), [1500], 'the first delivery is still fetching');
		await clock.advance(1500);
		assert.equal((await first).status, 200);
		const [execution] = await hook.waitForExecutions(1);
		await settle();
		assert.equal((execution.output('CBT Trigger')[0].json.result as IDataObject).order_id, orderId);
		assert.equal(hook.executions.length, 1);
		assert.equal(taxMergeBills(), 1);
	});

	it('Get Result Once after a version 2 trigger: fetched once, even when a duplicate execution gets through', async () => {
		const orderId = await finishedOrder();
		hook = await serveWebhook(v2Trigger({}, {}), { credentials: credentials(), databaseMs: 25 });
		await deliver(hook, body('ONCE-1', orderId));
		const [execution] = await hook.waitForExecutions(1);
		const [item] = execution.output('Get Result Once');
		assert.equal((item.json.result as IDataObject).order_id, orderId);
		assert.equal((item.json._cbt as IDataObject).notificationId, 'ONCE-1');
		assert.equal(taxMergeBills(), 1);

		// As if another receiving process had let the same notification start a second execution,
		// on another worker (nothing in memory): n8n's deduplication store stops the second fetch.
		await settle(); // n8n's save of the static data has landed
		registry().clear();
		hook.resetStaticData();
		fetchedOnce().forgetFetchedInThisProcess();
		await deliver(hook, body('ONCE-1', orderId));
		const executions = await hook.waitForExecutions(2);
		assert.equal(executions[1].error('Get Result Once'), undefined);
		assert.deepEqual(executions[1].output('Get Result Once'), [], 'the repeat is dropped');
		assert.equal(taxMergeBills(), 1, 'still one bill');
	});

	it('Get Result Once: two executions of one notification at once in one process fetch once', FAILS_IF_STUCK, async () => {
		const orderId = await finishedOrder();
		hook = await serveWebhook(v2Trigger({}, {}), { credentials: credentials(), databaseMs: 25 });
		sandbox.inject({ kind: 'latency', ms: 500, operation: 'RPA_TAX.taxMerge' });
		await deliver(hook, body('TWIN-1', orderId));
		await clock.sleeping(); // the first execution's fetch is held by the sandbox
		await hook.saved(); // n8n's save of the static data has landed
		registry().clear();
		hook.resetStaticData();
		await deliver(hook, body('TWIN-1', orderId));
		const executions = await clock.drive(hook.waitForExecutions(2));
		assert.equal(executions.flatMap((execution) => execution.output('Get Result Once')).length, 1);
		assert.equal(taxMergeBills(), 1);
	});

	it('Get Result Once: 6 different notifications at once, with the store losing simultaneous updates, are each fetched once; resent, none is fetched again', async () => {
		const orders = await Promise.all(Array.from({ length: 6 }, () => finishedOrder()));
		hook = await serveWebhook(v2Trigger({}, {}), { credentials: credentials(), databaseMs: 25 });
		memoryDeduplication.delayMs = 30; // n8n's store: read, then write the whole record, last writer wins
		await Promise.all(orders.map((orderId, index) => deliver(hook!, body(`MANY-${index}`, orderId))));
		const executions = await hook.waitForExecutions(6);
		assert.equal(executions.flatMap((execution) => execution.output('Get Result Once')).length, 6, 'each fetched');
		assert.equal(taxMergeBills(), 6);
		// As if these executions had been let through again on another worker: only the store remembers.
		await settle(); // n8n's save of the static data has landed
		registry().clear();
		hook.resetStaticData();
		fetchedOnce().forgetFetchedInThisProcess();
		for (const [index, orderId] of orders.entries()) await deliver(hook, body(`MANY-${index}`, orderId));
		await hook.waitForExecutions(12);
		assert.equal(taxMergeBills(), 6, 'no ID was lost from the store: none fetched again');
	});

	it('Get Result Once: a fetch that was not billed is forgotten, so the next delivery fetches it; one that may have been is not repeated', async () => {
		const orderId = await finishedOrder();
		hook = await serveWebhook(v2Trigger({}, {}), { credentials: credentials(), databaseMs: 25 });
		sandbox.inject({ kind: 'code', code: CODE.invalidParameter, charge: 0, operation: 'RPA_TAX.taxMerge' });
		await deliver(hook, body('RETRY-1', orderId));
		const [failed] = await hook.waitForExecutions(1);
		assert.match(failed.error('Get Result Once')?.description ?? '', /not marked as fetched/);
		await settle(); // n8n's save of the static data has landed
		registry().clear();
		hook.resetStaticData();
		await deliver(hook, body('RETRY-1', orderId));
		const executions = await hook.waitForExecutions(2);
		assert.equal((executions[1].output('Get Result Once')[0].json.result as IDataObject).order_id, orderId);
		assert.equal(taxMergeBills(), 1);

		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 1, operation: 'RPA_TAX.taxMerge' });
		await deliver(hook, body('BILLED-1', orderId));
		const afterBilled = await hook.waitForExecutions(3);
		assert.match(afterBilled[2].error('Get Result Once')?.description ?? '', /will not be fetched again automatically/);
		await settle(); // n8n's save of the static data has landed
		registry().clear();
		hook.resetStaticData();
		await deliver(hook, body('BILLED-1', orderId));
		const last = await hook.waitForExecutions(4);
		assert.deepEqual(last[3].output('Get Result Once'), []);
		assert.equal(sandbox.ledger.forOperation('RPA_TAX.taxMerge').filter((entry) => entry.billed).length, 2, 'the billed failure and the one success');
	});
});

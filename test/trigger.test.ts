/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { creditCodeCheckChar } from '../nodes/shared/fields/rules/creditCode';
import { DEFAULT_ACKNOWLEDGEMENT, EVENTS, REPLAY_MAX_ENTRIES, REPLAY_RETENTION_MS, ReplayGuard } from '../nodes/shared/notification';
import { DEFAULT_SIGNATURE, signatureHeaders } from '../nodes/shared/signing';
import { configureAsyncTasks, notificationDeliveries, notificationsSettled, resetAsyncTasks } from '../sandbox/asyncTasks';
import { collectionFails } from '../sandbox/fixtures/rpaTax';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow } from './harness/harness';
import { serveWebhook, type ReceivedRequest, type WebhookServer } from './harness/webhook';
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

describe('CBT Trigger › notifications over real HTTP', () => {
	let sandbox: Sandbox;
	let hook: WebhookServer | undefined;
	before(async () => {
		sandbox = await startSandbox();
		assert.equal(collectionFails(COMPANY), false);
	});
	after(async () => {
		resetAsyncTasks();
		await hook?.close();
		await sandbox.close();
	});
	beforeEach(async () => {
		await notificationsSettled();
		resetAsyncTasks();
		sandbox.reset();
		await hook?.close();
		hook = undefined;
	});

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
		configureAsyncTasks({ delayMs: 300 });
		const server = await serve({ options: { includeMetadata: true } });
		const orderId = await pushOrder(server.url);
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
		await notificationsSettled();
		assert.deepEqual(notificationDeliveries().map((attempt) => [attempt.attempt, attempt.acknowledged]), [[1, true]]);
	});

	it('fetches the finished result in the same step when asked', async () => {
		configureAsyncTasks({ delayMs: 200 });
		const server = await serve({ fetchResult: true, resultOperation: 'taxMerge' });
		const orderId = await pushOrder(server.url);
		const [execution] = await server.waitForExecutions(1);
		const [item] = execution.output('CBT Trigger');
		assert.equal(item.json.order_id, orderId);
		const result = item.json.result as IDataObject;
		assert.equal(result.order_id, orderId);
		assert.ok(result.total_paid, 'the merged tax report');
		assert.deepEqual(JSON.parse(acceptedRequest(server).responseBody), DEFAULT_ACKNOWLEDGEMENT);
		assert.deepEqual(sandbox.ledger.forOperation('RPA_TAX.taxMerge').map((entry) => entry.code), [0]);
	});

	it('the sandbox retries a receiver that fails, and the workflow starts once', async () => {
		configureAsyncTasks({ delayMs: 100, delivery: { attempts: 3, retryDelayMs: 50, timeoutMs: 2_000 } });
		const server = await serve();
		server.failNext(2);
		await pushOrder(server.url);
		await server.waitForExecutions(1);
		await notificationsSettled();
		assert.deepEqual(notificationDeliveries().map((attempt) => [attempt.attempt, attempt.status, attempt.acknowledged]), [
			[1, 503, false],
			[2, 503, false],
			[3, 200, true],
		]);
		assert.equal(new Set(notificationDeliveries().map((attempt) => attempt.requestId)).size, 1, 'the same notification each time');
		assert.equal(server.executions.length, 1);
	});

	it('rejects a forged signature and a stale timestamp with 401, and ignores a replay; none starts the workflow', async () => {
		configureAsyncTasks({ delayMs: 100 });
		const server = await serve();
		await pushOrder(server.url);
		await server.waitForExecutions(1);
		await notificationsSettled();
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
		configureAsyncTasks({ delayMs: 100 });
		const server = await serve({ events: [EVENTS.completed] });
		await pushOrder(server.url, failingCompany());
		await server.waitForRequests(1);
		await notificationsSettled();
		assert.equal(JSON.parse(server.received[0].rawBody).event, EVENTS.failed);
		assert.equal(server.received[0].status, 200);
		assert.equal(server.received[0].started, false);
		assert.equal(server.executions.length, 0);
		assert.deepEqual(notificationDeliveries().map((attempt) => attempt.acknowledged), [true]);
	});

	it('refuses callback URLs that are not on this machine', async () => {
		configureAsyncTasks({ delayMs: 50 });
		await pushOrder('https://example.com/webhook/cbt');
		await sleep(100);
		await notificationsSettled();
		assert.match(notificationDeliveries()[0]?.refused ?? '', /127\.0\.0\.1/);
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

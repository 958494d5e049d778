/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { DEFAULT_ACKNOWLEDGEMENT, MAX_NOTIFICATION_BYTES } from '../../nodes/CbtTrigger/notification';
import { serveWebhook, type WebhookServer } from '../harness/webhook';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET } from '../support/sandbox';
import { triggerWorkflow } from '../support/workflows';
import { deliver, notificationBody, type Delivery } from './support/notifications';
import { writeSummary } from './support/summary';

/*
 * The CBT Trigger's checks on incoming notifications, each tried on its own: only a genuine,
 * fresh, first-time, JSON notification of a sane size starts the workflow. A rejection answers
 * with a status the gateway can act on and never echoes the secret or the signature.
 */

const KEY = { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET };
const newTally = () => ({ checks: 0, rejectedOrIgnored: 0, startedByBadRequests: 0, genuineStarted: 0 });

interface Check {
	name: string;
	send: (server: WebhookServer) => Promise<Delivery>;
	status: number;
	reason: RegExp;
}

const CHECKS: Check[] = [
	{
		name: 'forged signature (another secret)',
		send: (server) => deliver(server, notificationBody('forged'), { ...KEY, appSecret: 'not-the-secret' }),
		status: 401,
		reason: /Signature mismatch/,
	},
	{
		name: 'no signature headers',
		send: (server) => deliver(server, notificationBody('unsigned'), { ...KEY, unsigned: true }),
		status: 401,
		reason: /Missing signature headers/,
	},
	{
		name: 'unknown App Key',
		send: (server) => deliver(server, notificationBody('other-key'), { ...KEY, appKey: 'someone-else' }),
		status: 401,
		reason: /Unknown App Key/,
	},
	{
		name: 'stale timestamp (10 minutes old)',
		send: (server) => deliver(server, notificationBody('stale'), { ...KEY, nowMs: Date.now() - 10 * 60_000 }),
		status: 401,
		reason: /Timestamp outside the allowed window/,
	},
	{
		name: 'timestamp from the future (10 minutes ahead)',
		send: (server) => deliver(server, notificationBody('future'), { ...KEY, nowMs: Date.now() + 10 * 60_000 }),
		status: 401,
		reason: /Timestamp outside the allowed window/,
	},
	{
		name: 'oversize body',
		send: (server) =>
			deliver(server, JSON.stringify({ request_id: 'big', data: 'x'.repeat(MAX_NOTIFICATION_BYTES) }), KEY),
		status: 413,
		reason: /larger than/,
	},
	{
		name: 'non-JSON body, signed',
		send: (server) => deliver(server, 'order ORD-1 completed', { ...KEY, contentType: 'text/plain' }),
		status: 400,
		reason: /not JSON/,
	},
	{
		name: 'JSON that is not an object, signed',
		send: (server) => deliver(server, '["rpa_tax.order.completed"]', KEY),
		status: 400,
		reason: /not a JSON object/,
	},
];

for (const version of [1, 2]) describe(`webhook checks (CBT Trigger v${version}): forged, stale, replayed, oversize and non-JSON notifications`, () => {
	let server: WebhookServer;
	// The README's figure counts the checks once (version 1, the node the summary always described).
	const tally = newTally();
	before(async () => {
		const workflow = triggerWorkflow();
		workflow.nodes[0].typeVersion = version;
		server = await serveWebhook(workflow, { credentials: { cbtApi: { ...KEY, baseUrl: 'http://127.0.0.1:1' } } });
	});
	after(async () => {
		await server.close();
		if (version === 1) writeSummary('webhookChecks', tally);
	});

	for (const check of CHECKS) {
		it(`rejects: ${check.name}`, async () => {
			const before = server.executions.length;
			const delivery = await check.send(server);
			tally.checks++;
			assert.equal(delivery.status, check.status, delivery.body);
			assert.match(delivery.body, check.reason);
			assert.doesNotMatch(delivery.body, new RegExp(SANDBOX_APP_SECRET));
			if (delivery.signature) assert.ok(!delivery.body.includes(delivery.signature), 'the signature is not echoed');
			tally.rejectedOrIgnored++;
			tally.startedByBadRequests += server.executions.length - before;
			assert.equal(server.executions.length, before, 'no execution');
		});
	}

	it('a genuine notification starts the workflow once; replayed as is or re-signed, it is acknowledged and ignored', async () => {
		const body = notificationBody(`genuine-v${version}`);
		const first = await deliver(server, body, KEY);
		assert.equal(first.status, 200);
		await server.waitForExecutions(1);
		tally.genuineStarted++;
		const started = server.executions.length;
		const [request] = server.received.filter((entry) => entry.started);
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith('x-cbt-'))) as Record<string, string>;
		const replayed = await fetch(server.url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body });
		const resigned = await deliver(server, body, KEY);
		for (const answer of [{ status: replayed.status, body: await replayed.text() }, resigned]) {
			tally.checks++;
			assert.equal(answer.status, 200);
			assert.deepEqual(JSON.parse(answer.body), DEFAULT_ACKNOWLEDGEMENT, 'acknowledged, so the gateway stops retrying');
			tally.rejectedOrIgnored++;
		}
		tally.startedByBadRequests += server.executions.length - started;
		assert.equal(server.executions.length, started, 'replays start nothing');
	});
});

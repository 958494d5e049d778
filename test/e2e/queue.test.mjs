// `npm run test:queue`: the package in n8n's queue mode (issue #13). n8n 2.39.10: a main process, one webhook
// processor and two workers, with Redis and PostgreSQL 17, binary data in the database, each process with its own
// user folder holding the packed package (scripts/e2e/queue-cluster.mjs). The sandbox gateway runs in this process,
// so its ledger shows every call and every bill.
//
// Scenarios: invoice images uploaded together to a Webhook → CBT OCR workflow, spread over both workers; the CBT
// Trigger (version 2, followed by CBT Tax Data › Get Result Once) receiving the same notification twice at once,
// different notifications at once, resends seconds later, a resend during a slow fetch (version 1's in-webhook
// fetch too), a restart of the receiving process, and the same notification at once to two receiving processes
// (measured and printed: n8n has no cross-process lock, see docs/running-at-scale.md). The figures are printed at
// the end, and written as JSON to $CBT_QUEUE_REPORT when it is set.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';

import { RPA_TAX_ENDPOINTS } from '../../nodes/shared/catalog/rpaTax.ts';
import { DEFAULT_ACKNOWLEDGEMENT, EVENTS } from '../../nodes/CbtTrigger/notification.ts';
import { DEFAULT_SIGNATURE, signatureHeaders } from '../../nodes/shared/auth/signing.ts';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox } from '../../sandbox/server.ts';
import { REPO_ROOT } from '../../scripts/e2e/cbt-home.mjs';
import { defaultCacheDir } from '../../scripts/e2e/n8n-install.mjs';
import { setUpOwner, EDITOR_LOGIN } from '../../scripts/e2e/editor-session.mjs';
import { parseLogLines, workflowNode } from '../../scripts/e2e/n8n-runner.mjs';
import { packPackage, startQueueCluster } from '../../scripts/e2e/queue-cluster.mjs';
import { makePng } from '../support/images.ts';
import { signedFetch } from '../support/rawClient.ts';
import { sandboxAnswer, sandboxData } from '../support/ocrSamples.ts';

const COMPANY = '91330100716105852F';
const BROWSER_ID = 'cbt-queue-e2e';
const UPLOADS = 8;
const ONE_PROCESS_IDS = 10;
const TWO_PROCESS_IDS = 20;
const CACHE_ROOT = path.dirname(defaultCacheDir());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const figures = { startup: {}, uploads: {}, oneProcess: {}, slowFetch: {}, restart: {}, twoProcesses: {}, packageLoad: {} };

let sandbox;
let cluster;
let cookie = '';
const app = () => ({ appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: sandbox.url });

async function rest(method, route, body) {
	const response = await fetch(`${cluster.main.url}/rest${route}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	return JSON.parse(text).data;
}

/** Every execution of a workflow (n8n's REST API reads them from PostgreSQL). */
async function executionsOf(workflowId) {
	const data = await rest('GET', `/executions?limit=500&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	return Array.isArray(data) ? data : data.results;
}

/** Waits until the workflow has `atLeast` executions, none of them still running, and the count has not moved for `quietMs`. */
async function settledExecutions(workflowId, atLeast, { quietMs = 2_500, timeoutMs = 90_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const list = await executionsOf(workflowId);
		const done = list.every((execution) => ['success', 'error', 'crashed', 'canceled'].includes(execution.status));
		if (list.length !== last) {
			last = list.length;
			stableSince = Date.now();
		}
		if (list.length >= atLeast && done && Date.now() - stableSince >= quietMs) return list;
		if (Date.now() > deadline) throw new Error(`executions of ${workflowId}: ${list.length} (${list.map((e) => e.status).join(', ')}) after ${timeoutMs} ms, wanted ${atLeast}`);
		await sleep(400);
	}
}

/** For a failure message: the stored run data (flatted JSON) of executions that did not succeed. */
async function whyNot(list) {
	const failed = list.filter((execution) => execution.status !== 'success').slice(0, 2);
	const details = await Promise.all(failed.map(async (execution) => JSON.stringify(await rest('GET', `/executions/${execution.id}`)).match(/"message\\?":\\?"[^"\\]{0,300}/g)?.slice(0, 4)));
	return JSON.stringify(details);
}

/** Which worker ran each execution, from the workers' logs ("Worker started execution 12 (job 5)"). */
function executionsByWorker() {
	const byWorker = {};
	for (const worker of cluster.workers) {
		byWorker[worker.name] = parseLogLines(worker.logs())
			.map((entry) => /^Worker started execution (\S+)/.exec(entry.message)?.[1])
			.filter(Boolean);
	}
	return byWorker;
}

const orderPushPath = RPA_TAX_ENDPOINTS.find((endpoint) => endpoint.operation === 'orderPush').path;
/** A finished order in the sandbox (its collection takes no time), so that its result can be fetched. */
async function finishedOrder() {
	const response = await signedFetch(app(), 'POST', orderPushPath, { credit_code: COMPANY });
	assert.equal(response.body.code, 0, JSON.stringify(response.body));
	return String(response.body.data.order_id);
}

const notification = (id, orderId) =>
	JSON.stringify({ event: EVENTS.completed, order_id: orderId, request_id: id, timestamp: Math.floor(Date.now() / 1000), data: { order_id: orderId, status: 'completed' } });

/** One delivery as the gateway sends it: signed afresh, to one receiving process. */
async function deliver(url, body) {
	const headers = signatureHeaders(DEFAULT_SIGNATURE, { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, method: 'POST', path: new URL(url).pathname, body });
	const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
	return { status: response.status, body: await response.text() };
}

const acknowledged = (answer) => answer.status === 200 && JSON.stringify(JSON.parse(answer.body)) === JSON.stringify(DEFAULT_ACKNOWLEDGEMENT);

/** Billed result fetches in the ledger since `mark`: their number, and how many distinct requests (orders) they were. */
function resultBills(mark) {
	const billed = sandbox.ledger.entries.slice(mark).filter((entry) => entry.operation === 'RPA_TAX.taxMerge' && entry.billed);
	return { bills: billed.length, orders: new Set(billed.map((entry) => entry.fingerprint)).size };
}

describe('the package in n8n queue mode: main, webhook processor, 2 workers, PostgreSQL 17, Redis', { timeout: 20 * 60 * 1000 }, () => {
	const workflows = {};
	const hooks = {};
	let packDir;

	before(async () => {
		const started = Date.now();
		// Its collections take no time (the sandbox's own task settings).
		sandbox = await startSandbox({ port: 0, async: { delayMs: 0 } });
		packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbt-queue-pack-'));
		const tarball = packPackage(REPO_ROOT, packDir);
		// The tarball must hold every file package.json names (a half-built dist/ must not pass unnoticed).
		const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
		const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).n8n;
		for (const file of [...manifest.nodes, ...manifest.credentials]) assert.ok(listed.includes(`package/${file}`), `${file} is in the packed package`);

		cluster = await startQueueCluster({ tarball, workers: 2, concurrency: 2, keep: Boolean(process.env.CBT_QUEUE_KEEP) });
		figures.startup = {
			seconds: Math.round((Date.now() - started) / 1000),
			postgres: cluster.postgres.version,
			processes: Object.fromEntries(cluster.processes.map((proc) => [proc.name, Math.round(proc.startupSeconds)])),
		};
		cookie = (await setUpOwner(cluster.main.url)).split(';')[0];
		await rest('POST', '/login', { emailOrLdapLoginId: EDITOR_LOGIN.email, password: EDITOR_LOGIN.password });
		const credential = await rest('POST', '/credentials', { name: 'CBT Sandbox', type: 'cbtApi', data: app() });
		const cbtCredential = { cbtApi: { id: credential.id, name: credential.name } };

		const uploadPath = `cbt-queue-ocr-${randomUUID().slice(0, 8)}`;
		const v2Hook = randomUUID();
		const v1Hook = randomUUID();
		const definitions = {
			ocr: {
				name: 'Queue: invoice upload → CBT OCR',
				nodes: [
					workflowNode('Upload', 'n8n-nodes-base.webhook', 2.1, { httpMethod: 'POST', path: uploadPath, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, 0, {
						webhookId: randomUUID(),
					}),
					workflowNode('CBT OCR', 'n8n-nodes-cbt.cbtOcr', 1, { operation: 'invoice', imageSource: 'binary', binaryPropertyName: 'data', outputFormat: 'simplified', options: {} }, 220, {
						credentials: cbtCredential,
					}),
				],
				connections: { Upload: { main: [[{ node: 'CBT OCR', type: 'main', index: 0 }]] } },
			},
			trigger: {
				name: 'Queue: CBT Trigger v2 → Get Result Once',
				nodes: [
					workflowNode('CBT Trigger', 'n8n-nodes-cbt.cbtTrigger', 2, {}, 0, { credentials: cbtCredential, webhookId: v2Hook }),
					workflowNode('Get Result Once', 'n8n-nodes-cbt.cbtTaxData', 1, { operation: 'getResultOnce', resultOperation: 'taxMerge' }, 220, { credentials: cbtCredential }),
				],
				connections: { 'CBT Trigger': { main: [[{ node: 'Get Result Once', type: 'main', index: 0 }]] } },
			},
			legacy: {
				name: 'Queue: CBT Trigger v1 with Fetch Result',
				nodes: [workflowNode('CBT Trigger', 'n8n-nodes-cbt.cbtTrigger', 1, { fetchResult: true, resultOperation: 'taxMerge' }, 0, { credentials: cbtCredential, webhookId: v1Hook })],
				connections: {},
			},
		};
		for (const [key, definition] of Object.entries(definitions)) {
			const workflow = await rest('POST', '/workflows', { ...definition, settings: {} });
			await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
			workflows[key] = workflow.id;
		}
		hooks.upload = `${cluster.webhook.url}/webhook/${uploadPath}`;
		hooks.trigger = { webhook: `${cluster.webhook.url}/webhook/${v2Hook}/cbt`, main: `${cluster.main.url}/webhook/${v2Hook}/cbt` };
		hooks.legacy = { webhook: `${cluster.webhook.url}/webhook/${v1Hook}/cbt`, main: `${cluster.main.url}/webhook/${v1Hook}/cbt` };
	});

	after(async () => {
		const stopped = Date.now();
		await cluster?.stop();
		await sandbox?.close();
		if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
		figures.startup.stopSeconds = Math.round((Date.now() - stopped) / 1000);
		const report = JSON.stringify(figures, null, 2);
		process.stdout.write(`\nqueue-mode figures (n8n 2.39.10, 1 main + 1 webhook processor + 2 workers):\n${report}\n`);
		if (process.env.CBT_QUEUE_KEEP) process.stdout.write(`kept the cluster's folder (logs): ${cluster?.root}\n`);
		if (process.env.CBT_QUEUE_REPORT) fs.writeFileSync(process.env.CBT_QUEUE_REPORT, `${report}\n`);
	});

	it('the CBT Trigger records its production URL on activation (its lifecycle methods), with no gateway call', async () => {
		const workflow = await rest('GET', `/workflows/${workflows.trigger}`);
		const stored = workflow.staticData?.['node:CBT Trigger'] ?? {};
		assert.equal(stored.callbackUrl, hooks.trigger.main, 'the URL n8n shows (main’s WEBHOOK_URL)');
		assert.equal(sandbox.ledger.entries.length, 0, 'nothing was sent to the gateway');
	});

	it(`${UPLOADS} invoice images uploaded at once run on both workers, each billed once, each answered with its own invoice`, async () => {
		const images = [];
		for (let seed = 500; images.length < UPLOADS; seed++) {
			const image = makePng(64, 40, seed);
			if ('data' in sandboxAnswer('invoice', image)) images.push(image);
		}
		// Slow enough that a worker with 2 running executions cannot take them all.
		sandbox.setLatency(600);
		const mark = sandbox.ledger.entries.length;
		const before = executionsByWorker();
		let answers;
		try {
			answers = await Promise.all(
				images.map(async (image) => {
					const response = await fetch(hooks.upload, { method: 'POST', headers: { 'content-type': 'image/png' }, body: image });
					return { status: response.status, text: await response.text() };
				}),
			);
		} finally {
			sandbox.setLatency(0);
		}
		answers.forEach((answer, index) => {
			assert.equal(answer.status, 200, answer.text.slice(0, 300));
			const output = JSON.parse(answer.text);
			const expected = sandboxData('invoice', images[index]);
			// what the sandbox's fixture read from this very image (its own table, not the node's code)
			// (output column ← gateway field, as the README's invoice columns table names them)
			const compared = [
				['invoiceCode', 'invoiceCode'],
				['invoiceNumber', 'invoiceNo'],
				['sellerName', 'payeeName'],
				['buyerName', 'payerName'],
			].filter(([, raw]) => expected[raw]);
			assert.ok(compared.length >= 2, `upload ${index}: the fixture has values to compare`);
			for (const [column, raw] of compared) assert.equal(String(output[column]), String(expected[raw]), `upload ${index}: ${column}`);
		});
		const calls = sandbox.ledger.entries.slice(mark).filter((entry) => entry.operation === 'OCR.invoice');
		assert.equal(calls.length, UPLOADS, 'one call per upload');
		assert.equal(calls.filter((entry) => entry.billed).length, UPLOADS, 'each billed');
		assert.equal(new Set(calls.map((entry) => entry.fingerprint)).size, UPLOADS, 'each a different image');
		const executions = await settledExecutions(workflows.ocr, UPLOADS, { quietMs: 500 });
		assert.equal(executions.length, UPLOADS);
		assert.ok(executions.every((execution) => execution.status === 'success'));
		const after = executionsByWorker();
		const ids = new Set(executions.map((execution) => String(execution.id)));
		const perWorker = Object.fromEntries(
			Object.entries(after).map(([worker, list]) => [worker, list.filter((id) => ids.has(id) && !before[worker].includes(id)).length]),
		);
		figures.uploads = { uploads: UPLOADS, billedCalls: calls.length, executionsPerWorker: perWorker };
		assert.equal(Object.values(perWorker).reduce((a, b) => a + b, 0), UPLOADS, 'every execution ran on a worker');
		for (const [worker, count] of Object.entries(perWorker)) assert.ok(count > 0, `${worker} ran some: ${JSON.stringify(perWorker)}`);
	});

	it(`one receiving process: ${ONE_PROCESS_IDS} notifications, each delivered twice at the same moment, start ${ONE_PROCESS_IDS} executions and ${ONE_PROCESS_IDS} bills; resends seconds later start nothing`, async () => {
		const orders = await Promise.all(Array.from({ length: ONE_PROCESS_IDS }, () => finishedOrder()));
		const ids = orders.map((_, index) => `NT-ONE-${index}-${randomUUID().slice(0, 6)}`);
		const mark = sandbox.ledger.entries.length;
		const answers = await Promise.all(ids.flatMap((id, index) => [deliver(hooks.trigger.webhook, notification(id, orders[index])), deliver(hooks.trigger.webhook, notification(id, orders[index]))]));
		assert.ok(answers.every(acknowledged), JSON.stringify(answers.filter((answer) => !acknowledged(answer))));
		const executions = await settledExecutions(workflows.trigger, ONE_PROCESS_IDS);
		const first = resultBills(mark);
		figures.oneProcess = { notifications: ONE_PROCESS_IDS, deliveries: answers.length, executions: executions.length, bills: first.bills };
		assert.equal(executions.length, ONE_PROCESS_IDS, 'one execution per notification');
		assert.deepEqual(executions.map((execution) => execution.status), Array(ONE_PROCESS_IDS).fill('success'), await whyNot(executions));
		assert.deepEqual(first, { bills: ONE_PROCESS_IDS, orders: ONE_PROCESS_IDS }, 'each result fetched and billed once');

		await sleep(2_000);
		for (const [index, id] of ids.entries()) assert.ok(acknowledged(await deliver(hooks.trigger.webhook, notification(id, orders[index]))));
		// and to the other receiving process, which knows them only from the static data in the database
		for (const [index, id] of ids.entries()) assert.ok(acknowledged(await deliver(hooks.trigger.main, notification(id, orders[index]))));
		const later = await settledExecutions(workflows.trigger, ONE_PROCESS_IDS, { quietMs: 3_000 });
		figures.oneProcess.executionsAfterResends = later.length;
		figures.oneProcess.billsAfterResends = resultBills(mark).bills;
		assert.equal(later.length, ONE_PROCESS_IDS, 'no resend started the workflow');
		assert.equal(resultBills(mark).bills, ONE_PROCESS_IDS, 'no resend was billed');
		hooks.oneProcessIds = ids.map((id, index) => [id, orders[index]]);
	});

	it('a resend during a slow result fetch is acknowledged and billed once: version 2 (fetch on a worker) and version 1 (fetch in the webhook)', async () => {
		/** Delivers one notification while its fetch is slow, and resends it 1.5 s later to the given processes. */
		const slowCase = async (workflowId, urls, resendTo) => {
			const before = (await executionsOf(workflowId)).length;
			const orderId = await finishedOrder();
			const id = `NT-SLOW-${randomUUID().slice(0, 8)}`;
			const mark = sandbox.ledger.entries.length;
			sandbox.inject({ kind: 'latency', ms: 4_000, operation: 'RPA_TAX.taxMerge' });
			const first = deliver(urls.webhook, notification(id, orderId));
			await sleep(1_500); // the fetch is under way
			const resends = [];
			for (const target of resendTo) resends.push(await deliver(urls[target], notification(id, orderId)));
			assert.ok(acknowledged(await first), 'first delivery');
			assert.ok(resends.every(acknowledged), 'resends acknowledged');
			const executions = await settledExecutions(workflowId, before + 1, { quietMs: 5_000 });
			const added = executions.slice(0, executions.length - before);
			assert.ok(added.every((execution) => execution.status === 'success'), await whyNot(added));
			return { executions: executions.length - before, bills: resultBills(mark).bills };
		};
		// Version 2: the webhook answers at once and n8n saves the ID right away; the fetch runs on a worker.
		figures.slowFetch['version 2, resent to the same and to the other receiving process'] = await slowCase(workflows.trigger, hooks.trigger, ['webhook', 'main']);
		assert.deepEqual(figures.slowFetch['version 2, resent to the same and to the other receiving process'], { executions: 1, bills: 1 });
		// Version 1 fetches inside the webhook: within the receiving process a resend is a repeat.
		figures.slowFetch['version 1, resent to the same process'] = await slowCase(workflows.legacy, hooks.legacy, ['webhook']);
		assert.deepEqual(figures.slowFetch['version 1, resent to the same process'], { executions: 1, bills: 1 });
		// Measured, not asserted: n8n saves version 1's static data only after its fetch, so another process
		// does not know the ID yet. The reason version 2 moved the fetch out of the webhook.
		figures.slowFetch['version 1, resent to the other receiving process (measured)'] = await slowCase(workflows.legacy, hooks.legacy, ['main']);
	});

	it('after a restart of the receiving process, resends start nothing and a new notification starts once', async () => {
		const mark = sandbox.ledger.entries.length;
		const before = (await executionsOf(workflows.trigger)).length;
		const saved = Object.keys((await rest('GET', `/workflows/${workflows.trigger}`)).staticData?.['node:CBT Trigger']?.acceptedNotifications ?? {});
		assert.deepEqual(
			hooks.oneProcessIds.map(([id]) => id).filter((id) => !saved.includes(id)),
			[],
			'every accepted ID is in the static data n8n saved',
		);
		figures.restart.seconds = Math.round(await cluster.restart('webhook'));
		for (const [id, orderId] of hooks.oneProcessIds) assert.ok(acknowledged(await deliver(hooks.trigger.webhook, notification(id, orderId))));
		const orderId = await finishedOrder();
		assert.ok(acknowledged(await deliver(hooks.trigger.webhook, notification(`NT-AFTER-RESTART-${randomUUID().slice(0, 6)}`, orderId))));
		const executions = await settledExecutions(workflows.trigger, before + 1, { quietMs: 3_000 });
		const { bills } = resultBills(mark);
		assert.ok(executions.every((execution) => execution.status === 'success'), await whyNot(executions));
		figures.restart = { ...figures.restart, resent: hooks.oneProcessIds.length, newExecutions: executions.length - before, bills };
		assert.equal(executions.length - before, 1, 'only the new notification started');
		assert.equal(bills, 1);
	});

	it(`two receiving processes (main and webhook processor): ${TWO_PROCESS_IDS} notifications, each delivered to both at the same moment (measured)`, async () => {
		const before = (await executionsOf(workflows.trigger)).length;
		const orders = await Promise.all(Array.from({ length: TWO_PROCESS_IDS }, () => finishedOrder()));
		const ids = orders.map((_, index) => `NT-TWO-${index}-${randomUUID().slice(0, 6)}`);
		const mark = sandbox.ledger.entries.length;
		const answers = await Promise.all(ids.flatMap((id, index) => [deliver(hooks.trigger.webhook, notification(id, orders[index])), deliver(hooks.trigger.main, notification(id, orders[index]))]));
		assert.ok(answers.every(acknowledged));
		const listed = await settledExecutions(workflows.trigger, before + TWO_PROCESS_IDS, { quietMs: 4_000 });
		assert.ok(listed.every((execution) => execution.status === 'success'), await whyNot(listed));
		const executions = listed.length - before;
		const { bills, orders: billedOrders } = resultBills(mark);
		// Resent one by one afterwards, to either process: every ID must be known by then.
		for (const [index, id] of ids.entries()) assert.ok(acknowledged(await deliver(index % 2 ? hooks.trigger.main : hooks.trigger.webhook, notification(id, orders[index]))));
		const afterResends = (await settledExecutions(workflows.trigger, before + executions, { quietMs: 3_000 })).length - before;
		figures.twoProcesses = {
			notifications: TWO_PROCESS_IDS,
			deliveries: answers.length,
			executions,
			duplicateExecutions: executions - TWO_PROCESS_IDS,
			bills,
			duplicateBills: bills - TWO_PROCESS_IDS,
			notificationsBilled: billedOrders,
			executionsAfterResends: afterResends,
		};
		assert.equal(billedOrders, TWO_PROCESS_IDS, 'every notification’s result was fetched');
		assert.ok(executions >= TWO_PROCESS_IDS && executions <= 2 * TWO_PROCESS_IDS);
		assert.ok(bills <= executions, 'Get Result Once never fetched more often than there were executions');
		assert.equal(afterResends, executions, 'resends afterwards start nothing: no ID was forgotten');
	});

	it('the package loads in every process with no error or warning about it', () => {
		const report = {};
		for (const proc of cluster.processes) {
			const entries = parseLogLines(proc.logs());
			// (the cached n8n lives in a folder named n8n-nodes-cbt: paths in stack traces are not about the package)
			const about = (entry) => /n8n-nodes-cbt|cbt/i.test(entry.message.split(CACHE_ROOT).join(''));
			const bad = entries.filter((entry) => /error|warn/i.test(entry.level) && about(entry));
			report[proc.name] = { logLines: entries.length, problemsAboutPackage: bad.length };
			assert.deepEqual(bad.map((entry) => entry.message.slice(0, 300)), [], `${proc.name}`);
			assert.ok(!/Failed to load package/.test(proc.logs()), `${proc.name} loaded the package`);
			assert.ok(!proc.logs().includes(SANDBOX_APP_SECRET), `${proc.name}: the App Secret is not in the log`);
		}
		figures.packageLoad = report;
	});
});

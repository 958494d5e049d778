// CBT Trigger in a real n8n 2.39 server (`npm run test:e2e`): a workflow with the trigger, signed by a
// credential whose signature covers the body, is activated through n8n's REST API, and notifications
// are POSTed to its production URL. A body laid out as no JSON serialiser would write it verifies only
// if the trigger is given the raw bytes n8n received; one changed character must not verify.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { signatureHeaders } from '../../nodes/shared/auth/signing.ts';
import { SANDBOX_APP } from '../../scripts/e2e/cbt-home.mjs';
import { startEditorSession } from '../../scripts/e2e/editor-session.mjs';
import { workflowNode } from '../../scripts/e2e/n8n-runner.mjs';

const BODY_SIGNING = { algorithm: 'sha256', stringToSign: 'standardWithBody', encoding: 'hexLower', timestampUnit: 'seconds' };
const BROWSER_ID = 'cbt-e2e-webhook';

let session;
let cookie = '';

async function rest(method, path, body) {
	const response = await fetch(`${session.url}/rest${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	return JSON.parse(text).data;
}

/** The workflow's executions once `count` have finished (or what there is after 20 s). */
async function executionsOf(workflowId, count) {
	let list = [];
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
		const executions = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		list = Array.isArray(executions) ? executions : executions.results;
		if (list.length >= count && list.every((execution) => execution.finished || execution.status === 'success' || execution.status === 'error')) break;
	}
	return list;
}

async function deliver(url, body, signedBody = body) {
	const headers = signatureHeaders(BODY_SIGNING, { ...SANDBOX_APP, method: 'POST', path: new URL(url).pathname, body: signedBody });
	const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
	return { status: response.status, text: await response.text() };
}

describe('CBT Trigger in a real n8n, with a signature over the body', { timeout: 240_000 }, () => {
	let webhookUrl;
	let workflowId;

	before(async () => {
		session = await startEditorSession({ importExamples: false });
		await rest('POST', '/login', { emailOrLdapLoginId: session.login.email, password: session.login.password });
		const credential = await rest('POST', '/credentials', {
			name: 'CBT (body signed)',
			type: 'cbtApi',
			data: {
				...SANDBOX_APP,
				baseUrl: session.sandbox.url,
				signatureAlgorithm: BODY_SIGNING.algorithm,
				stringToSign: BODY_SIGNING.stringToSign,
				signatureEncoding: BODY_SIGNING.encoding,
				timestampUnit: BODY_SIGNING.timestampUnit,
			},
		});
		const webhookId = randomUUID();
		const workflow = await rest('POST', '/workflows', {
			name: 'CBT notifications (e2e)',
			nodes: [
				workflowNode('CBT Trigger', session.nodeType('cbtTrigger'), 1, { options: { includeMetadata: true } }, 0, {
					credentials: { cbtApi: { id: credential.id, name: credential.name } },
					webhookId,
				}),
			],
			connections: {},
			settings: {},
		});
		workflowId = workflow.id;
		await rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		webhookUrl = `${session.url}/webhook/${webhookId}/cbt`;
	});

	after(async () => {
		await session?.stop();
	});

	it('takes a notification laid out unlike any serialiser, signed over its raw bytes', async () => {
		const body = '{ "event" : "rpa_tax.order.completed",\n  "request_id":"E2E-1", "order_id" : "ORD-E2E-1",\n  "data": {"order_id":"ORD-E2E-1", "status":"completed", "企业":"上海"} }';
		const { status, text } = await deliver(webhookUrl, body);
		assert.equal(status, 200, text);
		assert.deepEqual(JSON.parse(text), { code: 0, message: 'success' }, 'the acknowledgement, not n8n’s own answer');
		const list = await executionsOf(workflowId, 1);
		assert.equal(list.length, 1, 'one execution started');
		assert.equal(list[0].status, 'success');
	});

	it('refuses the same signature over a body with one character changed, and starts nothing', async () => {
		const signed = '{"event":"rpa_tax.order.completed","request_id":"E2E-2","order_id":"ORD-E2E-2","data":{"amount":"100.00"}}';
		const { status, text } = await deliver(webhookUrl, signed.replace('100.00', '900.00'), signed);
		assert.equal(status, 401, text);
		assert.match(text, /Signature mismatch/);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert.equal((await executionsOf(workflowId, 1)).length, 1, 'still only the first execution');
	});

	it('its lifecycle methods record the production URL on activation and clear it on deactivation; accepted IDs stay', async () => {
		const stored = async () => (await rest('GET', `/workflows/${workflowId}`)).staticData?.['node:CBT Trigger'] ?? {};
		const active = await stored();
		assert.equal(active.callbackUrl, webhookUrl, 'checkExists/create: the URL the gateway must be given');
		assert.ok(active.acceptedNotifications?.['E2E-1'], 'the accepted notification is remembered');
		const workflow = await rest('POST', `/workflows/${workflowId}/deactivate`);
		const inactive = await stored();
		assert.equal(inactive.callbackUrl, undefined, 'delete: cleared');
		assert.ok(inactive.acceptedNotifications?.['E2E-1'], 'a resend after reactivation is still a repeat');
		await rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		assert.equal((await stored()).callbackUrl, webhookUrl);
		const body = '{"event":"rpa_tax.order.completed","request_id":"E2E-1","order_id":"ORD-E2E-1","data":{}}';
		const { status, text } = await deliver(webhookUrl, body);
		assert.equal(status, 200, text);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert.equal((await executionsOf(workflowId, 1)).length, 1, 'the resend started nothing');
	});
});

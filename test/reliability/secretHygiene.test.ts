/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test code runs in Node, not inside n8n; it captures the console */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';

import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { CATEGORY_NODES, type Endpoint } from '../../nodes/shared/catalog';
import { readCredentials } from '../../nodes/shared/auth/credentialSigning';
import { parameterOf } from '../../nodes/shared/catalog';
import type { FieldKindId } from '../../nodes/shared/fields';
import { CODE } from '../../nodes/shared/transport/codes';
import type { Fault } from '../../sandbox/faults';
import { startSandbox, type Sandbox, type SandboxApp } from '../../sandbox/server';
import { runWorkflow, type HarnessItem, type RunResult } from '../harness/harness';
import { testCredential } from '../harness/credentialTester';
import { serveWebhook } from '../harness/webhook';
import { makePng } from '../support/images';
import { freePort } from '../support/sandbox';
import { singleNodeWorkflow, triggerWorkflow } from '../support/workflows';
import { deliver, notificationBody } from './support/notifications';
import { person } from './support/people';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy';
import { writeSummary } from './support/summary';

/*
 * Representative workflows (every node, failures of every sort, the credential test, the trigger's
 * rejections) run with an App Secret that is a unique marker, under three signature settings.
 * Everything they leave behind is then searched for the marker in every encoding a log line or a
 * serialiser could give it, and for the signatures that went over the wire: zero occurrences.
 */

const MARKER = `cbt-secret-marker-${randomBytes(8).toString('hex')}`;
const APP_KEY = 'hygiene-app-key';

/** The credential variants: the default MD5 string, HMAC-SHA256 with base64, a custom template with the body. */
const CREDENTIALS: ICredentialDataDecryptedObject[] = [
	{ appKey: APP_KEY, appSecret: MARKER },
	{ appKey: `${APP_KEY}-hmac`, appSecret: MARKER, signatureAlgorithm: 'hmacSha256', signatureEncoding: 'base64' },
	{
		appKey: `${APP_KEY}-template`,
		appSecret: MARKER,
		signatureAlgorithm: 'sha256',
		stringToSign: 'custom',
		signatureTemplate: '{appKey}|{timestamp}|{method}|{path}|{body}|{appSecret}',
		signatureEncoding: 'hexUpper',
	},
];

const SAMPLES: Partial<Record<FieldKindId, string>> = {
	chineseName: '张三',
	idNumber: '11010519491231002X',
	mobile: '13800138000',
	creditCode: '91330100716105852F',
	plate: '沪AD12345',
	vin: 'LSVAU2180N2183294',
	text: 'ORD-HYGIENE-1',
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a published example credit code, not a secret
	companyKeyword: '91350100M000100Y43',
	date: '2024-01-31',
};

/** One operation per node, its fields filled with valid values. */
function representative(endpoints: readonly Endpoint[]): { parameters: INodeParameters; items: HarnessItem[] } {
	const endpoint = endpoints.find((candidate) => candidate.output.kind === 'object' || candidate.output.kind === 'list');
	assert.ok(endpoint);
	const parameters: INodeParameters = { operation: endpoint.operation };
	if (endpoint.resource) parameters.resource = endpoint.resource;
	const item: HarnessItem = { json: {} };
	for (const field of endpoint.fields) {
		if (field.kind === 'image' || field.kind === 'faceImage') {
			parameters[parameterOf(field)] = 'data';
			item.binary = { data: { data: makePng(10, 10, 5), fileName: 'photo.png', mimeType: 'image/png' } };
		} else if (field.required !== false) {
			const sample = SAMPLES[field.kind];
			assert.ok(sample, `no sample for ${field.kind}`);
			parameters[parameterOf(field)] = sample;
		}
	}
	return { parameters, items: [item] };
}

/** Everything a test process writes to its console, captured while the workflows run. */
function captureOutput(): { text: () => string; restore: () => void } {
	const chunks: string[] = [];
	const stdout = process.stdout.write.bind(process.stdout);
	const stderr = process.stderr.write.bind(process.stderr);
	const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
	const keep = (...args: unknown[]) => chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 8 }))).join(' '));
	console.log = console.info = console.warn = console.error = console.debug = keep;
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
		chunks.push(String(chunk));
		return stdout(chunk, ...rest);
	}) as typeof process.stdout.write;
	process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
		chunks.push(String(chunk));
		return stderr(chunk, ...rest);
	}) as typeof process.stderr.write;
	return {
		text: () => chunks.join('\n'),
		restore: () => {
			Object.assign(console, originals);
			process.stdout.write = stdout;
			process.stderr.write = stderr;
		},
	};
}

/** An error as every serialiser and logger could see it. */
function errorText(error: unknown): string {
	if (!error || typeof error !== 'object') return String(error ?? '');
	const fields = error as Record<string, unknown>;
	const parts = ['message', 'description', 'stack', 'cause', 'errorResponse', 'context', 'messages', 'node'].map((key) =>
		inspect(fields[key], { depth: 10, showHidden: true, maxStringLength: null, maxArrayLength: null }),
	);
	return [inspect(error, { depth: 10, showHidden: true, maxStringLength: null }), JSON.stringify(error), ...parts].join('\n');
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const FAULTS: Fault[] = [
	{ kind: 'hang', afterBilling: true },
	{ kind: 'http', status: 500 },
	{ kind: 'malformedJson' },
	{ kind: 'nonEnvelope' },
	{ kind: 'reset', afterBilling: true },
	{ kind: 'code', code: 987654, charge: 1 },
];

describe('secret hygiene: the App Secret never appears in outputs, errors, logs or files', () => {
	let sandbox: Sandbox;
	let proxy: RecordingProxy;
	const texts: Array<{ where: string; text: string }> = [];
	const errors: string[] = [];
	const counts = { workflows: 0, nodes: new Set<string>(), errors: 0, credentialTests: 0, webhookRequests: 0, places: 0, files: 0, secretOccurrences: 0, signatureOccurrences: 0 };
	let output: ReturnType<typeof captureOutput>;

	before(async () => {
		const apps: SandboxApp[] = CREDENTIALS.map((credential) => ({
			appKey: String(credential.appKey),
			appSecret: MARKER,
			signature: readCredentials(credential).signature,
		}));
		// The same key with another secret: the node's signature is refused (CODE.badSignature) while it holds the marker.
		apps.push({ appKey: `${APP_KEY}-mismatch`, appSecret: 'the-gateway-has-another-secret' });
		sandbox = await startSandbox({ apps });
		proxy = await startRecordingProxy(sandbox.url);
		output = captureOutput();
	});
	after(async () => {
		output.restore();
		await proxy.close();
		await sandbox.close();
	});

	const cred = (credential: ICredentialDataDecryptedObject, baseUrl = proxy.url) => ({ ...credential, baseUrl });
	const keep = (where: string, result: RunResult, node = 'CBT') => {
		counts.workflows++;
		texts.push({ where: `${where}: run data`, text: JSON.stringify(result.run) });
		texts.push({ where: `${where}: output`, text: inspect(result.output(node), { depth: 12, maxStringLength: null }) });
		for (const error of [result.error(node), result.workflowError]) {
			if (!error) continue;
			counts.errors++;
			errors.push(errorText(error));
			texts.push({ where: `${where}: error`, text: errorText(error) });
		}
		for (const item of result.output(node)) {
			if (item.json.error) {
				counts.errors++;
				errors.push(`${String(item.json.error)} ${String(item.json.errorDetails)}`);
			}
		}
	};

	it('runs every node with each signature setting', async () => {
		for (const [variant, credential] of CREDENTIALS.entries()) {
			for (const entry of CATEGORY_NODES.filter((candidate) => candidate.node !== 'cbtTrigger')) {
				const { parameters, items } = representative(entry.endpoints);
				const result = await runWorkflow(singleNodeWorkflow(entry.node, { ...parameters, options: { includeMetadata: true } }), {
					credentials: { cbtApi: cred(credential) },
					inputs: { Input: items },
				});
				keep(`${entry.node} (signature ${variant})`, result);
				counts.nodes.add(entry.node);
			}
		}
		assert.ok(sandbox.ledger.entries.some((entry) => entry.code === CODE.ok), 'some calls succeeded');
	});

	it('runs failures: faults, bad input, a refused signature, a clock off, nothing listening', async () => {
		const people = [person(1), person(2)];
		const parameters = { operation: 'twoFactor', name: '={{ $json.name }}', idNumber: '={{ $json.idNumber }}', options: { timeoutSeconds: 1, maxRetries: 0 } };
		const inputs = { Input: people.map((entry) => ({ json: entry })) };
		for (const fault of FAULTS) {
			for (const settings of [{}, { onError: 'continueRegularOutput' as const }]) {
				sandbox.inject(fault);
				keep(`fault ${fault.kind}`, await runWorkflow(singleNodeWorkflow('cbtIdentity', parameters, settings), { credentials: { cbtApi: cred(CREDENTIALS[0]) }, inputs }));
			}
		}
		const bad = { Input: [{ json: { name: 'Zhang San', idNumber: '11010519491231002Y' } }] };
		keep('bad input', await runWorkflow(singleNodeWorkflow('cbtIdentity', parameters), { credentials: { cbtApi: cred(CREDENTIALS[0]) }, inputs: bad }));
		const mismatch = { appKey: `${APP_KEY}-mismatch`, appSecret: MARKER };
		keep('signature refused', await runWorkflow(singleNodeWorkflow('cbtIdentity', parameters), { credentials: { cbtApi: cred(mismatch) }, inputs }));
		const skewed = await startSandbox({ clockOffsetSeconds: 900, apps: [{ appKey: APP_KEY, appSecret: MARKER }] });
		try {
			keep('clock off', await runWorkflow(singleNodeWorkflow('cbtIdentity', parameters), { credentials: { cbtApi: cred(CREDENTIALS[0], skewed.url) }, inputs }));
		} finally {
			await skewed.close();
		}
		const nowhere = `http://127.0.0.1:${await freePort()}`;
		keep('nothing listening', await runWorkflow(singleNodeWorkflow('cbtIdentity', parameters), { credentials: { cbtApi: cred(CREDENTIALS[0], nowhere) }, inputs }));
		assert.ok(counts.errors >= FAULTS.length * 2 + 4, `${counts.errors} errors collected`);
		assert.ok(
			errors.some((text) => /Request ID: \d{14}E[0-9A-F]{6}\d{7}/.test(text)),
			'errors quote the gateway’s request IDs',
		);
	});

	it('runs the credential test: passing, refused, clock off, unreachable', async () => {
		const skewed = await startSandbox({ clockOffsetSeconds: -900, apps: [{ appKey: APP_KEY, appSecret: MARKER }] });
		try {
			const variants = [
				...CREDENTIALS.map((credential) => cred(credential)),
				cred({ appKey: `${APP_KEY}-mismatch`, appSecret: MARKER }),
				cred(CREDENTIALS[0], skewed.url),
				cred(CREDENTIALS[0], `http://127.0.0.1:${await freePort()}`),
			];
			const results = [];
			for (const data of variants) {
				const result = await testCredential(data);
				counts.credentialTests++;
				results.push(result.status);
				texts.push({ where: 'credential test', text: JSON.stringify(result) });
			}
			assert.deepEqual(results, ['OK', 'OK', 'OK', 'Error', 'Error', 'Error']);
		} finally {
			await skewed.close();
		}
	});

	it('runs the trigger: a genuine notification and its rejections', async () => {
		const server = await serveWebhook(triggerWorkflow(), { credentials: { cbtApi: cred(CREDENTIALS[0]) } });
		try {
			const key = { appKey: APP_KEY, appSecret: MARKER };
			const deliveries = [
				await deliver(server, notificationBody('hygiene-1'), key),
				await deliver(server, notificationBody('hygiene-1'), key),
				await deliver(server, notificationBody('forged'), { ...key, appSecret: `${MARKER}-not` }),
				await deliver(server, notificationBody('stale'), { ...key, nowMs: Date.now() - 3_600_000 }),
				await deliver(server, 'not json', { ...key, contentType: 'text/plain' }),
				await deliver(server, JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }), key),
				await deliver(server, notificationBody('unsigned'), { ...key, unsigned: true }),
			];
			await server.waitForExecutions(1);
			assert.deepEqual(deliveries.map((delivery) => delivery.status), [200, 200, 401, 401, 400, 413, 401]);
			counts.webhookRequests += deliveries.length;
			texts.push({ where: 'webhook answers', text: JSON.stringify(deliveries.map((delivery) => delivery.body)) });
			texts.push({ where: 'webhook requests', text: JSON.stringify(server.received.map((entry) => [entry.status, entry.responseBody])) });
			texts.push({ where: 'webhook static data', text: JSON.stringify(server.staticData()) });
			for (const execution of server.executions) texts.push({ where: 'webhook execution', text: JSON.stringify(execution.run) });
			const forgedSignature = deliveries[2].signature;
			assert.ok(forgedSignature);
			for (const delivery of deliveries) assert.ok(!delivery.body.includes(forgedSignature));
		} finally {
			await server.close();
		}
	});

	it('finds the secret nowhere, and no signature in any error', () => {
		output.restore();
		texts.push({ where: 'console, stdout and stderr', text: output.text() });
		const folder = process.env.N8N_USER_FOLDER;
		assert.ok(folder, 'the harness sets N8N_USER_FOLDER');
		for (const file of filesUnder(folder)) {
			counts.files++;
			texts.push({ where: `file ${file}`, text: readFileSync(file).toString('latin1') });
		}

		const hex = Buffer.from(MARKER).toString('hex');
		const base64 = Buffer.from(MARKER).toString('base64');
		const needles = [
			MARKER,
			MARKER.slice('cbt-secret-marker-'.length),
			hex,
			hex.toUpperCase(),
			base64.replace(/=+$/, ''),
			Buffer.from(MARKER).toString('base64url'),
			encodeURIComponent(MARKER),
		];
		const signatures = [...new Set(proxy.requests.map((request) => request.headers['x-cbt-signature']).filter((value): value is string => typeof value === 'string'))];
		assert.ok(signatures.length >= 10, `${signatures.length} signatures sent`);
		counts.places = texts.length;

		const found: string[] = [];
		for (const { where, text } of texts) {
			for (const needle of needles) {
				if (text.includes(needle)) {
					counts.secretOccurrences++;
					found.push(`${where} contains the secret (${needle.slice(0, 12)}…)`);
				}
			}
		}
		for (const text of [...errors, ...texts.filter((entry) => /error|console|credential|webhook/.test(entry.where)).map((entry) => entry.text)]) {
			for (const signature of signatures) {
				if (text.includes(signature)) {
					counts.signatureOccurrences++;
					found.push(`a signature (${signature.slice(0, 8)}…) appears in an error or log`);
				}
			}
			assert.doesNotMatch(text, /X-CBT-SIGNATURE/i);
		}
		writeSummary('secretHygiene', { ...counts, nodes: counts.nodes.size, signaturesChecked: signatures.length });
		assert.deepEqual(found, []);
		assert.equal(counts.nodes.size, CATEGORY_NODES.length - 1, 'every node but the trigger ran; the trigger was served above');
	});
});

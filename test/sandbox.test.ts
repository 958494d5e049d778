/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { SignatureSettings } from '../nodes/shared/auth/signing';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { signingPresets } from '../scripts/docs/signingVectors';
import { makePng } from './support/images';
import { signedFetch } from './support/rawClient';
import { credentialFor, SANDBOX_APP_KEY, SANDBOX_APP_SECRET } from './support/sandbox';

const INVOICE = '/apis/tt/gw/ocr/v1/invoice';
const image = makePng(8, 8).toString('base64');

function credentialFields(settings: SignatureSettings) {
	return {
		signatureAlgorithm: settings.algorithm,
		stringToSign: settings.stringToSign,
		signatureTemplate: settings.template ?? '',
		signatureEncoding: settings.encoding,
		timestampUnit: settings.timestampUnit,
	};
}

describe('sandbox gateway', () => {
	let sandbox: Sandbox;
	const presets = [
		...signingPresets().map((row) => row.settings),
		{ algorithm: 'sha256', stringToSign: 'custom', template: '{method}{path}{timestamp}{body}{appSecret}', encoding: 'base64', timestampUnit: 'milliseconds' },
		{ algorithm: 'hmacSha256', stringToSign: 'standard', encoding: 'hexUpper', timestampUnit: 'seconds' },
	] as SignatureSettings[];

	before(async () => {
		sandbox = await startSandbox({
			apps: [
				{ appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET },
				...presets.map((signature, index) => ({ appKey: `preset-${index}`, appSecret: `secret-${index}`, signature })),
			],
		});
	});
	after(() => sandbox.close());

	it('accepts a request signed under every signature preset, and bills it', async () => {
		for (const [index, settings] of presets.entries()) {
			const credential = credentialFor(sandbox, { appKey: `preset-${index}`, appSecret: `secret-${index}`, ...credentialFields(settings) });
			const response = await signedFetch(credential, 'POST', INVOICE, { image });
			assert.equal(response.body.code, 0, `preset ${JSON.stringify(settings)}: ${String(response.body.message)}`);
			assert.equal(response.body.charge, 1);
		}
	});

	it('answers with the documented envelope and the seed invoice', async () => {
		const response = await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image });
		assert.deepEqual(Object.keys(response.body).sort(), ['charge', 'code', 'data', 'message', 'request_id', 'timestamp']);
		assert.match(String(response.body.request_id), /^\d{14}E[0-9A-F]{6}\d{7}$/);
		assert.equal((response.body.data as Record<string, unknown>).invoiceCode, '5106532891');
	});

	it('rejects a wrong secret, unbilled', async () => {
		const response = await signedFetch(credentialFor(sandbox, { appSecret: 'not-the-secret' }), 'POST', INVOICE, { image });
		assert.equal(response.body.code, 100002);
		assert.equal(response.body.charge, 0);
	});

	it('rejects an unknown App Key and unsigned requests', async () => {
		assert.equal((await signedFetch(credentialFor(sandbox, { appKey: 'nobody' }), 'POST', INVOICE, { image })).body.code, 100001);
		const unsigned = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		assert.equal(((await unsigned.json()) as { code: number }).code, 100008);
	});

	it('rejects a timestamp outside the ±300 s window and says the server time', async () => {
		const response = await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image }, (signed) => {
			signed.headers['X-CBT-TIMESTAMP'] = String(Math.floor(Date.now() / 1000) - 301);
		});
		assert.equal(response.body.code, 100003);
		assert.match(String(response.body.message), /服务器时间 \d+/);
	});

	it('rejects a body changed after signing when the body is signed', async () => {
		const preset = presets.findIndex((settings) => settings.stringToSign === 'standardWithBody');
		const credential = credentialFor(sandbox, { appKey: `preset-${preset}`, appSecret: `secret-${preset}`, ...credentialFields(presets[preset]) });
		const response = await signedFetch(credential, 'POST', INVOICE, { image }, (signed) => {
			signed.body = JSON.stringify({ image: makePng(9, 9).toString('base64') });
		});
		assert.equal(response.body.code, 100002);
	});

	it('rejects a missing or invalid parameter without billing', async () => {
		assert.equal((await signedFetch(credentialFor(sandbox), 'POST', INVOICE, {})).body.code, 100004);
		const notImage = await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image: Buffer.from('<html>').toString('base64') });
		assert.equal(notImage.body.code, 100004);
		assert.equal(notImage.body.charge, 0);
	});

	it('keeps a ledger of every call and whether it was billed', async () => {
		sandbox.reset();
		await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image });
		await signedFetch(credentialFor(sandbox, { appSecret: 'wrong' }), 'POST', INVOICE, { image });
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.operation, entry.code, entry.billed]),
			[
				['OCR.invoice', 0, true],
				['OCR.invoice', 100002, false],
			],
		);
	});

	it('injects faults on demand: 429 with Retry-After, 5xx, malformed JSON, latency', async () => {
		sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 2 });
		const limited = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		assert.equal(limited.status, 429);
		assert.equal(limited.headers.get('retry-after'), '2');

		sandbox.inject({ kind: 'http', status: 503, operation: 'OCR.invoice' });
		assert.equal((await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' })).status, 503);

		sandbox.inject({ kind: 'malformedJson' });
		const malformed = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		await assert.rejects(malformed.json());

		sandbox.inject({ kind: 'latency', ms: 150 });
		const started = Date.now();
		await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		assert.ok(Date.now() - started >= 140);
	});

	it('injects a connection reset', async () => {
		sandbox.inject({ kind: 'reset', afterBilling: false });
		await assert.rejects(fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' }));
	});

	it('serves its ledger and takes faults over HTTP, for out-of-process users', async () => {
		await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
		await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'http', status: 502 }) });
		assert.equal((await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' })).status, 502);
		const ledger = (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as Array<{ fault: string; billed: boolean }>;
		assert.deepEqual(ledger.map((entry) => [entry.fault, entry.billed]), [['http', false]]);
	});
});

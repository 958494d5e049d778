/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { SignatureSettings } from '../nodes/shared/auth/signing';
import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { signingPresets } from '../scripts/docs/signingVectors';
import { FAILS_IF_STUCK, FakeClock } from './support/fakeClock';
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
	// The sandbox's time, moved by the tests (requests are signed with this machine's: they agree to within the test's run).
	const clock = new FakeClock();
	const presets = [
		...signingPresets().map((row) => row.settings),
		{ algorithm: 'sha256', stringToSign: 'custom', template: '{method}{path}{timestamp}{body}{appSecret}', encoding: 'base64', timestampUnit: 'milliseconds' },
		{ algorithm: 'hmacSha256', stringToSign: 'standard', encoding: 'hexUpper', timestampUnit: 'seconds' },
	] as SignatureSettings[];

	before(async () => {
		sandbox = await startSandbox({
			clock,
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
			assert.equal(response.body.code, CODE.ok, `preset ${JSON.stringify(settings)}: ${String(response.body.message)}`);
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
		assert.equal(response.body.code, CODE.badSignature);
		assert.equal(response.body.charge, 0);
	});

	it('rejects an unknown App Key and unsigned requests', async () => {
		assert.equal((await signedFetch(credentialFor(sandbox, { appKey: 'nobody' }), 'POST', INVOICE, { image })).body.code, CODE.unknownKey);
		const unsigned = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		assert.equal(((await unsigned.json()) as { code: number }).code, CODE.missingHeaders);
	});

	it('rejects a timestamp outside the ±300 s window and says the server time', async () => {
		const response = await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image }, (signed) => {
			signed.headers['X-CBT-TIMESTAMP'] = String(Math.floor(clock.now() / 1000) - 301);
		});
		assert.equal(response.body.code, CODE.staleTimestamp);
		assert.match(String(response.body.message), /服务器时间 \d+/);
	});

	it('rejects a body changed after signing when the body is signed', async () => {
		const preset = presets.findIndex((settings) => settings.stringToSign === 'standardWithBody');
		const credential = credentialFor(sandbox, { appKey: `preset-${preset}`, appSecret: `secret-${preset}`, ...credentialFields(presets[preset]) });
		const response = await signedFetch(credential, 'POST', INVOICE, { image }, (signed) => {
			signed.body = JSON.stringify({ image: makePng(9, 9).toString('base64') });
		});
		assert.equal(response.body.code, CODE.badSignature);
	});

	it('rejects a missing or invalid parameter without billing', async () => {
		assert.equal((await signedFetch(credentialFor(sandbox), 'POST', INVOICE, {})).body.code, CODE.invalidParameter);
		const notImage = await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image: Buffer.from('<html>').toString('base64') });
		assert.equal(notImage.body.code, CODE.invalidParameter);
		assert.equal(notImage.body.charge, 0);
	});

	it('keeps a ledger of every call and whether it was billed', async () => {
		sandbox.reset();
		await signedFetch(credentialFor(sandbox), 'POST', INVOICE, { image });
		await signedFetch(credentialFor(sandbox, { appSecret: 'wrong' }), 'POST', INVOICE, { image });
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.operation, entry.code, entry.billed]),
			[
				['OCR.invoice', CODE.ok, true],
				['OCR.invoice', CODE.badSignature, false],
			],
		);
	});

	it('injects faults on demand: 429 with Retry-After, 5xx, malformed JSON, latency', FAILS_IF_STUCK, async () => {
		sandbox.inject({ kind: 'http', status: 429, retryAfterSeconds: 2 });
		const limited = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		assert.equal(limited.status, 429);
		assert.equal(limited.headers.get('retry-after'), '2');

		sandbox.inject({ kind: 'http', status: 503, operation: 'OCR.invoice' });
		assert.equal((await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' })).status, 503);

		sandbox.inject({ kind: 'malformedJson' });
		const malformed = await fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		await assert.rejects(malformed.json());

		// The sandbox holds the call on its clock: still held 1 ms before the 150, answered at 150.
		sandbox.inject({ kind: 'latency', ms: 150 });
		const started = clock.now();
		const delayed = fetch(`${sandbox.url}${INVOICE}`, { method: 'POST', body: '{}' });
		await clock.sleeping();
		await clock.advance(149);
		assert.deepEqual(clock.pending(), [1], 'not answered before its latency');
		await clock.advance(1);
		assert.equal((await delayed).status, 200);
		assert.equal(sandbox.ledger.entries.at(-1)?.at, started + 150);
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

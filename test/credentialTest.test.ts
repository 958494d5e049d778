/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { testCredential } from './harness/credentialTester';
import { credentialFor } from './support/sandbox';

describe('the credential test in the editor', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());

	const check = async (data: ICredentialDataDecryptedObject) => await testCredential(data);

	it('passes with the right key and secret, and bills nothing', async () => {
		sandbox.reset();
		const result = await check(credentialFor(sandbox));
		assert.equal(result.status, 'OK', result.message);
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]), [[CODE.invalidParameter, false]]);
	});

	it('fails on a signature error inside an HTTP 200', async () => {
		const result = await check(credentialFor(sandbox, { appSecret: 'wrong' }));
		assert.equal(result.status, 'Error');
		assert.match(result.message, new RegExp(`^Gateway error ${CODE.badSignature} \\(Signature mismatch\\)\\. Check the App Secret`));
		assert.ok(!result.message.includes('wrong'), 'the secret is not echoed');
	});

	it('fails on an unknown key and on a clock outside the window', async () => {
		assert.match((await check(credentialFor(sandbox, { appKey: 'nobody' }))).message, new RegExp(`^Gateway error ${CODE.unknownKey} `));
		const skewed = await startSandbox({ clockOffsetSeconds: 3600 });
		try {
			assert.match((await check(credentialFor(skewed))).message, new RegExp(`${CODE.staleTimestamp} \\(Timestamp outside the allowed window\\)`));
		} finally {
			await skewed.close();
		}
	});

	it('fails when the Base URL does not answer', async () => {
		const result = await check(credentialFor(sandbox, { baseUrl: 'http://127.0.0.1:1' }));
		assert.equal(result.status, 'Error');
		assert.match(result.message, /ECONNREFUSED|refused/);
	});

	it('sends the probe where the gateway profile says, with its key, and still bills nothing', async () => {
		const profiled = await startSandbox({ profile: { endpoints: { 发票OCR: { path: '/api/v2/ocr/invoice', fields: { image: 'imageBase64' } } } } });
		try {
			const profile = JSON.stringify({ endpoints: { 'OCR.invoice': { path: '/api/v2/ocr/invoice', fields: { image: 'imageBase64' } } } });
			const result = await check(credentialFor(profiled, { gatewayProfile: profile }));
			assert.equal(result.status, 'OK', result.message);
			assert.deepEqual(
				profiled.ledger.entries.map((entry) => [entry.method, entry.path, entry.keys, entry.billed]),
				[['POST', '/api/v2/ocr/invoice', ['imageBase64'], false]],
			);
			const wrong = await check(credentialFor(profiled, { appSecret: 'wrong', gatewayProfile: profile }));
			assert.match(wrong.message, /Signature mismatch/);
		} finally {
			await profiled.close();
		}
	});
});

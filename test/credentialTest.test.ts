/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { cbtApiTest } from '../nodes/shared/credentialTest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { credentialFor } from './support/sandbox';

async function testContext(): Promise<ICredentialTestFunctions> {
	const { CredentialTestContext } = await import('n8n-core');
	return new CredentialTestContext() as unknown as ICredentialTestFunctions;
}

describe('the credential test in the editor', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());

	const check = async (data: ICredentialDataDecryptedObject) =>
		await cbtApiTest.call(await testContext(), { id: '1', name: 'CBT', type: 'cbtApi', data });

	it('passes with the right key and secret, and bills nothing', async () => {
		sandbox.reset();
		const result = await check(credentialFor(sandbox));
		assert.equal(result.status, 'OK', result.message);
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]), [[100004, false]]);
	});

	it('fails on a signature error inside an HTTP 200', async () => {
		const result = await check(credentialFor(sandbox, { appSecret: 'wrong' }));
		assert.equal(result.status, 'Error');
		assert.match(result.message, /100002 \(Signature mismatch\)/);
		assert.ok(!result.message.includes('wrong'), 'the secret is not echoed');
	});

	it('fails on an unknown key and on a clock outside the window', async () => {
		assert.match((await check(credentialFor(sandbox, { appKey: 'nobody' }))).message, /100001/);
		const skewed = await startSandbox({ clockOffsetSeconds: 3600 });
		try {
			assert.match((await check(credentialFor(skewed))).message, /100003 \(Timestamp outside the allowed window\)/);
		} finally {
			await skewed.close();
		}
	});

	it('fails clearly when the Base URL is not the gateway', async () => {
		const result = await check(credentialFor(sandbox, { baseUrl: 'http://127.0.0.1:1' }));
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Could not reach http:\/\/127\.0\.0\.1:1/);
	});
});

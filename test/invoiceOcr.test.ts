/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow } from './harness/harness';
import { SEED_PAGE_INVOICE } from './operations/expectations';
import { makePng } from './support/images';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

const MARKER = 'MARKER-secret-7f3a9c';

function invoiceItem(seed: number) {
	return { json: { seed }, binary: { data: { data: makePng(16, 16, seed), fileName: `invoice-${seed}.png`, mimeType: 'image/png' } } };
}

describe('CBT OCR › Invoice through n8n-core', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({ apps: [{ appKey: 'k1', appSecret: MARKER }] });
	});
	after(() => sandbox.close());
	const credentials = () => ({ cbtApi: credentialFor(sandbox, { appKey: 'k1', appSecret: MARKER }) });

	it('signs, calls the gateway and outputs the invoice data as the item', async () => {
		sandbox.reset();
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data', outputFormat: 'raw' }), {
			credentials: credentials(),
			inputs: { Input: [invoiceItem(1), invoiceItem(2)] },
		});
		assert.equal(result.workflowError, undefined);
		const output = result.output('CBT');
		assert.equal(output.length, 2);
		// A 16 px image is a stub to the sandbox: it answers with the seed page's example.
		assert.deepEqual(output[0].json, SEED_PAGE_INVOICE);
		assert.deepEqual(output.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
		assert.equal(output[1].binary?.data.fileName, 'invoice-2.png', 'the input file is passed through');
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [
			['OCR.invoice', true],
			['OCR.invoice', true],
		]);
	});

	it('adds the request ID and billed flag when asked', async () => {
		const result = await runWorkflow(
			singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data', options: { includeMetadata: true } }),
			{ credentials: credentials(), inputs: { Input: [invoiceItem(3)] } },
		);
		const meta = result.output('CBT')[0].json._cbt as { requestId: string; billed: boolean };
		assert.equal(meta.billed, true);
		assert.equal(meta.requestId, sandbox.ledger.entries.at(-1)?.requestId);
	});

	it('turns a gateway error code into an error naming the item, the code and the request ID', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.quota, charge: 0, message: '余额不足' });
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data' }), {
			credentials: credentials(),
			inputs: { Input: [invoiceItem(1)] },
		});
		const error = result.error('CBT');
		assert.ok(error, 'the node failed');
		assert.match(error.message, new RegExp(`^Item 0: Gateway error ${CODE.quota} \\(Balance exhausted\\): 余额不足`));
		const requestId = sandbox.ledger.entries[0].requestId;
		assert.ok(error.description?.includes(`Request ID: ${requestId}`), error.description);
		assert.ok(error.description?.includes('Billed: no'), error.description);
	});

	it('gives an error item instead under "continue on fail", and keeps going', async () => {
		sandbox.reset();
		sandbox.inject({ kind: 'code', code: CODE.internal, charge: 1 }); // billed, so not retried
		const result = await runWorkflow(
			singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data' }, { onError: 'continueRegularOutput' }),
			{ credentials: credentials(), inputs: { Input: [invoiceItem(1), invoiceItem(2)] } },
		);
		const output = result.output('CBT');
		assert.equal(output.length, 2);
		assert.match(String(output[0].json.error), new RegExp(`^Item 0: Gateway error ${CODE.internal}\\b`));
		assert.deepEqual(output[0].pairedItem, { item: 0 });
		assert.equal(output[1].json.invoiceCode, SEED_PAGE_INVOICE.invoiceCode);
	});

	it('rejects a file that is not an image before any call', async () => {
		sandbox.reset();
		const html = { data: Buffer.from('<!doctype html><html></html>'), fileName: 'login.html', mimeType: 'image/png' };
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data' }), {
			credentials: credentials(),
			inputs: { Input: [{ binary: { data: html } }] },
		});
		assert.match(
			result.error('CBT')?.message ?? '',
			/^Item 0, field 'Input Binary Field': file "login.html" is not a JPG, PNG or BMP image \(it is an HTML page\)/,
		);
		assert.equal(sandbox.ledger.entries.length, 0);
	});

	it('uses a path set under Options', async () => {
		sandbox.reset();
		const result = await runWorkflow(
			singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data', options: { path: '/apis/tt/gw/ocr/v2/invoice' } }),
			{ credentials: credentials(), inputs: { Input: [invoiceItem(1)] } },
		);
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.unknownEndpoint}\\b`));
		assert.equal(sandbox.ledger.entries[0].path, '/apis/tt/gw/ocr/v2/invoice');
	});

	it('a wrong secret fails with the signature error, and the secret appears in no output or error', async () => {
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data' }), {
			credentials: { cbtApi: credentialFor(sandbox, { appKey: 'k1', appSecret: `${MARKER}-wrong` }) },
			inputs: { Input: [invoiceItem(1)] },
		});
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.badSignature} \\(Signature mismatch\\)`));
		const everything = JSON.stringify(result.run, (_key, value: unknown) =>
			value instanceof Error ? { ...value, message: value.message, stack: value.stack, description: (value as { description?: string }).description } : value,
		);
		assert.ok(!everything.includes(MARKER), 'the App Secret leaked into the run data');
	});
});

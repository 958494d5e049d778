/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { invoiceTypeOf, simplify } from '../nodes/CbtOcr/simplify';
import { DIGITAL_INVOICE, SEED_INVOICE, SPECIAL_INVOICE } from '../sandbox/fixtures/ocr';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow, type HarnessItem } from './harness/harness';
import { sampleImage } from './support/ocrSamples';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * The simplified invoice's file name (to trace a row back to its image) and invoice type (专票 / 普票 /
 * 全电, which decides whether the input VAT can be deducted).
 */

const NOW = new Date('2026-01-15T00:00:00Z');
const one = (raw: IDataObject, fileName?: string) => simplify('invoice', raw, 'omit', NOW, fileName === undefined ? {} : { fileName })[0];

describe('invoice type', () => {
	it('is read from the answer’s type text: a stable identifier, and the text as the gateway wrote it', () => {
		const cases: Array<[string, string]> = [
			['增值税专用发票', 'special'],
			['增值税电子专用发票', 'special'],
			['专票', 'special'],
			['广东增值税专用发票', 'special'],
			['增值税普通发票', 'ordinary'],
			['增值税电子普通发票', 'ordinary'],
			['增值税普通发票(卷票)', 'ordinary'],
			['普票', 'ordinary'],
			['电子发票（增值税专用发票）', 'fullyDigital'],
			['电子发票(普通发票)', 'fullyDigital'],
			['全电发票', 'fullyDigital'],
			['数电票', 'fullyDigital'],
			['机动车销售统一发票', 'other'],
		];
		for (const [text, type] of cases) {
			assert.equal(invoiceTypeOf(text), type, text);
			const invoice = one({ ...SPECIAL_INVOICE, invoiceType: text });
			assert.deepEqual([invoice.invoiceType, invoice.invoiceTypeName], [type, text], text);
		}
	});

	it('takes the type from any of the keys comparable APIs use, and does not repeat it under otherFields', () => {
		for (const key of ['invoiceType', 'invoice_type', 'invoiceTypeName', 'type']) {
			const invoice = one({ ...SPECIAL_INVOICE, [key]: '  增值税专用发票 ' });
			assert.equal(invoice.invoiceType, 'special', key);
			assert.equal(invoice.invoiceTypeName, '增值税专用发票', key);
			assert.equal(invoice.otherFields, undefined, key);
		}
	});

	it('without a type in the answer: fully digital from its numbering (20 digits, no code), else null, never a guess', () => {
		assert.deepEqual(pick(one(DIGITAL_INVOICE)), { invoiceType: 'fullyDigital', invoiceTypeName: '全电发票' });
		// A 10-digit code and an 8-digit number: special or ordinary, which the numbering does not say.
		assert.deepEqual(pick(one(SPECIAL_INVOICE)), { invoiceType: null, invoiceTypeName: null });
		assert.deepEqual(pick(one(SEED_INVOICE)), { invoiceType: null, invoiceTypeName: null });
		// 20 digits with a code is not the fully digital numbering.
		assert.deepEqual(pick(one({ ...DIGITAL_INVOICE, invoiceCode: '044002300111' })), { invoiceType: null, invoiceTypeName: null });
		// The answer's own type wins over the numbering.
		assert.equal(one({ ...DIGITAL_INVOICE, invoiceType: '增值税普通发票' }).invoiceType, 'ordinary');
	});

	it('sits after the invoice date, and every line-item row carries it', () => {
		const keys = Object.keys(one(SPECIAL_INVOICE));
		assert.deepEqual(keys.slice(0, 5), ['invoiceCode', 'invoiceNumber', 'invoiceDate', 'invoiceType', 'invoiceTypeName']);
		const rows = simplify('invoice', { ...SPECIAL_INVOICE, invoiceType: '增值税专用发票' }, 'split', NOW, { fileName: 'a.png' });
		assert.equal(rows.length, SPECIAL_INVOICE.itemName.length);
		for (const row of rows) assert.deepEqual([row.fileName, row.invoiceType, row.invoiceTypeName], ['a.png', 'special', '增值税专用发票']);
	});
});

function pick(invoice: IDataObject) {
	return { invoiceType: invoice.invoiceType, invoiceTypeName: invoice.invoiceTypeName };
}

describe('invoice file name, through the node', () => {
	let sandbox: Sandbox;
	let files: Server;
	let filesUrl = '';
	const digital = sampleImage('invoice', (data) => data.invoiceNo === DIGITAL_INVOICE.invoiceNo);
	const special = sampleImage('invoice', (data) => data.invoiceNo === SPECIAL_INVOICE.invoiceNo);

	before(async () => {
		sandbox = await startSandbox();
		files = createServer((request, response) => {
			const path = decodeURIComponent(new URL(request.url ?? '/', 'http://files').pathname);
			const body = path.includes('digital') ? digital : special;
			response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length });
			response.end(body);
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
	});
	after(async () => {
		await new Promise<void>((resolve) => files.close(() => resolve()));
		await sandbox.close();
	});

	async function run(parameters: INodeParameters, items: HarnessItem[]) {
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', { operation: 'invoice', ...parameters }), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: items },
		});
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		return result.output('CBT').map((item) => item.json);
	}

	it('from a binary field: the file’s name, first in the row', async () => {
		const items = [
			{ json: {}, binary: { scan: { data: digital, fileName: '2024-03 发票 全电.png', mimeType: 'image/png' } } },
			{ json: {}, binary: { scan: { data: special, fileName: 'special.png', mimeType: 'image/png' } } },
		];
		const rows = await run({ binaryPropertyName: 'scan', lineItems: 'omit' }, items);
		assert.deepEqual(
			rows.map((row) => [Object.keys(row)[0], row.fileName, row.invoiceType, row.invoiceTypeName]),
			[
				['fileName', '2024-03 发票 全电.png', 'fullyDigital', '全电发票'],
				['fileName', 'special.png', null, null],
			],
		);
	});

	it('from a URL: the last segment of its path, decoded, without the query', async () => {
		const rows = await run({ imageSource: 'url', imageUrl: '={{ $json.url }}', lineItems: 'omit' }, [
			{ json: { url: `${filesUrl}/inbox/2024/%E5%8F%91%E7%A5%A8-digital.png?token=secret` } },
			{ json: { url: `${filesUrl}/special.png` } },
		]);
		assert.deepEqual(
			rows.map((row) => [row.fileName, row.invoiceNumber]),
			[
				['发票-digital.png', DIGITAL_INVOICE.invoiceNo],
				['special.png', SPECIAL_INVOICE.invoiceNo],
			],
		);
		assert.ok(!JSON.stringify(rows).includes('secret'), 'the query (often a token) is not in the output');
	});

	it('from base64 text: no file name at all', async () => {
		const rows = await run({ imageSource: 'base64', imageBase64: '={{ $json.image }}', lineItems: 'omit' }, [{ json: { image: digital.toString('base64') } }]);
		assert.equal('fileName' in rows[0], false);
		assert.equal(rows[0].invoiceType, 'fullyDigital');
	});

	it('one item per line item: every row carries the file name and type; raw output has neither', async () => {
		const items = [{ json: {}, binary: { data: { data: special, fileName: 'lines.png', mimeType: 'image/png' } } }];
		const rows = await run({ lineItems: 'split' }, items);
		assert.equal(rows.length, SPECIAL_INVOICE.itemName.length);
		for (const row of rows) assert.deepEqual([row.fileName, row.lineNumber !== undefined, 'invoiceType' in row], ['lines.png', true, true]);
		const raw = await run({ outputFormat: 'raw' }, items);
		assert.deepEqual(raw[0], SPECIAL_INVOICE);
	});
});

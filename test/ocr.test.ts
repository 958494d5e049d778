/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OCR_ENDPOINTS } from '../nodes/shared/catalog';
import { CODE } from '../nodes/shared/transport/codes';
import { DIGITAL_INVOICE, GENERAL_INVOICE, SPECIAL_INVOICE } from '../sandbox/fixtures/ocr';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { loadPackage, runWorkflow, type HarnessItem } from './harness/harness';
import { DOCUMENT_PNG_BASE64, OPERATIONS, SEED_PAGE_INVOICE } from './operations/expectations';
import { makePng, makePngOfSize } from './support/images';
import {
	binaryItem,
	blankPng,
	exampleFileItems,
	loadExample,
	ocrPartOfExample,
	sampleImage,
} from './support/ocrSamples';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

const NOT_SENT = /Nothing was sent to the gateway/;
const CONTINUE = { onError: 'continueRegularOutput' } as const;

/**
 * The simplified columns per operation, in order: what the README promises a spreadsheet gets. An
 * invoice read from a file or a URL starts with the image's `fileName` (FILE_COLUMN), one from base64 text has none.
 */
const FILE_COLUMN = 'fileName';
const COLUMNS: Record<string, string[]> = {
	invoice: [
		'invoiceCode', 'invoiceNumber', 'invoiceDate', 'invoiceType', 'invoiceTypeName', 'checkCode',
		'sellerName', 'sellerTaxId', 'sellerAddressPhone', 'sellerBankAccount',
		'buyerName', 'buyerTaxId', 'buyerAddressPhone', 'buyerBankAccount',
		'amountWithoutTax', 'taxAmount', 'totalAmount', 'payee', 'reviewer', 'issuer', 'remark', 'cipherText',
		'lineItemCount', 'lineItems', 'checks',
	],
	idCard: ['side', 'name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber', 'issuingAuthority', 'validFrom', 'validTo', 'validLongTerm'],
	bankCard: ['cardNumber', 'bankName', 'cardType', 'cardKind', 'validThru'],
	businessLicense: [
		'creditCode', 'companyName', 'companyType', 'legalRepresentative',
		'registeredCapital', 'registeredCapitalAmount', 'registeredCapitalCurrency',
		'establishDate', 'validFrom', 'validTo', 'validLongTerm', 'address', 'businessScope',
	],
};
const LINE_COLUMNS = ['itemName', 'model', 'unit', 'quantity', 'unitPrice', 'amount', 'taxRate', 'taxAmount'];
const KEY_COLUMNS = ['invoiceCode', 'invoiceNumber', 'invoiceDate', 'invoiceType', 'invoiceTypeName', 'sellerName', 'sellerTaxId', 'buyerName', 'buyerTaxId'];

/** Serves images (and not-images) to the URL source, on loopback. */
class FileServer {
	private server!: Server;
	readonly files = new Map<string, { body: Buffer; type: string }>();
	url = '';

	async start() {
		this.server = createServer((request, response) => {
			const path = new URL(request.url ?? '/', 'http://files').pathname;
			const file = this.files.get(path);
			if (!file) {
				response.writeHead(404, { 'Content-Type': 'text/html' });
				response.end('<html><body>Not Found</body></html>');
				return;
			}
			response.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length });
			response.end(file.body);
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	serve(path: string, body: Buffer, type = 'image/png'): string {
		this.files.set(path, { body, type });
		return `${this.url}${path}`;
	}

	close() {
		return new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

type Source = 'binary' | 'url' | 'base64';
const SOURCES: Source[] = ['binary', 'url', 'base64'];

/** Base64 as it arrives from forms and APIs: with a data: URL prefix, wrapped at 76 characters. */
function dataUrl(bytes: Buffer, type = 'image/png'): string {
	return `data:${type};base64,${bytes.toString('base64').replace(/.{76}/g, '$&\n')}`;
}

describe('CBT OCR node', () => {
	let sandbox: Sandbox;
	const files = new FileServer();
	before(async () => {
		sandbox = await startSandbox();
		await files.start();
	});
	after(async () => {
		await sandbox.close();
		await files.close();
	});

	/** The parameters and input items that give `images` to the node through `source`. */
	function via(source: Source, images: Array<{ bytes: Buffer; name: string }>): { parameters: INodeParameters; items: HarnessItem[] } {
		switch (source) {
			case 'binary':
				return { parameters: { imageSource: 'binary', binaryPropertyName: 'data' }, items: images.map((image) => binaryItem(image.bytes, image.name)) };
			case 'url':
				return {
					parameters: { imageSource: 'url', imageUrl: '={{ $json.url }}' },
					items: images.map((image) => ({ json: { url: files.serve(`/${image.name}`, image.bytes) } })),
				};
			case 'base64':
				return { parameters: { imageSource: 'base64', imageBase64: '={{ $json.image }}' }, items: images.map((image) => ({ json: { image: dataUrl(image.bytes) } })) };
		}
	}

	async function run(parameters: INodeParameters, items: HarnessItem[], settings = {}) {
		const result = await runWorkflow(singleNodeWorkflow('cbtOcr', parameters, settings), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: items },
		});
		return { result, output: result.output('CBT'), error: result.error('CBT') };
	}

	async function ocr(operation: string, source: Source, image: Buffer, extra: INodeParameters = {}, name = `${operation}.png`) {
		const { parameters, items } = via(source, [{ bytes: image, name }]);
		return await run({ operation, ...parameters, ...extra }, items);
	}

	describe('every operation from every image source', () => {
		// The expected request and output are test/operations/expectations.ts's row for the operation
		// (the 16 px scan gets each operation's first sample; the invoice's is the seed page's example).
		const scan = Buffer.from(DOCUMENT_PNG_BASE64, 'base64');
		for (const endpoint of OCR_ENDPOINTS) {
			const row = OPERATIONS.find((candidate) => candidate.node === 'cbtOcr' && candidate.operation === endpoint.operation);
			for (const source of SOURCES) {
				it(`${endpoint.name} from ${source}: raw is the gateway's data, simplified has the documented columns`, async () => {
					assert.ok(row?.raw, `no row with a raw answer for ${endpoint.operation} in test/operations/expectations.ts`);
					const options = row.parameters.options === undefined ? {} : { options: row.parameters.options };
					sandbox.reset();
					const raw = await ocr(endpoint.operation, source, scan, { outputFormat: 'raw', ...options });
					assert.equal(raw.error, undefined, raw.error?.message);
					assert.deepEqual(raw.output[0].json, row.raw);

					const simple = await ocr(endpoint.operation, source, scan, options);
					assert.equal(simple.output.length, 1);
					const named = endpoint.operation === 'invoice' && source !== 'base64';
					assert.deepEqual(Object.keys(simple.output[0].json), [...(named ? [FILE_COLUMN] : []), ...COLUMNS[endpoint.operation]]);
					if (named) assert.equal(simple.output[0].json[FILE_COLUMN], `${endpoint.operation}.png`);
					for (const [field, value] of Object.entries(row.output.values)) {
						if (field !== FILE_COLUMN) assert.deepEqual(simple.output[0].json[field], value, field);
					}
					assert.deepEqual(simple.output[0].pairedItem, { item: 0 });
					if (source === 'binary') assert.equal(simple.output[0].binary?.data.fileName, `${endpoint.operation}.png`, 'the file is passed through');
					else assert.equal(simple.output[0].binary, undefined);

					assert.deepEqual(
						sandbox.ledger.entries.map((entry) => [entry.method, entry.path, entry.keys, entry.billed]),
						[0, 1].map(() => [row.request.method, row.request.path, row.request.keys, true]),
					);
				});
			}
		}
	});

	describe('simplified output', () => {
		it('the seed page invoice: seller and buyer named, amounts as numbers, ISO date, rates as fractions, empty as null', async () => {
			const { output } = await ocr('invoice', 'binary', sampleImage('invoice', (data) => data.invoiceCode === SEED_PAGE_INVOICE.invoiceCode));
			assert.deepEqual(output[0].json, {
				fileName: 'invoice.png',
				invoiceCode: '5106532891',
				invoiceNumber: null,
				invoiceDate: '2018-07-20',
				// The page's answer names no type, and an invoice with a code is not fully digital: unknown, not guessed.
				invoiceType: null,
				invoiceTypeName: null,
				checkCode: null,
				sellerName: '成都送达套品有限公司',
				sellerTaxId: null,
				sellerAddressPhone: '都市青学区苏北路16号 009-87317576',
				sellerBankAccount: '中国工具管行散会有限公司苏暖宝行4642589351022013654',
				buyerName: '成都惠底连限有限公司',
				buyerTaxId: null,
				buyerAddressPhone: '都金锦江区大业路78号029-06113977',
				buyerBankAccount: '中国工商行金有限公司正表宝行6682528591778654000',
				amountWithoutTax: 150000,
				taxAmount: 23154,
				totalAmount: 174000,
				payee: null,
				reviewer: null,
				issuer: '曹玉',
				remark: null,
				cipherText: '88++>0402/8*98-1>20>15*3/95',
				lineItemCount: 2,
				lineItems: [
					{ itemName: null, model: null, unit: null, quantity: null, unitPrice: null, amount: null, taxRate: null, taxAmount: -846 },
					{ itemName: '达达牌面包', model: null, unit: '箱', quantity: 1000, unitPrice: 150, amount: 150000, taxRate: 0.16, taxAmount: 24000 },
				],
				// 150000 + 23154 is not 174000; the taxes add up (-846 + 24000) but the first line's amount is unread.
				checks: { amountsAddUp: false, lineItemsAddUp: null, dateNotInFuture: true, buyerTaxIdValid: null },
			});
		});

		it('a fully digital (全电) invoice: 20-digit number and no invoice code', async () => {
			const { output } = await ocr('invoice', 'base64', sampleImage('invoice', (data) => data.invoiceNo === DIGITAL_INVOICE.invoiceNo));
			const invoice = output[0].json;
			assert.equal(invoice.invoiceCode, null);
			assert.match(String(invoice.invoiceNumber), /^\d{20}$/);
			assert.equal(invoice.invoiceDate, '2024-03-15');
			assert.equal(invoice.cipherText, null);
			assert.equal(invoice.sellerTaxId, '91441900MA4W8H5P34');
			assert.deepEqual([invoice.amountWithoutTax, invoice.taxAmount, invoice.totalAmount], [9174.31, 825.69, 10000]);
			assert.deepEqual(invoice.lineItems, [
				{ itemName: '*运输服务*国内道路货物运输服务', model: null, unit: '次', quantity: 1, unitPrice: 9174.311927, amount: 9174.31, taxRate: 0.09, taxAmount: 825.69 },
			]);
		});

		it('a photographed invoice: ¥ and thousands separators, full-width digits, masked and exempt cells', async () => {
			const { output } = await ocr('invoice', 'url', sampleImage('invoice', (data) => data.invoiceNo === GENERAL_INVOICE.invoiceNo));
			const invoice = output[0].json;
			assert.deepEqual([invoice.amountWithoutTax, invoice.taxAmount, invoice.totalAmount], [1000, 92.04, 1092.04]);
			assert.equal(invoice.invoiceDate, '2023-09-05');
			assert.equal(invoice.invoiceCode, '044002300111');
			assert.equal(invoice.checkCode, '59213047813662590418');
			assert.equal(invoice.buyerAddressPhone, null);
			assert.deepEqual((invoice.lineItems as Array<Record<string, unknown>>)[2], {
				itemName: '*图书*企业会计实务', model: null, unit: '本', quantity: null, unitPrice: null, amount: 292.04, taxRate: null, taxAmount: null,
			});
		});

		it('line items add up to the invoice totals on the special VAT invoice', async () => {
			const { output } = await ocr('invoice', 'binary', sampleImage('invoice', (data) => data.invoiceNo === SPECIAL_INVOICE.invoiceNo));
			const invoice = output[0].json;
			const lines = invoice.lineItems as Array<{ amount: number; taxAmount: number; taxRate: number }>;
			const sum = (key: 'amount' | 'taxAmount') => Math.round(lines.reduce((total, line) => total + line[key], 0) * 100) / 100;
			assert.equal(sum('amount'), invoice.amountWithoutTax);
			assert.equal(sum('taxAmount'), invoice.taxAmount);
			assert.deepEqual(lines.map((line) => line.taxRate), [0.13, 0.13]);
			assert.deepEqual([invoice.payee, invoice.reviewer, invoice.issuer], ['李娜', '王强', '陈晓']);
		});

		it('ID card front and back, the side sent only when chosen', async () => {
			const path = OCR_ENDPOINTS.find((endpoint) => endpoint.operation === 'idCard')!.path;
			const fingerprint = (body: Record<string, unknown>) =>
				createHash('sha256').update(`POST ${path}\n${JSON.stringify(body)}`).digest('hex').slice(0, 16);

			const front = sampleImage('idCard', (data) => data.idNumber === '110101199003074477', { side: 'front' });
			sandbox.reset();
			const withSide = await ocr('idCard', 'binary', front, { options: { idCardSide: 'front' } });
			assert.deepEqual(withSide.output[0].json, {
				side: 'front',
				name: '王小明',
				sex: '男',
				ethnicity: '汉',
				birthDate: '1990-03-07',
				address: '北京市东城区景山前街4号',
				idNumber: '110101199003074477',
				issuingAuthority: null,
				validFrom: null,
				validTo: null,
				validLongTerm: false,
			});
			assert.equal(sandbox.ledger.entries[0].fingerprint, fingerprint({ image: front.toString('base64'), side: 'front' }));

			const back = sampleImage('idCard', (data) => String(data.validPeriod).endsWith('长期'), { side: 'back' });
			const backSide = await ocr('idCard', 'url', back, { options: { idCardSide: 'back' } });
			assert.deepEqual(backSide.output[0].json, {
				side: 'back',
				name: null,
				sex: null,
				ethnicity: null,
				birthDate: null,
				address: null,
				idNumber: null,
				issuingAuthority: '乌鲁木齐市公安局天山分局',
				validFrom: '2015-04-20',
				validTo: null,
				validLongTerm: true,
			});

			sandbox.reset();
			const noSide = await ocr('idCard', 'binary', front);
			assert.equal(noSide.error, undefined);
			assert.equal(sandbox.ledger.entries[0].fingerprint, fingerprint({ image: front.toString('base64') }), 'no side key in the body');
		});

		it('bank card: digits only, kind of card in English, expiry as a month', async () => {
			const { output } = await ocr('bankCard', 'base64', sampleImage('bankCard', (data) => data.bankName === '招商银行'));
			assert.deepEqual(output[0].json, {
				cardNumber: '4392258812345678',
				bankName: '招商银行',
				cardType: '贷记卡',
				cardKind: 'credit',
				validThru: '2027-08',
			});
		});

		it('business license: credit code, capital as amount and currency, validity period', async () => {
			const { output } = await ocr('businessLicense', 'binary', sampleImage('businessLicense', (data) => data.registeredCapital === '100万美元'));
			assert.deepEqual(output[0].json, {
				creditCode: '91441900MA4W8H5P34',
				companyName: '东莞市云帆物流有限公司',
				companyType: '有限责任公司(台港澳法人独资)',
				legalRepresentative: '林国栋',
				registeredCapital: '100万美元',
				registeredCapitalAmount: 1_000_000,
				registeredCapitalCurrency: 'USD',
				establishDate: '2016-09-01',
				validFrom: '2016-09-01',
				validTo: '2046-08-31',
				validLongTerm: false,
				address: '广东省东莞市长安镇长青南路168号',
				businessScope: '道路普通货物运输；仓储服务（不含危险化学品）；货运代理。',
			});
		});
	});

	describe('invoice line items', () => {
		const seed = () => sampleImage('invoice', (data) => data.invoiceCode === SEED_PAGE_INVOICE.invoiceCode);
		const general = () => sampleImage('invoice', (data) => data.invoiceNo === GENERAL_INVOICE.invoiceNo);
		const digital = () => sampleImage('invoice', (data) => data.invoiceNo === DIGITAL_INVOICE.invoiceNo);

		it('one item per line item, with the invoice key fields repeated and pairedItem on the invoice', async () => {
			const images = [
				{ bytes: seed(), name: 'a.png' },
				{ bytes: general(), name: 'b.png' },
				{ bytes: digital(), name: 'c.png' },
			];
			sandbox.reset();
			const { parameters, items } = via('binary', images);
			const { output } = await run({ operation: 'invoice', ...parameters, lineItems: 'split', options: { includeMetadata: true } }, items);
			const counts = [SEED_PAGE_INVOICE, GENERAL_INVOICE, DIGITAL_INVOICE].map((invoice) => invoice.itemName.length);
			assert.equal(output.length, counts[0] + counts[1] + counts[2]);
			assert.deepEqual(
				output.map((item) => item.pairedItem),
				counts.flatMap((count, index) => Array.from({ length: count }, () => ({ item: index }))),
			);
			for (const item of output) {
				assert.deepEqual(Object.keys(item.json), [FILE_COLUMN, ...KEY_COLUMNS, 'lineNumber', ...LINE_COLUMNS, 'checks', '_cbt']);
			}
			const general0 = output[counts[0]];
			assert.deepEqual(general0.json.invoiceNumber, '62815309');
			assert.deepEqual([general0.json.lineNumber, general0.json.itemName, general0.json.taxRate], [1, '*文具*中性笔', 0.13]);
			assert.deepEqual(output.map((item) => item.json.lineNumber), counts.flatMap((count) => Array.from({ length: count }, (_, i) => i + 1)));
			assert.equal(output.at(-1)?.json.invoiceNumber, DIGITAL_INVOICE.invoiceNo);
			assert.equal(output.at(-1)?.binary?.data.fileName, 'c.png', "each line carries its invoice's file");
			assert.equal(sandbox.ledger.entries.length, 3, 'one call per invoice, not per line');
		});

		it('"Leave Out" gives one row per invoice with only the line count', async () => {
			const { output } = await ocr('invoice', 'binary', general(), { lineItems: 'omit' });
			assert.equal(output[0].json.lineItemCount, 3);
			assert.equal('lineItems' in output[0].json, false);
		});

		it('line items are not split in raw output', async () => {
			const { output } = await ocr('invoice', 'binary', general(), { lineItems: 'split', outputFormat: 'raw' });
			assert.equal(output.length, 1);
			assert.deepEqual(output[0].json, GENERAL_INVOICE);
		});
	});

	describe('bad images fail before any call', () => {
		const html = Buffer.from('<!DOCTYPE html><html><head><title>Sign in</title></head><body></body></html>');
		const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

		async function expectRejected(parameters: INodeParameters, items: HarnessItem[], message: RegExp) {
			sandbox.reset();
			const { error } = await run(parameters, items);
			assert.ok(error, 'the node failed');
			assert.match(error.message, message);
			assert.match(error.description ?? '', NOT_SENT);
			assert.equal(sandbox.ledger.entries.length, 0, 'nothing reached the gateway');
		}

		const LABEL: Record<Source, (name: string) => string> = {
			binary: (name) => `field 'Input Binary Field': file "${name}"`,
			url: (name) => `field 'Image URL': the image at "http://127\\.0\\.0\\.1:\\d+/${name}"`,
			base64: () => `field 'Image \\(Base64\\)': the base64 text`,
		};

		for (const source of SOURCES) {
			it(`oversize from ${source}`, async () => {
				const { parameters, items } = via(source, [{ bytes: makePngOfSize(4.3 * 1024 * 1024), name: 'big-scan.png' }]);
				await expectRejected(
					{ operation: 'invoice', ...parameters },
					items,
					new RegExp(`^Item 0, ${LABEL[source]('big-scan.png')} is 4\\.\\d MB, over the 4\\.0 MB limit; shrink the image or raise Max Image Size under Options`),
				);
			});

			it(`an HTML page from ${source}`, async () => {
				const { parameters, items } = via(source, [{ bytes: html, name: 'login.html' }]);
				await expectRejected(
					{ operation: 'bankCard', ...parameters },
					items,
					new RegExp(`^Item 0, ${LABEL[source]('login.html')} is not a JPG, PNG or BMP image \\(it is an HTML page\\)`),
				);
			});

			it(`a PDF from ${source} without Allow PDF`, async () => {
				const { parameters, items } = via(source, [{ bytes: pdf, name: 'scan.pdf' }]);
				await expectRejected(
					{ operation: 'invoice', ...parameters },
					items,
					new RegExp(`^Item 0, ${LABEL[source]('scan.pdf')} is not a JPG, PNG or BMP image \\(it is a PDF\\)`),
				);
			});
		}

		it('an empty (0 byte) file, download and text', async () => {
			await expectRejected(
				{ operation: 'invoice', imageSource: 'binary', binaryPropertyName: 'data' },
				[binaryItem(Buffer.alloc(0), 'empty.png')],
				/^Item 0, field 'Input Binary Field': file "empty.png" is empty \(0 bytes\); check the node that produced it/,
			);
			await expectRejected(
				{ operation: 'invoice', imageSource: 'url', imageUrl: files.serve('/empty.png', Buffer.alloc(0)) },
				[{ json: {} }],
				/^Item 0, field 'Image URL': the image at "http:\/\/127\.0\.0\.1:\d+\/empty\.png" is empty \(0 bytes\)/,
			);
			await expectRejected(
				{ operation: 'invoice', imageSource: 'base64', imageBase64: '={{ $json.image }}' },
				[{ json: { image: 'data:image/png;base64,' } }],
				/^Item 0, field 'Image \(Base64\)': the base64 text is empty/,
			);
		});

		it('undecodable base64', async () => {
			const base64 = (image: string): [INodeParameters, HarnessItem[]] => [
				{ operation: 'idCard', imageSource: 'base64', imageBase64: '={{ $json.image }}' },
				[{ json: { image } }],
			];
			await expectRejected(
				...base64('iVBORw0KGgo=!!not-base64'),
				/^Item 0, field 'Image \(Base64\)': the base64 text is not base64 \(it has "!" at position 13\)/,
			);
			await expectRejected(...base64('iVBORw0KG'), /^Item 0, field 'Image \(Base64\)': the base64 text is not complete base64/);
			await expectRejected(...base64('data:image/png,%89PNG'), /the base64 text is a data: URL that is not base64-encoded/);
		});

		it('a download that fails names the URL without its query and says nothing was sent', async () => {
			await expectRejected(
				{ operation: 'invoice', imageSource: 'url', imageUrl: `${files.url}/missing.png?token=s3cr3t-token` },
				[{ json: {} }],
				/^Item 0, field 'Image URL': could not download the image at "http:\/\/127\.0\.0\.1:\d+\/missing\.png\?…": the server answered HTTP 404/,
			);
			const { error } = await run({ operation: 'invoice', imageSource: 'url', imageUrl: `${files.url}/missing.png?token=s3cr3t-token` }, [{ json: {} }]);
			assert.ok(!JSON.stringify({ message: error?.message, description: error?.description }).includes('s3cr3t'));
			await expectRejected(
				{ operation: 'invoice', imageSource: 'url', imageUrl: 'http://127.0.0.1:1/invoice.png' },
				[{ json: {} }],
				/^Item 0, field 'Image URL': could not download the image at "http:\/\/127\.0\.0\.1:1\/invoice\.png": the server refused the connection/,
			);
			await expectRejected({ operation: 'invoice', imageSource: 'url', imageUrl: 'ftp://example.com/a.png' }, [{ json: {} }], /only http and https/);
		});

		it('a missing binary field', async () => {
			await expectRejected(
				{ operation: 'invoice', imageSource: 'binary', binaryPropertyName: 'attachment' },
				[binaryItem(makePng(32, 32), 'invoice.png')],
				/^Item 0: there is no binary field "attachment" \(it has "data"\)/,
			);
		});

		it('a bad image in the last item stops the run before the first call', async () => {
			const good = sampleImage('invoice', () => true);
			await expectRejected(
				{ operation: 'invoice', imageSource: 'base64', imageBase64: '={{ $json.image }}' },
				[{ json: { image: dataUrl(good) } }, { json: { image: dataUrl(good) } }, { json: { image: dataUrl(html) } }],
				/^Item 2, field 'Image \(Base64\)': the base64 text is not a JPG, PNG or BMP image \(it is an HTML page\)/,
			);
			await expectRejected(
				{ operation: 'invoice', imageSource: 'url', imageUrl: '={{ $json.url }}' },
				[{ json: { url: files.serve('/good.png', good) } }, { json: { url: 'invoice.png' } }],
				/^Item 1, field 'Image URL': "invoice\.png" is not a URL/,
			);
		});

		it('under "continue on fail" bad images become error items and the good ones are read', async () => {
			const good = sampleImage('invoice', (data) => data.invoiceCode === SEED_PAGE_INVOICE.invoiceCode);
			sandbox.reset();
			const { output } = await run(
				{ operation: 'invoice', imageSource: 'binary', binaryPropertyName: 'data' },
				[
					binaryItem(html, 'login.html'),
					binaryItem(good, 'good.png'),
					binaryItem(Buffer.alloc(0), 'empty.png'),
					binaryItem(makePngOfSize(4.3 * 1024 * 1024), 'big.png'),
					binaryItem(pdf, 'scan.pdf'),
				],
				CONTINUE,
			);
			assert.equal(output.length, 5);
			assert.deepEqual(output.map((item) => item.pairedItem), [0, 1, 2, 3, 4].map((item) => ({ item })));
			const errors = output.map((item: INodeExecutionData) => item.json.error as string | undefined);
			assert.match(errors[0] ?? '', /^Item 0, .*"login\.html" is not a JPG/);
			assert.equal(errors[1], undefined);
			assert.equal(output[1].json.invoiceCode, SEED_PAGE_INVOICE.invoiceCode);
			assert.match(errors[2] ?? '', /^Item 2, .*"empty\.png" is empty/);
			assert.match(errors[3] ?? '', /^Item 3, .*"big\.png" is 4\.\d MB/);
			assert.match(errors[4] ?? '', /^Item 4, .*"scan\.pdf" is not a JPG, PNG or BMP image \(it is a PDF\)/);
			assert.match(String(output[0].json.errorDetails), NOT_SENT);
			assert.equal(sandbox.ledger.entries.length, 1, 'only the good image was sent');
		});

		it('under "continue on fail" with base64 and URL sources too', async () => {
			// The 16 px scan gets the sandbox's first bank card sample (test/operations/expectations.ts).
			const good = Buffer.from(DOCUMENT_PNG_BASE64, 'base64');
			sandbox.reset();
			const base64 = await run(
				{ operation: 'bankCard', imageSource: 'base64', imageBase64: '={{ $json.image }}' },
				[{ json: { image: 'not base64!' } }, { json: { image: dataUrl(good) } }],
				CONTINUE,
			);
			assert.match(String(base64.output[0].json.error), /^Item 0, field 'Image \(Base64\)': the base64 text is not base64/);
			assert.equal(base64.output[1].json.cardNumber, '6222020200112233446');
			const url = await run(
				{ operation: 'bankCard', imageSource: 'url', imageUrl: '={{ $json.url }}' },
				[{ json: { url: `${files.url}/nowhere.png` } }, { json: { url: files.serve('/card.png', good) } }],
				CONTINUE,
			);
			assert.match(String(url.output[0].json.error), /^Item 0, field 'Image URL': could not download/);
			assert.equal(url.output[1].json.bankName, '中国工商银行');
			assert.equal(sandbox.ledger.entries.length, 2);
		});
	});

	describe('options', () => {
		it('a larger Max Image Size lets a large image through', async () => {
			const big = makePngOfSize(4.3 * 1024 * 1024);
			sandbox.reset();
			const { error, output } = await ocr('businessLicense', 'binary', big, { options: { maxImageSizeMb: 8 } });
			assert.equal(error, undefined, error?.message);
			assert.equal(output.length, 1);
			assert.equal(sandbox.ledger.entries.length, 1);
		});

		it('Allow PDF sends a PDF invoice, and applies to invoices only', async () => {
			const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
			sandbox.reset();
			const invoice = await ocr('invoice', 'binary', pdf, { options: { allowPdf: true } }, 'invoice.pdf');
			assert.equal(invoice.error, undefined, invoice.error?.message);
			assert.equal(sandbox.ledger.entries.length, 1);
			sandbox.reset();
			const idCard = await ocr('idCard', 'binary', pdf, { options: { allowPdf: true } }, 'id.pdf');
			assert.match(idCard.error?.message ?? '', /file "id\.pdf" is not a JPG, PNG or BMP image \(it is a PDF\)/);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('stub images under 32 px get the first sample (the seed page invoice), so other tests can rely on it', async () => {
			const { output } = await ocr('invoice', 'binary', makePng(16, 16, 5), { outputFormat: 'raw' });
			assert.deepEqual(output[0].json, SEED_PAGE_INVOICE);
		});

		it('a blank image gets the gateway\'s "no data" answer, and says whether it was billed', async () => {
			sandbox.reset();
			const { output } = await ocr('invoice', 'binary', blankPng());
			assert.deepEqual(output.map((item) => item.json), [
				{ found: false, code: CODE.noData, message: '查询无结果', billed: true, requestId: sandbox.ledger.entries[0].requestId },
			]);
			const { error } = await ocr('invoice', 'binary', blankPng(), { options: { onNoData: 'raiseError' } });
			assert.match(error?.message ?? '', new RegExp(`Gateway error ${CODE.noData}\\b`));
			assert.match(error?.description ?? '', /Billed: yes/);
		});
	});

	describe('examples/', () => {
		const EXAMPLES = [
			{ name: 'invoice-to-spreadsheet', read: 'Read Invoice Images', folder: 'invoices' },
			{ name: 'invoice-line-items', read: 'Read Invoice Images', folder: 'invoices' },
			{ name: 'id-card-check', read: 'Read ID Card Images', folder: 'id-cards' },
		];

		it('use parameters the node has, and the "CBT Sandbox" credential', async () => {
			const pkg = await loadPackage();
			const node = pkg.nodes.get('n8n-nodes-cbt.cbtOcr') as { description: { properties: Array<{ name: string; options?: Array<{ name: string }> }> } };
			const names = new Set(node.description.properties.map((property) => property.name));
			const optionNames = new Set(node.description.properties.find((property) => property.name === 'options')?.options?.map((option) => option.name));
			for (const example of EXAMPLES) {
				const workflow = loadExample(example.name);
				const ocrNodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-cbt.cbtOcr');
				assert.equal(ocrNodes.length, 1, example.name);
				for (const key of Object.keys(ocrNodes[0].parameters)) assert.ok(names.has(key), `${example.name}: unknown parameter ${key}`);
				for (const key of Object.keys(ocrNodes[0].parameters.options as object)) assert.ok(optionNames.has(key), `${example.name}: unknown option ${key}`);
				assert.deepEqual(ocrNodes[0].credentials, { cbtApi: { id: 'cbtSandboxCredential', name: 'CBT Sandbox' } });
				for (const [from, outputs] of Object.entries(workflow.connections)) {
					assert.ok(workflow.nodes.some((n) => n.name === from), `${example.name}: connection from unknown node ${from}`);
					for (const next of outputs.main.flat()) assert.ok(workflow.nodes.some((n) => n.name === next?.node), `${example.name}: to ${next?.node}`);
				}
			}
		});

		it('invoice-to-spreadsheet: each sample invoice gives its row', async () => {
			sandbox.reset();
			const workflow = ocrPartOfExample(loadExample('invoice-to-spreadsheet'), 'Read Invoice Images', 'CBT OCR');
			const result = await runWorkflow(workflow, { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { 'Read Invoice Images': exampleFileItems('invoices') } });
			const rows = result.output('CBT OCR');
			// The files are named after the sample the sandbox gives them (scripts/make-sample-images.ts).
			assert.deepEqual(
				rows.map((row) => [row.binary?.data.fileName, row.json.invoiceNumber ?? row.json.invoiceCode]),
				[
					['invoice-fully-digital.png', DIGITAL_INVOICE.invoiceNo],
					['invoice-general-photo.png', GENERAL_INVOICE.invoiceNo],
					['invoice-seed-page.png', SEED_PAGE_INVOICE.invoiceCode],
					['invoice-special-vat.png', SPECIAL_INVOICE.invoiceNo],
				],
			);
			assert.deepEqual(Object.keys(rows[0].json), [FILE_COLUMN, ...COLUMNS.invoice.filter((column) => column !== 'lineItems')]);
			assert.equal(sandbox.ledger.entries.length, 4);
		});

		it('invoice-line-items: one row per line', async () => {
			const workflow = ocrPartOfExample(loadExample('invoice-line-items'), 'Read Invoice Images', 'CBT OCR');
			const result = await runWorkflow(workflow, { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { 'Read Invoice Images': exampleFileItems('invoices') } });
			const lines = [DIGITAL_INVOICE, GENERAL_INVOICE, SEED_PAGE_INVOICE, SPECIAL_INVOICE].reduce((total, invoice) => total + invoice.itemName.length, 0);
			assert.equal(result.output('CBT OCR').length, lines);
		});

		it('id-card-check: the fronts are read', async () => {
			const workflow = ocrPartOfExample(loadExample('id-card-check'), 'Read ID Card Images', 'CBT OCR');
			const result = await runWorkflow(workflow, { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { 'Read ID Card Images': exampleFileItems('id-cards') } });
			assert.deepEqual(result.output('CBT OCR').map((row) => [row.json.side, row.json.idNumber]), [
				['front', '110101199003074477'],
				['front', '310115198511224321'],
			]);
		});
	});
});

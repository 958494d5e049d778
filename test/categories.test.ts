/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { CODE } from '../nodes/shared/transport/codes';
import { SANDBOX_SM4_IV, SANDBOX_SM4_KEY } from '../sandbox/fixtures/ga';
import { startSandbox, type Sandbox } from '../sandbox/server';
import type { HarnessItem } from './harness/harness';
import { runWorkflow } from './harness/harness';
import { SEED_PAGE_INVOICE } from './operations/expectations';
import { makePng } from './support/images';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * The identity, carrier, education, vehicle, tax report, marketing risk and gateway nodes through
 * n8n-core against the sandbox: items read through expressions, checks before any call, the SM
 * version of the two-factor check and Custom Request. What each operation sends and outputs is
 * test/operations/operations.test.ts, against expectations written by hand.
 */

/** Two people and the sandbox's answer to the name and ID check for each, written down from its answers. */
const PEOPLE = [
	{ name: '张三', id: '11010519491231002X', answer: { result: '2', desc: '不一致', verdict: 'mismatch' } },
	{ name: '王五', id: '110101199003074477', answer: { result: '1', desc: '一致', verdict: 'match' } },
];

describe('identity, carrier, education, vehicle, tax, marketing risk and gateway nodes through n8n-core', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const run = (node: string, parameters: INodeParameters, items: HarnessItem[], settings = {}) =>
		runWorkflow(singleNodeWorkflow(node, parameters, settings), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: items } });

	it('reads each item’s values through expressions: two people, two billed calls, each answer paired to its item', async () => {
		sandbox.reset();
		const result = await run(
			'cbtIdentity',
			{ operation: 'twoFactor', name: '={{ $json.name }}', idNumber: '={{ $json.id }}' },
			PEOPLE.map(({ name, id }) => ({ json: { name, id } })),
		);
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		assert.deepEqual(
			result.output('CBT').map((item) => [item.json, item.pairedItem]),
			PEOPLE.map((person, index) => [person.answer, { item: index }]),
		);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.path, entry.code, entry.billed]),
			PEOPLE.map(() => ['/apis/tt/gw/ga/v1/twofactor', CODE.ok, true]),
		);
	});

	it('CBT Identity & Risk starts on the name and ID check: a node saved without an operation runs it', async () => {
		sandbox.reset();
		// n8n leaves parameters at their default out of saved workflows, so this is what a fresh node sends.
		const result = await run('cbtIdentity', { name: '张三', idNumber: '11010519491231002X' }, [{ json: {} }]);
		assert.equal(result.error('CBT'), undefined);
		assert.deepEqual(sandbox.ledger.entries.map((entry) => entry.operation), ['GA.twoFactor']);
	});

	it('a bad ID number in item 2 of 3 stops the run before any call', async () => {
		sandbox.reset();
		const ids = ['11010519491231002X', '110105194912310021', '110101199003074477'];
		const result = await run(
			'cbtIdentity',
			{ operation: 'twoFactor', name: '张三', idNumber: '={{ $json.id }}' },
			ids.map((id) => ({ json: { id } })),
		);
		const error = result.error('CBT');
		assert.match(error?.message ?? '', /^Item 1, field 'ID Number': /);
		assert.match(error?.description ?? '', /not billed/);
		assert.equal(sandbox.ledger.entries.length, 0);
	});

	it('Portrait Check reads the face from the binary field and rejects a non-image before any call', async () => {
		sandbox.reset();
		const html = { data: Buffer.from('<!doctype html><html><body>login</body></html>'), fileName: 'login.html', mimeType: 'image/jpeg' };
		const result = await run('cbtIdentity', { operation: 'portrait', name: '张三', idNumber: '11010519491231002X', binaryPropertyName: 'photo' }, [
			{ json: {}, binary: { photo: html } },
		]);
		assert.match(
			result.error('CBT')?.message ?? '',
			/^Item 0, field 'Face Image Binary Field': .*login\.html.* is not a JPG, PNG or BMP image \(it is an HTML page\)/,
		);
		assert.equal(sandbox.ledger.entries.length, 0);

		const missing = await run('cbtIdentity', { operation: 'portrait', name: '张三', idNumber: '11010519491231002X', binaryPropertyName: 'photo' }, [
			{ json: {} },
		]);
		assert.match(missing.error('CBT')?.message ?? '', /photo/);
		assert.equal(sandbox.ledger.entries.length, 0);
	});
});

describe('CBT Identity › Name and ID Check (SM) end to end', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const runSm = (options: INodeParameters) =>
		runWorkflow(
			singleNodeWorkflow('cbtIdentity', { operation: 'twoFactorSm', name: '={{ $json.name }}', idNumber: '={{ $json.id }}', options }),
			{ credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: PEOPLE.map(({ name, id }) => ({ json: { name, id } })) } },
		);

	for (const options of [
		{ label: 'SM4-ECB, hex (the default)', values: { sm4KeyHex: SANDBOX_SM4_KEY } },
		{ label: 'SM4-CBC, base64', values: { sm4KeyHex: SANDBOX_SM4_KEY.toUpperCase(), sm4Mode: 'cbc', sm4IvHex: SANDBOX_SM4_IV, smEncoding: 'base64' } },
	]) {
		it(`with the right key (${options.label}) the gateway decrypts and answers as the plain check does`, async () => {
			sandbox.reset();
			const result = await runSm(options.values);
			assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
			const output = result.output('CBT');
			assert.deepEqual(
				output.map((item) => item.json),
				PEOPLE.map((person) => person.answer),
			);
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [
				['GA.twoFactorSm', true],
				['GA.twoFactorSm', true],
			]);
		});
	}

	it('SM3 digest mode sends digests, which the sandbox answers from', async () => {
		sandbox.reset();
		const result = await runSm({ smProtection: 'sm3' });
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		// Written down from the sandbox's answers to these two people's digests. Had the node sent the
		// names and numbers in clear, the sandbox could neither decrypt them nor read them as digests (an error).
		assert.deepEqual(
			result.output('CBT').map((item) => item.json),
			PEOPLE.map(() => ({ result: '1', desc: '一致', verdict: 'match' })),
		);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.keys, entry.code]),
			PEOPLE.map(() => [['id_card', 'name'], CODE.ok]),
		);
	});

	it(`with a wrong key the gateway cannot decrypt: a clear ${CODE.invalidParameter} error, unbilled, that does not show the key`, async () => {
		sandbox.reset();
		const wrongKey = 'ab'.repeat(16);
		const result = await runSm({ sm4KeyHex: wrongKey });
		const error = result.error('CBT');
		assert.match(error?.message ?? '', new RegExp(`^Item 0: Gateway error ${CODE.invalidParameter} \\(Invalid parameter\\): 参数 name/id_card 解密失败`));
		assert.match(error?.description ?? '', /Billed: no/);
		assert.ok(!`${error?.message}${error?.description}`.includes(wrongKey));
		// Both items may be in flight together (the node runs a few calls at once); neither is billed.
		assert.ok(sandbox.ledger.entries.length >= 1);
		assert.deepEqual(sandbox.ledger.billed(), []);
	});

	it('a key that is not 32 hex characters fails before any call, naming the option', async () => {
		sandbox.reset();
		const tooShort = '0123456789abcdef';
		const result = await runSm({ sm4KeyHex: tooShort });
		assert.match(result.error('CBT')?.message ?? '', /^Item 0: option 'SM4 Key \(Hex\)' must be 32 hexadecimal characters/);
		assert.ok(!result.error('CBT')?.message.includes(tooShort));
		assert.equal(sandbox.ledger.entries.length, 0);
	});
});

describe('CBT Gateway › Custom Request', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const run = (parameters: INodeParameters, items: HarnessItem[]) =>
		runWorkflow(singleNodeWorkflow('cbtGateway', { operation: 'customRequest', ...parameters }), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: items },
		});

	it('POSTs to a catalog path with a file as base64, signed, and outputs the data', async () => {
		sandbox.reset();
		const png = makePng(16, 16, 5);
		const result = await run(
			{
				customMethod: 'POST',
				customPath: '/apis/tt/gw/ocr/v1/invoice',
				customFiles: { file: [{ bodyKey: 'image', binaryPropertyName: 'data' }] },
				options: { includeMetadata: true },
			},
			[{ json: {}, binary: { data: { data: png, fileName: 'invoice.png', mimeType: 'image/png' } } }],
		);
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		const { _cbt: meta, ...json } = result.output('CBT')[0].json;
		// A 16 px image is a stub to the sandbox: it answers with the seed page's example.
		assert.deepEqual(json, SEED_PAGE_INVOICE);
		assert.deepEqual(meta, { requestId: sandbox.ledger.entries[0].requestId, billed: true });
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [['OCR.invoice', true]]);
	});

	it('GETs with query parameters', async () => {
		sandbox.reset();
		const result = await run({ customMethod: 'GET', customPath: '/apis/tt/gw/misc/v1/unnamedendpoint', customQuery: '{"ref": "abc", "page": 2}' }, [{ json: {} }]);
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		assert.deepEqual(result.output('CBT')[0].json, { status: '1', desc: '成功', params: { ref: 'abc', page: '2' } });
		assert.equal(sandbox.ledger.entries[0].method, 'GET');
	});

	it('names the gateway code for an unknown path', async () => {
		sandbox.reset();
		const result = await run({ customMethod: 'POST', customPath: '/apis/tt/gw/nowhere/v1/nothing', customBody: '{"name": "张三"}' }, [{ json: {} }]);
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`^Item 0: Gateway error ${CODE.unknownEndpoint} \\(Endpoint not enabled for this App Key\\)`));
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.path, entry.billed]), [['/apis/tt/gw/nowhere/v1/nothing', false]]);
	});

	it('checks every item before the first call', async () => {
		sandbox.reset();
		const result = await run({ customMethod: 'POST', customPath: '={{ $json.path }}', customBody: '{}' }, [
			{ json: { path: '/apis/tt/gw/misc/v1/shidian' } },
			{ json: { path: 'https://gw.datapis.com/apis/tt/gw/misc/v1/shidian' } },
		]);
		assert.match(result.error('CBT')?.message ?? '', /^Item 1, field 'Path': is a full URL/);
		assert.equal(sandbox.ledger.entries.length, 0);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CATEGORY_NODES, type Category, type Endpoint } from '../nodes/shared/catalog';
import { parameterOf } from '../nodes/shared/catalog';
import { protectFields, readSmSettings } from '../nodes/shared/fields/protection';
import { fixtureFor, type FixtureAnswer } from '../sandbox/fixtures';
import { SANDBOX_SM4_IV, SANDBOX_SM4_KEY } from '../sandbox/fixtures/ga';
import { startSandbox, type Sandbox } from '../sandbox/server';
import type { HarnessItem } from './harness/harness';
import { runWorkflow } from './harness/harness';
import { makePng } from './support/images';
import { SAMPLES } from './support/operationCases';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * Every operation of the identity, carrier, education, vehicle, tax report, marketing risk and
 * gateway nodes, run once through n8n-core against the sandbox: parameters come from the catalog
 * and valid sample values per field kind; the expected item is what the sandbox's fixture answers
 * for the body the node should send.
 */

const CATEGORIES: readonly Category[] = ['GA', 'OPT', 'EDU', 'CAR', 'TAX', 'tv1', 'MISC'];
const NODES = CATEGORY_NODES.filter((entry) => CATEGORIES.includes(entry.category));


const FACE_FIELD = 'photo';
const SM_OPTIONS = { sm4KeyHex: SANDBOX_SM4_KEY };

interface Case {
	parameters: INodeParameters;
	items: HarnessItem[];
	/** What the node should send for each item, before any transform. */
	bodies: IDataObject[];
	options: IDataObject;
}

/**
 * Parameters read from the item (an expression per field), two items with different values. The
 * k-th field of a kind takes the other sample, so a couple is two people; an optional field is left
 * empty in the second item, so it is also tried unsent.
 */
function caseFor(endpoint: Endpoint): Case {
	const options: IDataObject = endpoint.transformBody ? { ...SM_OPTIONS } : {};
	const parameters: INodeParameters = { operation: endpoint.operation };
	const jsons: IDataObject[] = [{}, {}];
	const items: HarnessItem[] = jsons.map((json) => ({ json }));
	const bodies: IDataObject[] = [{}, {}];
	const seen = new Map<string, number>();
	for (const field of endpoint.fields) {
		const nth = seen.get(field.kind) ?? 0;
		seen.set(field.kind, nth + 1);
		const parameter = parameterOf(field);
		if (field.kind === 'faceImage' || field.kind === 'image') {
			parameters[parameter] = FACE_FIELD;
			items.forEach((item, index) => {
				const png = makePng(12, 12, 40 + index);
				item.binary = { [FACE_FIELD]: { data: png, fileName: `face-${index}.png`, mimeType: 'image/png' } };
				bodies[index][field.key] = png.toString('base64');
			});
			continue;
		}
		const samples = SAMPLES[field.kind];
		assert.ok(samples, `no sample values for field kind ${field.kind}`);
		parameters[parameter] = `={{ $json["${parameter}"] }}`;
		jsons.forEach((json, index) => {
			const value = field.required === false && index === 1 ? '' : samples[(index + nth) % 2];
			json[parameter] = value;
			if (value !== '') bodies[index][field.key] = value;
		});
	}
	if (endpoint.fields.length === 0) {
		// Nothing is known about these endpoints' parameters: they travel as Extra Body Fields.
		options.extraBody = '={{ JSON.stringify({ ref: $json.ref }) }}';
		jsons.forEach((json, index) => {
			json.ref = `ref-${index}`;
			bodies[index].ref = `ref-${index}`;
		});
	}
	parameters.options = options as INodeParameters;
	return { parameters, items, bodies, options };
}

/**
 * The verdict each check endpoint adds beside the gateway's fields, written by hand from the assumed
 * tables (README: No data, verdicts and masking): the sandbox's result code → verdict. Endpoints not
 * listed add none.
 */
const SAME = { '1': 'match', '2': 'mismatch' };
const VERDICT_BY_RESULT: Record<string, (data: IDataObject) => string | undefined> = {
	'GA.twoFactor': (data) => SAME[data.result as '1' | '2'],
	'GA.twoFactorSm': (data) => SAME[data.result as '1' | '2'],
	'GA.portrait': (data) => ({ '1': 'match', '2': 'unknown', '3': 'mismatch' })[data.result as string],
	'GA.portraitLiveness': (data) => ({ '1': 'match', '2': 'unknown', '3': 'mismatch', '4': 'mismatch' })[data.result as string],
	'GA.maritalStatusCouple': (data) => ({ '1': 'match', '0': 'mismatch' })[data.result as string],
	'OPT.threeFactor': (data) => SAME[data.result as '1' | '2'],
	'OPT.twoFactor': (data) => SAME[data.result as '1' | '2'],
	'EDU.educationLevel': (data) => (data.level ? 'match' : undefined),
};

function expectedItem(endpoint: Endpoint, data: IDataObject): IDataObject {
	const verdictOf = VERDICT_BY_RESULT[`${endpoint.category}.${endpoint.operation}`];
	if (!verdictOf) return data;
	const verdict = verdictOf(data);
	assert.ok(verdict, `no verdict written down for ${JSON.stringify(data)}`);
	return { ...data, verdict };
}

function expectedAnswer(endpoint: Endpoint, body: IDataObject, options: IDataObject): FixtureAnswer {
	const sent = endpoint.transformBody ? endpoint.transformBody({ ...body }, options) : body;
	const fixture = fixtureFor(endpoint.category, endpoint.operation);
	assert.ok(fixture, `no fixture for ${endpoint.category}.${endpoint.operation}`);
	return fixture(sent);
}

describe('identity, carrier, education, vehicle, tax, marketing risk and gateway nodes through n8n-core', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const run = (node: string, parameters: INodeParameters, items: HarnessItem[], settings = {}) =>
		runWorkflow(singleNodeWorkflow(node, parameters, settings), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: items } });

	for (const entry of NODES) {
		for (const endpoint of entry.endpoints) {
			it(`${entry.displayName} › ${endpoint.name} (${endpoint.chineseName}): outputs the gateway data, one billed call per item`, async () => {
				sandbox.reset();
				const { parameters, items, bodies, options } = caseFor(endpoint);
				const result = await run(entry.node, parameters, items);
				assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
				const output = result.output('CBT');
				assert.equal(output.length, items.length);
				output.forEach((item, index) => {
					const answer = expectedAnswer(endpoint, bodies[index], options);
					assert.ok('data' in answer, `the sample for item ${index} should find data, got ${JSON.stringify(answer)}`);
					assert.deepEqual(item.json, expectedItem(endpoint, answer.data as IDataObject));
					assert.deepEqual(item.pairedItem, { item: index });
				});
				assert.deepEqual(
					sandbox.ledger.entries.map((ledgerEntry) => [ledgerEntry.operation, ledgerEntry.method, ledgerEntry.code, ledgerEntry.billed]),
					items.map(() => [`${endpoint.category}.${endpoint.operation}`, endpoint.method, 0, true]),
				);
			});
		}
	}

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
	// Verdicts written down from the sandbox's answers for these two people ('2' and '1').
	const people = [
		{ name: '张三', id: '11010519491231002X', verdict: 'mismatch' },
		{ name: '王五', id: '110101199003074477', verdict: 'match' },
	];
	const runSm = (options: INodeParameters) =>
		runWorkflow(
			singleNodeWorkflow('cbtIdentity', { operation: 'twoFactorSm', name: '={{ $json.name }}', idNumber: '={{ $json.id }}', options }),
			{ credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: people.map((person) => ({ json: person })) } },
		);
	const plainAnswer = (person: { name: string; id: string }) => fixtureFor('GA', 'twoFactor')?.({ name: person.name, id_card: person.id });

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
				people.map((person) => ({ ...(plainAnswer(person) as { data: IDataObject }).data, verdict: person.verdict })),
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
		const settings = readSmSettings({ smProtection: 'sm3' });
		assert.deepEqual(
			result.output('CBT').map((item) => item.json),
			people.map((person) => {
				const answer = fixtureFor('GA', 'twoFactorSm')?.(protectFields({ name: person.name, id_card: person.id }, ['name', 'id_card'], settings));
				const data = (answer as { data: IDataObject }).data;
				return { ...data, verdict: { '1': 'match', '2': 'mismatch' }[data.result as string] };
			}),
		);
	});

	it('with a wrong key the gateway cannot decrypt: a clear 100004 error, unbilled, that does not show the key', async () => {
		sandbox.reset();
		const wrongKey = 'ab'.repeat(16);
		const result = await runSm({ sm4KeyHex: wrongKey });
		const error = result.error('CBT');
		assert.match(error?.message ?? '', /^Item 0: Gateway error 100004 \(Invalid parameter\): 参数 name\/id_card 解密失败/);
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
		assert.deepEqual(json, (fixtureFor('OCR', 'invoice')?.({ image: png.toString('base64') }) as { data: unknown }).data);
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
		assert.match(result.error('CBT')?.message ?? '', /^Item 0: Gateway error 100005 \(Endpoint not enabled for this App Key\)/);
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

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startSandbox, type Sandbox } from '../sandbox/server';
import { testCredential } from './harness/credentialTester';
import { runWorkflow } from './harness/harness';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * Profiles that must not be used: each gives a clear error naming the entry and saying how to fix
 * it, in a node run and in the credential test, and nothing reaches the gateway.
 */
const BAD_PROFILES: Array<{ label: string; profile: string; error: RegExp }> = [
	{ label: 'not JSON', profile: '{"endpoints": {"GA.twoFactor": {"path": "/x",}}}', error: /is not valid JSON .*Paste the JSON/ },
	{ label: 'a list, not an object', profile: '[]', error: /must be a JSON object/ },
	{ label: 'an unknown top-level key', profile: '{"endpoint": {}}', error: /top level: unknown key "endpoint"\. Did you mean "endpoints"\?/ },
	{ label: 'endpoints not an object', profile: '{"endpoints": ["GA.twoFactor"]}', error: /endpoints: must be an object/ },
	{
		label: 'an unknown endpoint ID',
		profile: '{"endpoints": {"GA.twoFactr": {"path": "/x"}}}',
		error: /endpoints › "GA\.twoFactr": no such endpoint\. Did you mean "GA\.twoFactor"\?/,
	},
	{
		label: 'an unknown Chinese name',
		profile: '{"endpoints": {"公安实名三要素核验": {"path": "/x"}}}',
		error: /endpoints › "公安实名三要素核验": no such endpoint\. Did you mean "公安实名二要素核验"\?/,
	},
	{
		label: 'the same endpoint twice (ID and Chinese name)',
		profile: '{"endpoints": {"GA.twoFactor": {"path": "/a"}, "公安实名二要素核验": {"path": "/b"}}}',
		error: /"公安实名二要素核验": the same endpoint as "GA\.twoFactor"; merge the two entries/,
	},
	{
		label: 'a path without a leading slash',
		profile: '{"endpoints": {"GA.twoFactor": {"path": "api/v2/verify"}}}',
		error: /"GA\.twoFactor" › path: "api\/v2\/verify" must start with "\/"/,
	},
	{
		label: 'a full URL as path',
		profile: '{"endpoints": {"GA.twoFactor": {"path": "/https://gw.datapis.com/x?a=1"}}}',
		error: /path: .* must be a path only/,
	},
	{ label: 'an unsupported method', profile: '{"endpoints": {"GA.twoFactor": {"method": "PUT"}}}', error: /method: "PUT" is not supported; use "GET" or "POST"/ },
	{ label: 'GET for an endpoint with an image', profile: '{"endpoints": {"OCR.invoice": {"method": "GET"}}}', error: /cannot travel in a GET query string/ },
	{
		label: 'an unknown field',
		profile: '{"endpoints": {"GA.twoFactor": {"fields": {"idcard": "certNo"}}}}',
		error: /fields › "idcard": no such field\. Did you mean "id_card"\? Fields: name, id_card \(or idNumber\)/,
	},
	{ label: 'an empty wire key', profile: '{"endpoints": {"GA.twoFactor": {"fields": {"name": ""}}}}', error: /fields › "name": the gateway key must be a non-empty text/ },
	{
		label: 'two fields on one wire key',
		profile: '{"endpoints": {"GA.twoFactor": {"fields": {"name": "id", "id_card": "id"}}}}',
		error: /"name" and "id_card" would both be sent as "id"/,
	},
	{ label: 'dropping an unknown field', profile: '{"endpoints": {"GA.twoFactor": {"drop": ["phone"]}}}', error: /drop › "phone": no such field/ },
	{
		label: 'a field renamed and dropped',
		profile: '{"endpoints": {"GA.twoFactor": {"fields": {"name": "realName"}, "drop": ["name"]}}}',
		error: /drop › "name": the field is both renamed \(fields\) and dropped/,
	},
	{
		label: 'a constant on a field’s key',
		profile: '{"endpoints": {"GA.twoFactor": {"fields": {"name": "realName"}, "constants": {"realName": "x"}}}}',
		error: /constants › "realName": the field "name" is already sent under this key/,
	},
	{ label: 'list keys for a one-record endpoint', profile: '{"endpoints": {"GA.twoFactor": {"list": {"itemsKey": "rows"}}}}', error: /list: this endpoint answers one record, not a list/ },
	{ label: 'an unknown list key', profile: '{"endpoints": {"ENT.shareholders": {"list": {"items": "rows"}}}}', error: /list: unknown key "items"\. Did you mean "itemsKey"\?/ },
	{ label: 'task keys for a non-task endpoint', profile: '{"endpoints": {"GA.twoFactor": {"task": {"taskIdKey": "taskNo"}}}}', error: /task: this endpoint does not start a task/ },
	{ label: 'a code that is not a number', profile: '{"codes": {"E300": "noData"}}', error: /codes › "E300": a code must be a whole number/ },
	{
		label: 'a code kind that does not exist',
		profile: '{"codes": {"300000": "notFound"}}',
		error: /codes › "300000": "notFound" is not a code kind\..*Use one of: success, auth, clock, input, noData/,
	},
	{
		label: 'an endpoint code kind that does not exist',
		profile: '{"endpoints": {"GA.twoFactor": {"codes": {"310001": {"kind": "missing"}}}}}',
		error: /"GA\.twoFactor" › codes › "310001": "missing" is not a code kind/,
	},
	{ label: 'a path for the notification', profile: '{"endpoints": {"异步通知": {"path": "/hook"}}}', error: /only "fields" applies, not "path"/ },
	{ label: 'an unknown notification part', profile: '{"endpoints": {"RPA_TAX.notification": {"fields": {"orderNo": "order"}}}}', error: /fields: unknown key "orderNo"/ },
	{ label: 'an unknown entry key', profile: '{"endpoints": {"GA.twoFactor": {"paths": "/x"}}}', error: /"GA\.twoFactor": unknown key "paths"\. Did you mean "path"\?/ },
	{
		label: 'a verdict that is not an object',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": "result"}}}',
		error: /"GA\.twoFactor" › verdict: must be an object such as \{"field": "result", "match": \["1"\]/,
	},
	{
		label: 'a verdict without its field',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": {"match": ["1"], "mismatch": ["2"]}}}}',
		error: /"GA\.twoFactor" › verdict: "field" is missing; name the answer's field that holds the result/,
	},
	{
		label: 'a verdict field with surrounding spaces',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": {"field": " result", "match": ["1"]}}}}',
		error: /verdict › field: must be a non-empty key without surrounding spaces/,
	},
	{
		label: 'an unknown verdict key',
		profile: '{"endpoints": {"OPT.threeFactor": {"verdict": {"field": "result", "matches": ["1"]}}}}',
		error: /"OPT\.threeFactor" › verdict: unknown key "matches"\. Did you mean "match"\?/,
	},
	{
		label: 'verdict values that are not a list',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": {"field": "result", "match": "1"}}}}',
		error: /verdict › match: must be a list of values, such as \["1", "一致"\]/,
	},
	{
		label: 'an empty verdict value',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": {"field": "result", "match": ["1"], "noRecord": [" "]}}}}',
		error: /verdict › noRecord: " " is not a usable value/,
	},
	{
		label: 'a value that means two verdicts',
		profile: '{"endpoints": {"公安实名二要素核验": {"verdict": {"field": "result", "match": ["1", "一致"], "mismatch": ["2", "一致"]}}}}',
		error: /"公安实名二要素核验" › verdict › mismatch: "一致" is also in match; a value can mean only one verdict/,
	},
	{
		label: 'a verdict without values',
		profile: '{"endpoints": {"GA.twoFactor": {"verdict": {"field": "result", "match": []}}}}',
		error: /verdict: lists no values; give at least one of "match", "mismatch" or "noRecord"/,
	},
	{
		label: 'a verdict for the notification',
		profile: '{"endpoints": {"异步通知": {"verdict": {"field": "status", "match": ["1"]}}}}',
		error: /only "fields" applies, not "verdict"/,
	},
];

describe(`${BAD_PROFILES.length} bad gateway profiles: a clear error each, nothing sent`, () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());

	for (const { label, profile, error } of BAD_PROFILES) {
		it(label, async () => {
			sandbox.reset();
			const credential = credentialFor(sandbox, { gatewayProfile: profile });
			const result = await runWorkflow(
				singleNodeWorkflow('cbtIdentity', { operation: 'twoFactor', name: '={{ $json.name }}', idNumber: '11010519491231002X' }),
				{ credentials: { cbtApi: credential }, inputs: { Input: [{ json: { name: '张三' } }, { json: { name: '王五' } }] } },
			);
			const nodeError = result.error('CBT');
			assert.match(nodeError?.message ?? '', /^The CBT API credential's Gateway Profile: /);
			assert.match(`${nodeError?.message} ${nodeError?.description}`, error);
			assert.match(nodeError?.description ?? '', /Nothing was sent to the gateway/);

			const tested = await testCredential(credential);
			assert.equal(tested.status, 'Error');
			assert.match(tested.message, error);
			assert.equal(sandbox.ledger.entries.length, 0, 'nothing reached the gateway');
		});
	}

	it('under Continue On Fail, every item gets the error and nothing is sent', async () => {
		sandbox.reset();
		const result = await runWorkflow(
			singleNodeWorkflow('cbtIdentity', { operation: 'twoFactor', name: '张三', idNumber: '11010519491231002X' }, { onError: 'continueRegularOutput' }),
			{ credentials: { cbtApi: credentialFor(sandbox, { gatewayProfile: '{"codes": {"1": "fine"}}' }) }, inputs: { Input: [{ json: {} }, { json: {} }] } },
		);
		const output = result.output('CBT');
		assert.deepEqual(output.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
		for (const item of output) assert.match(String(item.json.error), /Gateway Profile: codes › "1": "fine" is not a code kind/);
		assert.equal(sandbox.ledger.entries.length, 0);
	});
});

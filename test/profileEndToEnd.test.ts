/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- test code runs in Node, not inside n8n; it runs npm run profile; its values are sample ID numbers, not secrets */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { INodeExecutionData } from 'n8n-workflow';

import { CATALOG } from '../nodes/shared/catalog';
import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { UNKNOWN_COMPANY_MARKER } from '../sandbox/fixtures/entData';
import { PACKAGE_ROOT, runWorkflow } from './harness/harness';
import { sampleCase } from './support/operationCases';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * The gateway profile from end to end, as a customer with the real documentation would use it: a
 * documentation export (OpenAPI, then a folder of cURL examples) describing another contract, written
 * here by hand; `npm run profile` turns it into a profile; the sandbox serves that profile; the nodes
 * run with the profile in the credential and nothing else changed. Every expectation below is written
 * from the documents, not computed by the code under test.
 */

type Expected = [method: 'GET' | 'POST', path: string, keys: string[]];

/** Where each documented call must land and with exactly which keys: read off the documents below. */
const EXPECTED: Record<string, Expected> = {
	'GA.twoFactor': ['POST', '/gw2/person/id-verify', ['certNo', 'channel', 'realName']],
	'GA.multiLending': ['POST', '/gw2/person/lending', ['certNo', 'mobileNo', 'realName']],
	'OCR.invoice': ['POST', '/gw2/ocr/invoice', ['imageBase64']],
	'OCR.idCard': ['POST', '/gw2/ocr/id-card', ['imageBase64']],
	'ENT.businessInfo': ['GET', '/gw2/ent/basic', ['creditNo']],
	'ENT.shareholders': ['POST', '/gw2/ent/holders', ['creditNo', 'pageNum', 'pageSize']],
	'ENT.verifyThreeFactors': ['POST', '/gw2/ent/verify3', ['creditNo', 'entName', 'legalName']],
	'OPT.threeFactor': ['POST', '/gw2/carrier/verify3', ['certNo', 'mobileNo', 'realName']],
	'OPT.twoFactor': ['POST', '/gw2/carrier/verify2', ['mobileNo']],
	'OPT.onlineDuration': ['POST', '/gw2/carrier/duration', ['mobileNo']],
	'EDU.educationLevel': ['POST', '/gw2/edu/level', ['certNo', 'realName']],
	'CAR.vehicleFiveItems': ['POST', '/gw2/car/five', ['plateNo']],
	'TAX.taxReport': ['POST', '/gw2/tax/report', ['creditNo']],
};
/**
 * A cURL example shows a value, not that it is fixed: `channel` is reported as unmapped (for Extra Body
 * Fields) instead of becoming a constant. Everything else is the same from both sources.
 */
const EXPECTED_FROM_CURL: Record<string, Expected> = { ...EXPECTED, 'GA.twoFactor': ['POST', '/gw2/person/id-verify', ['certNo', 'realName']] };
/** OPT.twoFactor's documentation has no name: the profile drops it, so its answer differs from the catalog's. */
const DROPS_A_FIELD = new Set(['OPT.twoFactor']);

const CODE_TABLE = `
| 错误码 | 说明 |
| --- | --- |
| 0 | 成功 |
| 300000 | 查无数据 |
| 300004 | 请求过于频繁 |
`;

const text = (example: string, description?: string) => ({ type: 'string', example, ...(description ? { description } : {}) });
const body = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
	required: true,
	content: { 'application/json': { schema: { type: 'object', required, properties } } },
});
const post = (summary: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	post: { summary, requestBody: body(properties), responses: { 200: { description: '成功' } }, ...extra },
});

/** An OpenAPI 3 export of a gateway whose contract differs from the package's assumptions. */
function openApiDocument() {
	const person = { realName: text('张三', '姓名'), certNo: text('110101199003074477', '身份证号') };
	return {
		openapi: '3.0.1',
		info: { title: 'CBT接口网关', version: '2.0', description: `错误码说明\n${CODE_TABLE}` },
		paths: {
			'/gw2/person/id-verify': post('公安实名二要素核验', { ...person, channel: { type: 'string', enum: ['n8n'], description: '渠道' } }),
			'/gw2/person/lending': post('多头借贷查询', { ...person, mobileNo: text('13800138000', '手机号') }),
			'/gw2/ocr/invoice': post('发票OCR', { imageBase64: text('', '图片base64') }),
			'/gw2/ocr/id-card': post('身份证OCR', { imageBase64: text('', '图片base64') }),
			'/gw2/ent/basic': {
				get: {
					summary: '工商照面',
					parameters: [{ name: 'creditNo', in: 'query', required: true, schema: text('91350100M000100Y43', '统一社会信用代码或企业名称') }],
					responses: { 200: { description: '成功' } },
				},
			},
			'/gw2/ent/holders': post(
				'工商股东',
				{ creditNo: text('91350100M000100Y43', '统一社会信用代码'), pageNum: { type: 'integer', example: 1 }, pageSize: { type: 'integer', example: 20 } },
				{
					responses: {
						200: {
							description: '成功',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										properties: {
											code: { type: 'integer' },
											data: {
												type: 'object',
												properties: { totalCount: { type: 'integer' }, records: { type: 'array', items: { type: 'object' } } },
											},
										},
									},
								},
							},
						},
					},
				},
			),
			'/gw2/ent/verify3': post('企业三要素核验', {
				entName: text('福建示例科技有限公司', '企业名称'),
				creditNo: text('91350100M000100Y43', '统一社会信用代码'),
				legalName: text('张三', '法定代表人姓名'),
			}),
			'/gw2/carrier/verify3': post('运营商三要素验证', { ...person, mobileNo: text('13800138000', '手机号') }),
			'/gw2/carrier/verify2': post('运营商二要素验证', { mobileNo: text('13800138000', '手机号') }),
			'/gw2/carrier/duration': post('全网手机在网时长', { mobileNo: text('13800138000', '手机号') }),
			'/gw2/edu/level': post('教育背景核验-不带学校', person),
			'/gw2/car/five': post('车五项', { plateNo: text('沪AD12345', '车牌号') }),
			'/gw2/tax/report': post('企业纳税报告', { creditNo: text('91350100M000100Y43', '统一社会信用代码') }),
		},
	};
}

/** The same contract as the documentation pages' cURL examples, one file per endpoint. */
function curlFolder(dir: string) {
	const curl = (method: string, path: string, json?: Record<string, unknown>) =>
		[
			`curl --location --request ${method} 'https://gw.datapis.com${path}' \\`,
			"--header 'X-CBT-APPKEY: ' \\",
			"--header 'X-CBT-TIMESTAMP;' \\",
			"--header 'X-CBT-SIGNATURE;' \\",
			`--header 'Content-Type: application/json'${json ? ' \\' : ''}`,
			...(json ? [`--data-raw '${JSON.stringify(json, null, 4)}'`] : []),
			'',
		].join('\n');
	const person = { realName: '张三', certNo: '110101199003074477' };
	const files: Record<string, string> = {
		公安实名二要素核验: curl('POST', '/gw2/person/id-verify', { ...person, channel: 'n8n' }),
		多头借贷查询: curl('POST', '/gw2/person/lending', { ...person, mobileNo: '13800138000' }),
		发票OCR: curl('POST', '/gw2/ocr/invoice', { imageBase64: '' }),
		身份证OCR: curl('POST', '/gw2/ocr/id-card', { imageBase64: '' }),
		工商照面: curl('GET', '/gw2/ent/basic?creditNo=91350100M000100Y43'),
		工商股东: curl('POST', '/gw2/ent/holders', { creditNo: '91350100M000100Y43', pageNum: 1, pageSize: 20 }),
		企业三要素核验: curl('POST', '/gw2/ent/verify3', { entName: '福建示例科技有限公司', creditNo: '91350100M000100Y43', legalName: '张三' }),
		运营商三要素验证: curl('POST', '/gw2/carrier/verify3', { ...person, mobileNo: '13800138000' }),
		运营商二要素验证: curl('POST', '/gw2/carrier/verify2', { mobileNo: '13800138000' }),
		全网手机在网时长: curl('POST', '/gw2/carrier/duration', { mobileNo: '13800138000' }),
		'教育背景核验-不带学校': curl('POST', '/gw2/edu/level', person),
		车五项: curl('POST', '/gw2/car/five', { plateNo: '沪AD12345' }),
		企业纳税报告: curl('POST', '/gw2/tax/report', { creditNo: '91350100M000100Y43' }),
	};
	mkdirSync(dir, { recursive: true });
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `${name}.sh`), content);
	writeFileSync(join(dir, '错误码.md'), `# 错误码\n${CODE_TABLE}`);
}

/** `npm run profile`, as the README tells a customer to run it. */
function buildProfile(args: string[], out: string): { profile: string; report: string } {
	const result = spawnSync('npm', ['run', '-s', 'profile', '--', ...args, '--out', out], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
	assert.equal(result.status, 0, `npm run profile failed: ${result.stderr}`);
	return { profile: readFileSync(out, 'utf8'), report: result.stderr };
}

const ENDPOINTS = CATALOG.filter((endpoint) => EXPECTED[`${endpoint.category}.${endpoint.operation}`]);

describe('a gateway profile built from the documentation, served by the sandbox, applied by every node', () => {
	const work = mkdtempSync(join(tmpdir(), 'cbt-profile-e2e-'));
	const plainOutputs = new Map<string, INodeExecutionData[]>();
	let plain: Sandbox;

	before(async () => {
		assert.equal(ENDPOINTS.length, 13);
		assert.ok(new Set(ENDPOINTS.map((endpoint) => endpoint.category)).size >= 6);
		// What each operation outputs for its sample input under the catalog's own contract: under any
		// profile the same input must give the same output.
		plain = await startSandbox();
		for (const endpoint of ENDPOINTS) {
			const { node, parameters, items } = sampleCase(endpoint);
			const result = await runWorkflow(singleNodeWorkflow(node, parameters), { credentials: { cbtApi: credentialFor(plain) }, inputs: { Input: items } });
			plainOutputs.set(`${endpoint.category}.${endpoint.operation}`, result.output('CBT'));
		}
	});
	after(async () => {
		await plain.close();
		rmSync(work, { recursive: true, force: true });
	});

	const sources = [
		{ label: 'an OpenAPI 3 export', expected: EXPECTED, args: () => ['--from-openapi', writeJson('gateway.openapi.json', openApiDocument())] },
		{
			label: 'a folder of cURL examples',
			expected: EXPECTED_FROM_CURL,
			args: () => {
				curlFolder(join(work, 'curl'));
				return ['--from-curl', join(work, 'curl')];
			},
		},
	];
	function writeJson(name: string, value: unknown): string {
		writeFileSync(join(work, name), JSON.stringify(value, null, 2));
		return join(work, name);
	}

	for (const source of sources) {
		describe(`from ${source.label}`, () => {
			let sandbox: Sandbox;
			let profile: string;
			before(async () => {
				const built = buildProfile(source.args(), join(work, `${source.label.replace(/\W+/g, '-')}.profile.json`));
				profile = built.profile;
				assert.match(built.report, /13 endpoints matched/, built.report);
				if (source.expected === EXPECTED_FROM_CURL) assert.match(built.report, /channel: matches no field/);
				sandbox = await startSandbox({ profile: JSON.parse(profile) });
			});
			after(() => sandbox.close());
			const credential = () => credentialFor(sandbox, { gatewayProfile: profile });

			for (const endpoint of ENDPOINTS) {
				const id = `${endpoint.category}.${endpoint.operation}`;
				it(`${id} (${endpoint.chineseName}) lands on the documented path with exactly the documented keys`, async () => {
					sandbox.reset();
					const { node, parameters, items } = sampleCase(endpoint);
					const result = await runWorkflow(singleNodeWorkflow(node, parameters), { credentials: { cbtApi: credential() }, inputs: { Input: items } });
					assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
					assert.deepEqual(
						sandbox.ledger.entries.map((entry) => [entry.method, entry.path, entry.keys]),
						[source.expected[id]],
					);
					assert.ok(sandbox.ledger.entries.every((entry) => entry.code === CODE.ok && entry.billed));
					if (!DROPS_A_FIELD.has(id)) assert.deepEqual(result.output('CBT'), plainOutputs.get(id));
				});
			}

			it("the documentation's own codes: 300000 is read as no data, unbilled, with the gateway's meaning", async () => {
				sandbox.reset();
				const endpoint = ENDPOINTS.find((candidate) => candidate.operation === 'businessInfo')!;
				const { node, parameters, items } = sampleCase(endpoint);
				parameters.company = { __rl: true, mode: 'keyword', value: `${UNKNOWN_COMPANY_MARKER}的公司` };
				// By default an item says nothing was found (On No Data); Raise Error gives the gateway error.
				const item = await runWorkflow(singleNodeWorkflow(node, parameters), { credentials: { cbtApi: credential() }, inputs: { Input: items } });
				assert.deepEqual(item.output('CBT').map(({ json }) => [json.found, json.code, json.billed]), [[false, 300000, false]]);
				parameters.options = { onNoData: 'raiseError' };
				const result = await runWorkflow(singleNodeWorkflow(node, parameters), { credentials: { cbtApi: credential() }, inputs: { Input: items } });
				assert.match(result.error('CBT')?.message ?? '', /Gateway error 300000 \(查无数据\)/);
				assert.deepEqual(
					sandbox.ledger.entries.map((entry) => [entry.path, entry.code, entry.billed]),
					[0, 1].map(() => ['/gw2/ent/basic', 300000, false]),
				);
			});

			it('the catalog’s assumed path is no longer used: the profile is applied by the node, not by the sandbox', async () => {
				sandbox.reset();
				const result = await runWorkflow(
					singleNodeWorkflow('cbtIdentity', { operation: 'twoFactor', name: '张三', idNumber: '110101199003074477' }),
					{ credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: [{ json: {} }] } },
				);
				// Without the profile in the credential the node sends the catalog's request, which this gateway does not know.
				assert.ok(result.error('CBT'));
				assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.path, entry.billed]), [['/apis/tt/gw/ga/v1/twofactor', false]]);
			});
		});
	}
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, and spawns the command-line tool once */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { checkProfile } from '../sandbox/profileCheck';
import type { GatewayProfile } from '../nodes/shared/profile/types';
import { CODE } from '../nodes/shared/transport/codes';
import { build } from '../scripts/profile/build';
import { run } from '../scripts/profile/cli';
import { classifyCode, codesInText } from '../scripts/profile/codes';
import { parseCurl, readCurlFolder } from '../scripts/profile/curl';
import { normaliseName } from '../scripts/profile/match';
import { parseDocumentText, readOpenApi } from '../scripts/profile/openapi';

/*
 * The profile builders (npm run profile), on small hand-written documents in each format the
 * gateway's documentation comes in. Only the Chinese endpoint names are shared with the catalog;
 * keys, paths and examples are this test's own; so are the codes, except a few of the package's own
 * table (CODE), documented with the same kind or another, to see what the builder keeps.
 */

const VALID_ID = '11010519491231002X';
const VALID_CREDIT_CODE = '91350100M000100Y43';

const OPENAPI_3 = {
	openapi: '3.0.1',
	info: {
		title: 'Test gateway',
		version: '1.0',
		description: [
			'## 返回码',
			'',
			'| 返回码 | 说明 |',
			'| --- | --- |',
			`| ${CODE.ok} | 成功 |`,
			'| 300000 | 查无数据 |',
			`| ${CODE.internal} | 查无此记录 |`,
			`| ${CODE.badSignature} | 签名校验失败 |`,
			'| 777777 | 见备注 |',
		].join('\n'),
	},
	servers: [{ url: 'https://gw.datapis.com' }],
	paths: {
		'/apis/tt/gw/ga/v1/idcheck': {
			post: {
				summary: '公安实名二要素核验',
				requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/TwoFactorRequest' } } } },
				responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Envelope' } } } } },
			},
		},
		'/apis/tt/gw/ent/v1/verify3': {
			post: {
				summary: '企业三要素核验接口',
				requestBody: {
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['companyName', 'creditNo'],
								properties: { companyName: { type: 'string' }, creditNo: { type: 'string', title: '统一社会信用代码' }, remark: { type: 'string' } },
							},
						},
					},
				},
				responses: {},
			},
		},
		'/apis/tt/gw/ga/v1/fraud': {
			post: {
				'x-apifox-name': '反赌反诈风险评分',
				description: '评分接口。\n\n| 返回码 | 说明 |\n|---|---|\n| 300000 | 评分计算中 |',
				requestBody: {
					content: {
						'application/json': {
							schema: { type: 'object', properties: { name: { type: 'string' }, idCard: { type: 'string' }, mobileNo: { type: 'string' } } },
						},
					},
				},
				responses: {},
			},
		},
		'/apis/tt/gw/ocr/v1/idcard': {
			post: {
				summary: '身份证OCR',
				requestBody: {
					content: {
						'application/json': {
							schema: {
								type: 'object',
								properties: { imageBase64: { type: 'string' }, side: { type: 'string', enum: ['front', 'back'] } },
							},
						},
					},
				},
				responses: {},
			},
		},
		'/apis/tt/gw/ent/v1/shareholders': {
			post: {
				summary: 'Shareholders of a company',
				requestBody: {
					content: {
						'application/json': {
							schema: { type: 'object', properties: { keyword: { type: 'string' }, pageNo: { type: 'integer' }, pageSize: { type: 'integer' } } },
						},
					},
				},
				responses: {
					'200': {
						description: 'OK',
						content: { 'application/json': { example: { code: 0, message: 'ok', data: { total_count: 2, records: [{ name: '甲' }] } } } },
					},
				},
			},
		},
		'/v2/gateway/ga/badRecord': { post: { summary: 'Bad record lookup', responses: {} } },
		'/apis/tt/gw/car/v1/fiveitems': {
			get: {
				operationId: 'vehicleFive',
				description: '车五项\n按车牌查询',
				parameters: [{ name: 'plateNo', in: 'query', required: true, schema: { type: 'string', example: '京A12345' } }],
				responses: {},
			},
		},
		'/apis/tt/gw/xx/v1/weather': { post: { summary: '天气预报', responses: {} } },
	},
	components: {
		schemas: {
			TwoFactorRequest: {
				type: 'object',
				required: ['realName', 'certNo', 'productCode'],
				properties: {
					realName: { type: 'string', description: '姓名' },
					certNo: { type: 'string', example: VALID_ID },
					productCode: { type: 'string', enum: ['ID2'] },
				},
			},
			Envelope: {
				type: 'object',
				properties: {
					code: { type: 'integer', enum: [CODE.ok, CODE.noData, 300004], 'x-enum-descriptions': ['成功', '请求处理中', '请求过于频繁'] },
					message: { type: 'string' },
					data: { type: 'object' },
				},
			},
		},
	},
};

const OPENAPI_YAML = `openapi: 3.1.0
info:
  title: YAML gateway
  version: '1'
tags:
  - name: 错误码
    description: |
      300000: 查无结果
      ${CODE.rateLimit} - 调用过于频繁
paths:
  /apis/tt/gw/ga/v1/multilending:
    post:
      x-apifox-name: 多头借贷查询
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                xingming:
                  type: string
                  description: 客户姓名
                zj:
                  type: string
                  example: '${VALID_ID}'
                phone_no:
                  type: string
                channel:
                  type: string
                  const: n8n
      responses: {}
  /apis/tt/gw/ent/v1/abnormal:
    post:
      summary: 经营异常
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                entName: {type: string}
                uscc: {type: string}
      responses: {}
  /apis/tt/gw/tax/v1/taxreport:
    post:
      summary: 企业纳税报告
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                p1:
                  type: string
            example:
              p1: '${VALID_CREDIT_CODE}'
      responses: {}
`;

const SWAGGER_2 = {
	swagger: '2.0',
	info: { title: 'Swagger gateway', version: '1' },
	basePath: '/apis/tt/gw',
	paths: {
		'/tax/v1/report2': {
			post: {
				summary: '企业开票报告',
				parameters: [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/InvoiceReportRequest' } }],
				responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Answer' } } },
			},
		},
		'/opt/v1/duration': {
			get: {
				summary: '全网手机在网时长',
				parameters: [{ name: 'tel', in: 'query', type: 'string', required: true, 'x-example': '13800138000' }],
				responses: {},
			},
		},
	},
	definitions: {
		InvoiceReportRequest: { type: 'object', required: ['uscc'], properties: { uscc: { type: 'string' } } },
		Answer: {
			type: 'object',
			properties: {
				code: { type: 'integer', 'x-apifox-enum': [{ value: 400001, name: 'NO_MONEY', description: '余额不足' }] },
				data: { type: 'object' },
			},
		},
	},
};

const CURL_FILES: Record<string, string> = {
	// The documentation page's own format.
	'公安实名二要素核验.sh': [
		"curl --location --request POST 'https://gw.datapis.com/apis/tt/gw/ga/v1/twofactor' \\",
		"--header 'X-CBT-APPKEY: ' \\",
		"--header 'X-CBT-TIMESTAMP;' \\",
		"--header 'X-CBT-SIGNATURE;' \\",
		"--header 'Content-Type: application/json' \\",
		"--data-raw '{",
		'    "realName":"",',
		'    "certNo":""',
		"}'",
	].join('\n'),
	'运营商二要素验证.txt':
		'curl -X POST "https://gw.datapis.com/apis/tt/gw/opt/v1/twofactor" -H "Content-Type: application/json" -d "{\\"name\\":\\"张三\\",\\"mobileNo\\":\\"13800138000\\"}"\n',
	// No extension, a GET with a query string.
	车辆配置信息: "curl 'https://gw.datapis.com/apis/tt/gw/car/v1/config?vinCode=LSVAU2180N2183294'\n",
	// Not named by a catalog name: matched by its path.
	'edu.sh': "curl https://gw.datapis.com/apis/tt/gw/edu/v1/educationlevel --data-binary '{\"name\":\"\",\"idcard\":\"\"}'\n",
	'异步通知.sh': "curl -X POST 'https://example.com/hook' --data '{\"event\":\"done\"}'\n",
	'readme.txt': 'These snippets were copied from the documentation.\n',
};

let dir: string;
/** The real command, started first so that it runs while the other tests do. */
let command: Promise<{ status: number | null; stdout: string; stderr: string }>;

before(() => {
	dir = mkdtempSync(join(tmpdir(), 'cbt-profile-'));
	writeFileSync(join(dir, 'openapi.json'), JSON.stringify(OPENAPI_3, null, 2));
	writeFileSync(join(dir, 'openapi.yaml'), OPENAPI_YAML);
	writeFileSync(join(dir, 'swagger.json'), JSON.stringify(SWAGGER_2));
	writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.0\npaths: {\n  /a: [\n');
	mkdirSync(join(dir, 'curl'));
	for (const [name, text] of Object.entries(CURL_FILES)) writeFileSync(join(dir, 'curl', name), text);
	command = new Promise((resolve) => {
		const args = ['--import', 'tsx', 'scripts/profile/cli.ts', '--from-openapi', join(dir, 'openapi.json')];
		const child = execFile(process.execPath, args, { cwd: join(__dirname, '..'), encoding: 'utf8' }, (_error, stdout, stderr) => {
			resolve({ status: child.exitCode, stdout, stderr });
		});
	});
});

after(() => rmSync(dir, { recursive: true, force: true }));

const fromOpenApi = (file: string) => {
	const path = join(dir, file);
	return build(readOpenApi(parseDocumentText(readFileSync(path, 'utf8'), path), path));
};

describe('profile builders: OpenAPI 3 (JSON)', () => {
	it('matches operations by name, by normalised name, by path and by last path segment, and reports the rest', () => {
		const { report } = fromOpenApi('openapi.json');
		const how = Object.fromEntries(report.matched.map((match) => [match.id, match.how]));
		assert.deepEqual(how, {
			'GA.twoFactor': 'name',
			'ENT.verifyThreeFactors': 'name',
			'GA.fraudRiskScore': 'name',
			'OCR.idCard': 'name',
			'ENT.shareholders': 'path',
			'GA.badRecord': 'path',
			'CAR.vehicleFiveItems': 'name',
		});
		assert.equal(report.unmatched.length, 1);
		assert.match(report.unmatched[0].operation, /天气预报/);
		assert.equal(report.notInDocument.length, 109 - 7);
	});

	it('maps renamed keys, keeps exact ones out of the profile, drops what a complete schema leaves out and adds constants', () => {
		const { profile, report } = fromOpenApi('openapi.json');
		const endpoints = profile.endpoints ?? {};
		assert.deepEqual(endpoints['GA.twoFactor'], {
			path: '/apis/tt/gw/ga/v1/idcheck',
			fields: { name: 'realName', id_card: 'certNo' },
			constants: { productCode: 'ID2' },
		});
		assert.deepEqual(endpoints['ENT.verifyThreeFactors'], { path: '/apis/tt/gw/ent/v1/verify3', fields: { creditCode: 'creditNo' }, drop: ['legalPersonName'] });
		assert.deepEqual(endpoints['GA.fraudRiskScore'].fields, { id_card: 'idCard', mobile: 'mobileNo' });
		assert.deepEqual(endpoints['OCR.idCard'], { fields: { image: 'imageBase64' } });
		assert.ok(report.dropped.some((drop) => drop.id === 'ENT.verifyThreeFactors' && drop.field === 'legalPersonName'));
		assert.ok(!report.constants.some((item) => item.key === 'side'), 'a two-value enum is not a constant');
		assert.ok(report.unmapped.some((item) => item.id === 'ENT.verifyThreeFactors' && item.property === 'remark'), 'a key matching no field is reported');
		assert.equal(report.fields.find((field) => field.property === 'realName')?.how, 'name');
	});

	it('reads list keys from the request and the response example, and a GET with query parameters', () => {
		const { profile } = fromOpenApi('openapi.json');
		assert.deepEqual(profile.endpoints?.['ENT.shareholders'], { list: { pageKey: 'pageNo', pageSizeKey: 'pageSize', itemsKey: 'records', totalKey: 'total_count' } });
		assert.deepEqual(profile.endpoints?.['CAR.vehicleFiveItems'], { path: '/apis/tt/gw/car/v1/fiveitems', method: 'GET', fields: { plate_no: 'plateNo' } });
		assert.deepEqual(profile.endpoints?.['GA.badRecord'], { path: '/v2/gateway/ga/badRecord' }, 'no body documented: nothing dropped');
	});

	it('reads codes from a markdown table and from x-enum-descriptions, emitting only what differs from the package', () => {
		const { profile, report } = fromOpenApi('openapi.json');
		assert.deepEqual(profile.codes, {
			'300000': { kind: 'noData', meaning: '查无数据' },
			[CODE.internal]: { kind: 'noData', meaning: '查无此记录' },
			[CODE.noData]: { kind: 'pending', meaning: '请求处理中' },
			'300004': { kind: 'rateLimit', meaning: '请求过于频繁' },
		});
		const outcome = Object.fromEntries(report.codes.map((code) => [code.code, code.outcome]));
		assert.equal(outcome[CODE.ok], 'known');
		assert.equal(outcome[CODE.badSignature], 'known');
		assert.equal(outcome[777777], 'unclassified');
		// An operation's own table giving a code another meaning: that endpoint's codes.
		assert.deepEqual(profile.endpoints?.['GA.fraudRiskScore'].codes, { '300000': { kind: 'pending', meaning: '评分计算中' } });
	});

	it('always passes checkProfile', () => {
		const { profile } = fromOpenApi('openapi.json');
		const parsed = checkProfile(JSON.parse(JSON.stringify(profile)));
		assert.equal(parsed.codes.get(300000)?.kind, 'noData');
	});
});

describe('profile builders: OpenAPI 3 (YAML) and Swagger 2', () => {
	it('maps by description, by example value and by synonym, and reads a code list in a tag', () => {
		const { profile, report } = fromOpenApi('openapi.yaml');
		assert.deepEqual(profile.endpoints?.['GA.multiLending'], {
			fields: { name: 'xingming', id_card: 'zj', mobile: 'phone_no' },
			constants: { channel: 'n8n' },
		});
		const how = Object.fromEntries(report.fields.map((field) => [field.property, field.how]));
		assert.deepEqual(
			{ xingming: how.xingming, zj: how.zj, phone_no: how.phone_no, p1: how.p1 },
			{ xingming: 'description', zj: 'value', phone_no: 'name', p1: 'value' },
		);
		assert.deepEqual(profile.endpoints?.['TAX.taxReport'], { fields: { credit_code: 'p1' } });
		// Two candidates for one field: the better one is mapped, the other reported as a guess.
		assert.deepEqual(profile.endpoints?.['ENT.abnormalOperations'], { path: '/apis/tt/gw/ent/v1/abnormal', fields: { keyword: 'entName' } });
		assert.ok(report.guesses.some((guess) => guess.property === 'uscc' && guess.field === 'keyword'));
		assert.deepEqual(profile.codes, { '300000': { kind: 'noData', meaning: '查无结果' } });
		assert.ok(report.codes.some((code) => code.code === CODE.rateLimit && code.outcome === 'known'));
	});

	it('reads a Swagger 2 body parameter, its basePath, a query parameter and x-apifox-enum codes', () => {
		const { profile } = fromOpenApi('swagger.json');
		assert.deepEqual(profile.endpoints?.['TAX.invoiceReport'], { path: '/apis/tt/gw/tax/v1/report2', fields: { credit_code: 'uscc' } });
		assert.deepEqual(profile.endpoints?.['OPT.onlineDuration'], { path: '/apis/tt/gw/opt/v1/duration', method: 'GET', fields: { mobile: 'tel' } });
		assert.deepEqual(profile.codes, { '400001': { kind: 'quota', meaning: '余额不足' } });
	});
});

describe('profile builders: cURL folder', () => {
	it('reads the documentation page format, -X/-d with double quotes, a GET query string and --data-binary', () => {
		const { profile, report } = build(readCurlFolder(join(dir, 'curl')));
		assert.deepEqual(profile.endpoints?.['GA.twoFactor'], { fields: { name: 'realName', id_card: 'certNo' } });
		assert.deepEqual(profile.endpoints?.['OPT.twoFactor'], { fields: { mobile: 'mobileNo' } });
		assert.deepEqual(profile.endpoints?.['CAR.vehicleConfiguration'], { path: '/apis/tt/gw/car/v1/config', method: 'GET', fields: { vin: 'vinCode' } });
		assert.deepEqual(profile.endpoints?.['EDU.educationLevel'], { fields: { id_card: 'idcard' } });
		assert.equal(report.matched.find((match) => match.id === 'EDU.educationLevel')?.how, 'path');
		assert.ok(report.skipped.some((item) => /异步通知/.test(item.what)), 'the notification cannot come from cURL');
		assert.ok(report.notes.some((note) => /readme\.txt: no curl command/.test(note)));
		checkProfile(JSON.parse(JSON.stringify(profile)));
	});

	it('parses the shell forms the documentation tools emit', () => {
		assert.deepEqual(parseCurl(`curl -XPOST https://h/a -d'{"a":1}'`)?.data, ['{"a":1}']);
		assert.equal(parseCurl(`curl --get https://h/a --data 'x=1'`)?.method, 'GET');
		assert.equal(parseCurl('curl --location "https://h/a?b=1" ^\n --data-raw "{\\"k\\":\\"v\\"}"')?.data[0], '{"k":"v"}');
		assert.equal(parseCurl('no command here'), undefined);
	});
});

describe('profile builders: pieces', () => {
	it('normalises names and reads code lines', () => {
		assert.equal(normaliseName('企业年报资产（非公开）接口'), normaliseName('企业年报资产(非公开)'));
		assert.equal(normaliseName('多头借贷 查询'), normaliseName('多头借贷'));
		assert.deepEqual(
			codesInText('| 300000 | 查无数据 |\n100001：AppKey无效\n2024-01-31 更新\n1. 先签名', 'x').map((code) => [code.code, code.text]),
			[
				[300000, '查无数据'],
				[100001, 'AppKey无效'],
			],
		);
		assert.equal(classifyCode('签名时间戳已过期'), 'clock');
		assert.equal(classifyCode('Too many requests'), 'rateLimit');
		assert.equal(classifyCode('参数不能为空'), 'input');
		assert.equal(classifyCode('见备注'), undefined);
	});
});

describe('profile builders: command line', () => {
	it('merges into an existing profile, field by field, and reports the changes', () => {
		const existing: GatewayProfile = {
			description: 'Hand-made.',
			codes: { '300000': 'transient' },
			endpoints: {
				公安实名二要素核验: { fields: { idNumber: 'cert' }, drop: ['name'] },
				'OPT.twoFactor': { path: '/old/path' },
			},
		};
		const file = join(dir, 'existing.json');
		writeFileSync(file, JSON.stringify(existing));
		const out = join(dir, 'merged.json');
		const result = run(['--from-openapi', join(dir, 'openapi.json'), '--merge', file, '--out', out]);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout, '', 'with --out, nothing on stdout');
		const merged = JSON.parse(readFileSync(out, 'utf8')) as GatewayProfile;
		assert.deepEqual(merged.endpoints?.['公安实名二要素核验'], {
			fields: { name: 'realName', id_card: 'certNo' },
			path: '/apis/tt/gw/ga/v1/idcheck',
			constants: { productCode: 'ID2' },
		});
		assert.equal(merged.endpoints?.['GA.twoFactor'], undefined, 'the existing key is kept');
		assert.deepEqual(merged.endpoints?.['OPT.twoFactor'], { path: '/old/path' }, 'what the document does not describe stays');
		assert.deepEqual(merged.codes?.['300000'], { kind: 'noData', meaning: '查无数据' });
		assert.match(merged.description ?? '', /^Hand-made\. Then: Built by/);
		assert.match(result.stderr, /公安实名二要素核验 › drop: − name/);
		assert.match(result.stderr, /公安实名二要素核验 › fields › id_card: added "certNo"/);
		assert.match(result.stderr, /codes › 300000: "transient" → /);
		checkProfile(merged);
	});

	it('fails clearly on a missing file, a broken document and bad arguments', () => {
		const missing = run(['--from-openapi', join(dir, 'nope.json')]);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /does not exist/);
		const broken = run(['--from-openapi', join(dir, 'broken.yaml')]);
		assert.equal(broken.code, 1);
		assert.match(broken.stderr, /neither JSON nor valid YAML/);
		const notOpenApi = run(['--from-openapi', join(dir, 'existing.json')]);
		assert.equal(notOpenApi.code, 1);
		assert.match(notOpenApi.stderr, /not an OpenAPI 3 or Swagger 2 document/);
		assert.equal(run(['--from-curl', join(dir, 'nowhere')]).code, 1);
		assert.equal(run([]).code, 2);
		assert.equal(run(['--from-openapi']).code, 2);
	});

	it('runs as a real command: profile JSON on stdout, the report on stderr', async () => {
		const result = await command;
		assert.equal(result.status, 0, result.stderr);
		const profile = JSON.parse(result.stdout) as GatewayProfile;
		checkProfile(profile);
		assert.deepEqual(profile.endpoints?.['GA.twoFactor']?.fields, { name: 'realName', id_card: 'certNo' });
		assert.match(result.stderr, /Matched:/);
		assert.match(result.stderr, /7 endpoints matched \(5 by name, 2 by path\), \d+ fields mapped \(\d+ guessed\), 1 dropped, 1 constant, 5 codes; 102 catalog endpoints not in the document/);
	});
});

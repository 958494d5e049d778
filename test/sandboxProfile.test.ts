/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- test code runs in Node, not inside n8n; it starts the sandbox command (with process.execPath) and holds published sample IDs and paths, no secrets */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';

import { ProfileError } from '../nodes/shared/profile/parse';
import type { GatewayProfile } from '../nodes/shared/profile/types';
import { CODE } from '../nodes/shared/transport/codes';
import type { LedgerEntry } from '../sandbox/ledger';
import { SANDBOX_CODES, startSandbox, type Sandbox } from '../sandbox/server';
import { FakeClock } from './support/fakeClock';
import { makePng } from './support/images';
import { signedFetch, type RawResponse } from './support/rawClient';
import { credentialFor } from './support/sandbox';

/*
 * The sandbox under a gateway profile: it must serve the gateway the profile describes, from the
 * catalog and the profile alone, so that a node applying the profile wrongly is refused. Every
 * expectation below is written out by hand from the profile, never computed by package code.
 */

const ID = '11010519491231002X';
const ID_2 = '110101199003074477';
const CREDIT_CODE = '91350100M000100Y43';
const MOBILE = '13800138000';
const NAME = '张三';
const image = makePng(8, 8).toString('base64');

const PROFILE: GatewayProfile = {
	description: 'Hand-written test profile: another gateway contract',
	codes: {
		'10000': { kind: 'success', meaning: '成功' },
		'300000': { kind: 'noData', meaning: '查无数据' },
		'400100': { kind: 'input', meaning: '参数错误' },
		'401001': { kind: 'auth', meaning: '签名错误' },
		'401002': { kind: 'auth', meaning: '接口未开通' },
		'401003': { kind: 'auth', meaning: 'AppKey不存在' },
		'401004': { kind: 'auth', meaning: '缺少请求头' },
		'401009': 'clock',
		'429001': 'rateLimit',
	},
	endpoints: {
		// A moved POST endpoint with renamed keys (by parameter name and by catalog key) and a constant.
		'GA.twoFactor': {
			path: '/v2/person/idcard/verify',
			fields: { name: 'realName', idNumber: 'certNo' },
			constants: { product: 'ID2' },
		},
		// Addressed by its Chinese name; now a GET endpoint.
		运营商三要素验证: {
			method: 'GET',
			path: '/v2/mobile/three',
			fields: { name: 'realName', id_card: 'certNo', mobile: 'mobileNo' },
		},
		// A dropped field, on the catalog path.
		'GA.fraudRiskScore': { fields: { name: 'realName', idNumber: 'certNo' }, drop: ['mobile'] },
		// A list with its own keys and paging keys.
		'ENT.shareholders': {
			path: '/v2/ent/holders',
			fields: { company: 'entName' },
			list: { itemsKey: 'rows', pageKey: 'pageNum', pageSizeKey: 'pageSize', totalKey: 'totalCount' },
		},
		// Only a code of its own: still at the catalog path, with the catalog keys.
		'ENT.keyPersonnel': { codes: { '300200': { kind: 'noData', meaning: '无主要人员数据' } } },
		'OCR.invoice': { path: '/v2/ocr/invoice', fields: { image: 'imageBase64' } },
		'TAX.taxReport': { fields: { credit_code: 'creditNo' } },
		// The task and its result.
		'IMP.request': { fields: { name: 'realName', idNumber: 'certNo' }, task: { taskIdKey: 'taskNo', statusKey: 'state' } },
		'IMP.result': { path: '/v2/imp/result', fields: { taskId: 'taskNo' } },
		'RPA_TAX.orderPush': { fields: { credit_code: 'creditNo', callback_url: 'notifyUrl' } },
		异步通知: { fields: { event: 'eventType', id: 'notifyId', orderId: 'orderNo', data: 'payload' } },
	},
};

const OLD = {
	twoFactor: '/apis/tt/gw/ga/v1/twofactor',
	threeFactor: '/apis/tt/gw/opt/v1/threefactor',
	fraudRiskScore: '/apis/tt/gw/ga/v1/fraudriskscore',
	shareholders: '/apis/tt/gw/ent/v1/shareholders',
	keyPersonnel: '/apis/tt/gw/ent/v1/keypersonnel',
	businessInfo: '/apis/tt/gw/ent/v1/businessinfo',
	invoice: '/apis/tt/gw/ocr/v1/invoice',
	taxReport: '/apis/tt/gw/tax/v1/taxreport',
	impRequest: '/apis/tt/gw/imp/v1/request',
	impResult: '/apis/tt/gw/imp/v1/result',
	orderPush: '/apis/tt/gw/rpa_tax/v1/orderpush',
};

const NEW = {
	twoFactor: '/v2/person/idcard/verify',
	threeFactor: '/v2/mobile/three',
	shareholders: '/v2/ent/holders',
	invoice: '/v2/ocr/invoice',
	impResult: '/v2/imp/result',
};

const data = (response: RawResponse) => response.body.data as Record<string, unknown>;

function lastEntry(sandbox: Sandbox): LedgerEntry {
	const entry = sandbox.ledger.entries.at(-1);
	assert.ok(entry, 'the ledger has an entry');
	return entry;
}

/** Asserts an unbilled refusal with the profile's invalid-parameter code, and what the ledger says. */
function assertRefused(sandbox: Sandbox, response: RawResponse, message: string | RegExp) {
	assert.equal(response.body.code, 400100, `expected a refusal, got ${JSON.stringify(response.body)}`);
	assert.equal(response.body.charge, 0);
	if (typeof message === 'string') assert.equal(response.body.message, message);
	else assert.match(String(response.body.message), message);
	const entry = lastEntry(sandbox);
	assert.equal(entry.billed, false);
	assert.equal(entry.code, 400100);
}

describe('sandbox under a gateway profile', () => {
	let sandbox: Sandbox;
	let credential: ReturnType<typeof credentialFor>;
	// The sandbox's time: tasks finish and notifications go out when the test moves it.
	const clock = new FakeClock();

	before(async () => {
		sandbox = await startSandbox({ profile: PROFILE, clock });
		credential = credentialFor(sandbox);
	});
	after(() => sandbox.close());
	afterEach(() => {
		sandbox.reset();
		sandbox.tasks.reset();
	});

	it('refuses a profile that does not pass checkProfile, listing the problems', async () => {
		await assert.rejects(
			startSandbox({ profile: { endpoints: { 'GA.noSuchThing': { path: '/x' }, 'GA.twoFactor': { fields: { nombre: 'realName' } } } } }),
			(error: unknown) => error instanceof ProfileError && error.problems.length === 2,
		);
		await assert.rejects(startSandbox({ profile: 'not an object' as unknown as GatewayProfile }), ProfileError);
	});

	it('refuses a profile that serves two endpoints at one path', async () => {
		await assert.rejects(
			startSandbox({ profile: { endpoints: { 'GA.badRecord': { path: OLD.twoFactor } } } }),
			/GA\.badRecord and GA\.twoFactor|GA\.twoFactor and GA\.badRecord/,
		);
	});

	it('serves a moved endpoint at its new path, under its wire keys and constant, with the profile’s success code', async () => {
		const response = await signedFetch(credential, 'POST', NEW.twoFactor, { realName: NAME, certNo: ID, product: 'ID2' });
		assert.equal(response.status, 200);
		assert.equal(response.body.code, 10000, JSON.stringify(response.body));
		assert.equal(response.body.charge, 1);
		assert.match(String(data(response).result), /^[12]$/);
		const entry = lastEntry(sandbox);
		assert.deepEqual(
			{ operation: entry.operation, path: entry.path, method: entry.method, billed: entry.billed, code: entry.code, keys: entry.keys },
			{ operation: 'GA.twoFactor', path: NEW.twoFactor, method: 'POST', billed: true, code: 10000, keys: ['certNo', 'product', 'realName'] },
		);
	});

	it('answers the same as the catalog gateway does for the same person', async () => {
		const plain = await startSandbox({});
		try {
			const before = await signedFetch(credentialFor(plain), 'POST', OLD.twoFactor, { name: NAME, id_card: ID_2 });
			const now = await signedFetch(credential, 'POST', NEW.twoFactor, { realName: NAME, certNo: ID_2, product: 'ID2' });
			assert.equal(before.body.code, CODE.ok);
			assert.equal(now.body.code, 10000);
			assert.deepEqual(now.body.data, before.body.data);
		} finally {
			await plain.close();
		}
	});

	it('answers the old path like any unknown path: 404, the profile’s unknown-endpoint code, unbilled', async () => {
		const response = await signedFetch(credential, 'POST', OLD.twoFactor, { name: NAME, id_card: ID });
		assert.equal(response.status, 404);
		assert.equal(response.body.code, 401002);
		assert.equal(response.body.charge, 0);
		const entry = lastEntry(sandbox);
		assert.equal(entry.operation, undefined);
		assert.equal(entry.billed, false);
		assert.deepEqual(entry.keys, ['id_card', 'name']);
		// The catalog path of a GET endpoint, and the new path under the old method.
		assert.equal((await signedFetch(credential, 'POST', OLD.threeFactor, { name: NAME, id_card: ID, mobile: MOBILE })).status, 404);
		assert.equal((await signedFetch(credential, 'POST', NEW.threeFactor, { realName: NAME, certNo: ID, mobileNo: MOBILE })).status, 404);
		assert.equal(sandbox.ledger.billed().length, 0);
	});

	it('refuses stale catalog keys, missing wire keys and missing or changed constants, unbilled, naming the key', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			// The stale key is named first: it says what went wrong better than the missing one.
			[{ name: NAME, certNo: ID, product: 'ID2' }, '参数 name 不应出现'],
			[{ certNo: ID, product: 'ID2' }, '缺少参数 realName'],
			[{ realName: NAME, name: NAME, certNo: ID, product: 'ID2' }, '参数 name 不应出现'],
			[{ realName: NAME, certNo: ID, id_card: ID, product: 'ID2' }, '参数 id_card 不应出现'],
			[{ realName: NAME, product: 'ID2' }, '缺少参数 certNo'],
			[{ realName: NAME, certNo: '110105194912310021', product: 'ID2' }, '参数 certNo 格式错误'],
			[{ realName: NAME, certNo: ID }, '缺少参数 product'],
			[{ realName: NAME, certNo: ID, product: 'ID3' }, '参数 product 应为 "ID2"'],
		];
		for (const [body, message] of cases) {
			const response = await signedFetch(credential, 'POST', NEW.twoFactor, body);
			assertRefused(sandbox, response, message);
		}
		assert.equal(sandbox.ledger.billed().length, 0);
		// Keys the profile does not know stay allowed (Extra Body Fields).
		const extra = await signedFetch(credential, 'POST', NEW.twoFactor, { realName: NAME, certNo: ID, product: 'ID2', channel: 'n8n' });
		assert.equal(extra.body.code, 10000);
		assert.deepEqual(lastEntry(sandbox).keys, ['certNo', 'channel', 'product', 'realName']);
	});

	it('refuses a dropped field and answers without it', async () => {
		const stale = await signedFetch(credential, 'POST', OLD.fraudRiskScore, { realName: NAME, certNo: ID, mobile: MOBILE });
		assertRefused(sandbox, stale, '参数 mobile 不应出现');
		const response = await signedFetch(credential, 'POST', OLD.fraudRiskScore, { realName: NAME, certNo: ID });
		assert.equal(response.body.code, 10000, JSON.stringify(response.body));
		assert.equal(response.body.charge, 1);
		assert.deepEqual(lastEntry(sandbox).keys, ['certNo', 'realName']);
	});

	it('serves a POST endpoint turned GET from the query string', async () => {
		const query = new URLSearchParams({ realName: NAME, certNo: ID, mobileNo: MOBILE });
		const response = await signedFetch(credential, 'GET', `${NEW.threeFactor}?${query}`);
		assert.ok(response.body.code === 10000 || response.body.code === 300000, JSON.stringify(response.body));
		const entry = lastEntry(sandbox);
		assert.deepEqual([entry.method, entry.operation, entry.keys], ['GET', 'OPT.threeFactor', ['certNo', 'mobileNo', 'realName']]);

		const stale = new URLSearchParams({ realName: NAME, certNo: ID, mobileNo: MOBILE, mobile: MOBILE });
		assertRefused(sandbox, await signedFetch(credential, 'GET', `${NEW.threeFactor}?${stale}`), '参数 mobile 不应出现');
		const missing = new URLSearchParams({ realName: NAME, certNo: ID });
		assertRefused(sandbox, await signedFetch(credential, 'GET', `${NEW.threeFactor}?${missing}`), '缺少参数 mobileNo');
		const invalid = new URLSearchParams({ realName: NAME, certNo: ID, mobileNo: '12345' });
		assertRefused(sandbox, await signedFetch(credential, 'GET', `${NEW.threeFactor}?${invalid}`), '参数 mobileNo 格式错误');
	});

	it('pages a list under the profile’s paging keys and answers under its list keys', async () => {
		const first = await signedFetch(credential, 'POST', NEW.shareholders, { entName: CREDIT_CODE, pageNum: 1, pageSize: 5 });
		assert.equal(first.body.code, 10000, JSON.stringify(first.body));
		assert.equal(first.body.charge, 1);
		assert.deepEqual(Object.keys(data(first)).sort(), ['pageNum', 'pageSize', 'rows', 'totalCount']);
		assert.equal(data(first).totalCount, 7);
		assert.equal(data(first).pageNum, 1);
		assert.equal(data(first).pageSize, 5);
		assert.equal((data(first).rows as unknown[]).length, 5);

		const second = await signedFetch(credential, 'POST', NEW.shareholders, { entName: CREDIT_CODE, pageNum: 2, pageSize: 5 });
		assert.equal(data(second).pageNum, 2);
		assert.equal((data(second).rows as unknown[]).length, 2);
		assert.deepEqual(lastEntry(sandbox).keys, ['entName', 'pageNum', 'pageSize']);

		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.shareholders, { entName: CREDIT_CODE, page: 1, pageSize: 5 }), '参数 page 不应出现');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.shareholders, { entName: CREDIT_CODE, page_size: 5 }), '参数 page_size 不应出现');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.shareholders, { keyword: CREDIT_CODE }), '参数 keyword 不应出现');
		// The fixture's own check of the page size, named by the wire key.
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.shareholders, { entName: CREDIT_CODE, pageSize: 100 }), '参数 pageSize 超出范围(1-50)');
		assert.equal(sandbox.ledger.billed().length, 2);
	});

	it('answers "no data" with the profile’s code: the endpoint’s own first, then the global one', async () => {
		const unknown = '不存在的公司';
		const global = await signedFetch(credential, 'POST', OLD.businessInfo, { keyword: unknown });
		assert.deepEqual([global.body.code, global.body.charge], [300000, 0]);
		const own = await signedFetch(credential, 'POST', OLD.keyPersonnel, { keyword: unknown });
		assert.deepEqual([own.body.code, own.body.charge], [300200, 0]);
		// An entry with only codes keeps the catalog's keys and paging.
		const found = await signedFetch(credential, 'POST', OLD.keyPersonnel, { keyword: CREDIT_CODE, page: 1, page_size: 2 });
		assert.equal(found.body.code, 10000);
		assert.deepEqual(Object.keys(data(found)).sort(), ['items', 'page', 'page_size', 'total']);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.operation, entry.code, entry.billed]),
			[
				['ENT.businessInfo', 300000, false],
				['ENT.keyPersonnel', 300200, false],
				['ENT.keyPersonnel', 10000, true],
			],
		);
	});

	it('reads an image under its wire key', async () => {
		const response = await signedFetch(credential, 'POST', NEW.invoice, { imageBase64: image });
		assert.equal(response.body.code, 10000);
		assert.equal(data(response).invoiceCode, '5106532891');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.invoice, { image }), '参数 image 不应出现');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.invoice, { imageBase64: Buffer.from('<html>').toString('base64') }), '参数 imageBase64 不是有效的图片');
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.billed, entry.keys]),
			[
				[true, ['imageBase64']],
				[false, ['image']],
				[false, ['imageBase64']],
			],
		);
	});

	it('runs a task: the task ID and status under the profile’s keys, the result asked by its own wire key', async () => {
		sandbox.tasks.configure({ delayMs: 300 });
		const accepted = await signedFetch(credential, 'POST', OLD.impRequest, { realName: NAME, certNo: ID });
		assert.equal(accepted.body.code, 10000, JSON.stringify(accepted.body));
		assert.equal(accepted.body.charge, 1);
		assert.deepEqual(Object.keys(data(accepted)).sort(), ['state', 'taskNo']);
		assert.equal(data(accepted).state, 'processing');
		const taskNo = String(data(accepted).taskNo);
		assert.match(taskNo, /^IMP/);

		const pending = await signedFetch(credential, 'POST', NEW.impResult, { taskNo });
		assert.deepEqual([pending.body.code, pending.body.charge], [SANDBOX_CODES.pending, 0], 'no pending code in the profile: the default');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.impResult, { task_id: taskNo }), '参数 task_id 不应出现');
		assertRefused(sandbox, await signedFetch(credential, 'POST', NEW.impResult, { taskNo: 'IMP-NOPE' }), '任务不存在: IMP-NOPE');
		assert.equal((await signedFetch(credential, 'POST', OLD.impResult, { task_id: taskNo })).status, 404);

		await clock.advance(299);
		assert.equal((await signedFetch(credential, 'POST', NEW.impResult, { taskNo })).body.code, SANDBOX_CODES.pending, 'still processing just before 300 ms');
		await clock.advance(1);
		const done = await signedFetch(credential, 'POST', NEW.impResult, { taskNo });
		assert.equal(done.body.code, 10000, JSON.stringify(done.body));
		assert.equal(done.body.charge, 0);
		assert.equal(data(done).taskNo, taskNo);
		assert.match(String(data(done).state), /^(done|failed)$/);
		assert.equal(data(done).status, undefined);
		assert.equal(data(done).task_id, undefined);
		assert.equal(sandbox.ledger.billed().length, 1);
	});

	it('uses the profile’s codes for auth, clock, rate limit and quota situations', async () => {
		const badSecret = await signedFetch(credentialFor(sandbox, { appSecret: 'wrong' }), 'POST', NEW.twoFactor, { realName: NAME, certNo: ID, product: 'ID2' });
		assert.equal(badSecret.body.code, 401001);
		const unknownKey = await signedFetch(credentialFor(sandbox, { appKey: 'nobody' }), 'POST', NEW.twoFactor, {});
		assert.equal(unknownKey.body.code, 401003);
		const unsigned = (await (await fetch(`${sandbox.url}${NEW.twoFactor}`, { method: 'POST', body: '{}' })).json()) as { code: number };
		assert.equal(unsigned.code, 401004);
		const stale = await signedFetch(credential, 'POST', NEW.twoFactor, {}, (signed) => {
			signed.headers['X-CBT-TIMESTAMP'] = String(Math.floor(clock.now() / 1000) - 1000);
		});
		assert.equal(stale.body.code, 401009);
		// Injected default codes become the profile's code of the same kind; codes without one stay.
		sandbox.inject({ kind: 'code', code: SANDBOX_CODES.rateLimit });
		assert.equal((await signedFetch(credential, 'POST', NEW.invoice, { imageBase64: image })).body.code, 429001);
		sandbox.inject({ kind: 'code', code: SANDBOX_CODES.quota });
		assert.equal((await signedFetch(credential, 'POST', NEW.invoice, { imageBase64: image })).body.code, SANDBOX_CODES.quota);
		sandbox.inject({ kind: 'code', code: 401002, charge: 0 });
		assert.equal((await signedFetch(credential, 'POST', NEW.invoice, { imageBase64: image })).body.code, 401002);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]),
			[
				[401001, false],
				[401003, false],
				[401004, false],
				[401009, false],
				[429001, false],
				[SANDBOX_CODES.quota, false],
				[401002, false],
			],
		);
	});

	it('sends the notification with the profile’s field names', async () => {
		const received: Array<Record<string, unknown>> = [];
		const receiver: Server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end('{"code":0}');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			sandbox.tasks.configure({ delayMs: 50 });
			const callback = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			assertRefused(sandbox, await signedFetch(credential, 'POST', OLD.orderPush, { creditNo: CREDIT_CODE, callback_url: callback }), '参数 callback_url 不应出现');
			const pushed = await signedFetch(credential, 'POST', OLD.orderPush, { creditNo: CREDIT_CODE, notifyUrl: callback });
			assert.equal(pushed.body.code, 10000, JSON.stringify(pushed.body));
			const orderId = String(data(pushed).order_id);
			assert.equal(sandbox.tasks.pendingNotifications, 1, 'waiting for the collection to end');
			await clock.advance(50);
			await sandbox.tasks.settled();
			assert.equal(received.length, 1);
			const [notification] = received;
			assert.deepEqual(Object.keys(notification).sort(), ['eventType', 'notifyId', 'orderNo', 'payload', 'timestamp']);
			assert.equal(notification.orderNo, orderId);
			assert.match(String(notification.eventType), /^rpa_tax\.order\.(completed|failed)$/);
			assert.match(String(notification.notifyId), /^NT/);
			assert.equal((notification.payload as Record<string, unknown>).credit_code, CREDIT_CODE);
		} finally {
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});

	it('serves the ledger with the request keys over HTTP', async () => {
		await signedFetch(credential, 'POST', NEW.twoFactor, { realName: NAME, certNo: ID, product: 'ID2' });
		await signedFetch(credential, 'POST', NEW.twoFactor, { name: NAME, certNo: ID, product: 'ID2' });
		const query = new URLSearchParams({ realName: NAME, certNo: ID, mobileNo: MOBILE });
		await signedFetch(credential, 'GET', `${NEW.threeFactor}?${query}`);
		const entries = (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as LedgerEntry[];
		assert.deepEqual(
			entries.map((entry) => [entry.method, entry.keys, entry.billed]),
			[
				['POST', ['certNo', 'product', 'realName'], true],
				['POST', ['certNo', 'name', 'product'], false],
				['GET', ['certNo', 'mobileNo', 'realName'], entries[2].code === 10000],
			],
		);
	});
});

describe('sandbox without a profile', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({});
	});
	after(() => sandbox.close());

	it('serves the catalog paths and keys as before, and the profile’s paths are unknown', async () => {
		const credential = credentialFor(sandbox);
		const response = await signedFetch(credential, 'POST', OLD.twoFactor, { name: NAME, id_card: ID });
		assert.equal(response.body.code, CODE.ok);
		assert.equal(response.body.charge, 1);
		const renamed = await signedFetch(credential, 'POST', OLD.twoFactor, { realName: NAME, certNo: ID });
		assert.deepEqual([renamed.body.code, renamed.body.message, renamed.body.charge], [CODE.invalidParameter, '缺少参数 name', 0]);
		const moved = await signedFetch(credential, 'POST', NEW.twoFactor, { realName: NAME, certNo: ID, product: 'ID2' });
		assert.deepEqual([moved.status, moved.body.code, moved.body.charge], [404, CODE.unknownEndpoint, 0]);
		const list = await signedFetch(credential, 'POST', OLD.shareholders, { keyword: CREDIT_CODE, page: 2, page_size: 5 });
		assert.deepEqual(Object.keys(data(list)).sort(), ['items', 'page', 'page_size', 'total']);
		assert.equal(data(list).total, 7);
		const unknown = await signedFetch(credential, 'POST', OLD.businessInfo, { keyword: '不存在的公司' });
		assert.deepEqual([unknown.body.code, unknown.body.charge], [CODE.noData, 0]);
		assert.deepEqual(
			sandbox.ledger.entries.map((entry) => entry.keys),
			[['id_card', 'name'], ['certNo', 'realName'], ['certNo', 'product', 'realName'], ['keyword', 'page', 'page_size'], ['keyword']],
		);
		// [] when a body is not a JSON object.
		await fetch(`${sandbox.url}${OLD.invoice}`, { method: 'POST', body: 'not json' });
		assert.deepEqual(lastEntry(sandbox).keys, []);
	});

	it('keeps the task and notification keys of the catalog', async () => {
		sandbox.tasks.configure({ delayMs: 50 });
		try {
			const accepted = await signedFetch(credentialFor(sandbox), 'POST', OLD.impRequest, { name: NAME, idcard: ID });
			assert.equal(accepted.body.code, CODE.ok);
			assert.deepEqual(Object.keys(data(accepted)).sort(), ['status', 'task_id']);
		} finally {
			sandbox.tasks.reset();
		}
	});
});

describe('npm run sandbox -- --profile', () => {
	const directory = mkdtempSync(join(tmpdir(), 'cbt-profile-'));
	after(() => rmSync(directory, { recursive: true, force: true }));

	function runCli(args: string[], until: RegExp | undefined): Promise<{ code: number | null; stdout: string; stderr: string }> {
		return new Promise((resolve, reject) => {
			// A command that neither finishes nor prints what is awaited is killed after 30 s (spawn's own timeout).
			const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', ...args], {
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 30_000,
				killSignal: 'SIGKILL',
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => {
				stdout += chunk.toString();
				if (until && until.test(stdout)) child.kill('SIGTERM');
			});
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
			});
			child.on('exit', (code, signal) => {
				if (signal === 'SIGKILL') reject(new Error(`the sandbox command did not finish: ${stdout}${stderr}`));
				else resolve({ code, stdout, stderr });
			});
		});
	}

	it('starts under a profile and prints what it changes', async () => {
		const file = join(directory, 'profile.json');
		writeFileSync(file, JSON.stringify(PROFILE));
		const { stdout } = await runCli(['--profile', file], /Old paths of moved endpoints/);
		assert.match(stdout, /listening on http:\/\/127\.0\.0\.1:\d+/);
		assert.match(stdout, /changes 11 endpoints \(5 on another path or method\)/);
		assert.match(stdout, /GA\.twoFactor 公安实名二要素核验: POST \/v2\/person\/idcard\/verify {3}\(was POST \/apis\/tt\/gw\/ga\/v1\/twofactor\)/);
		assert.match(stdout, /OPT\.threeFactor 运营商三要素验证: GET \/v2\/mobile\/three/);
		assert.match(stdout, /fields name → realName, id_card → certNo/);
	});

	it('lists every problem of a profile and exits 1', async () => {
		const file = join(directory, 'bad.json');
		writeFileSync(file, JSON.stringify({ endpoints: { 'GA.twoFactr': {}, 'GA.twoFactor': { fields: { nombre: 'realName' } } } }));
		const { code, stderr } = await runCli(['--profile', file], undefined);
		assert.equal(code, 1);
		assert.match(stderr, /2 problems/);
		assert.match(stderr, /Did you mean "GA\.twoFactor"\?/);
		assert.match(stderr, /"nombre": no such field/);

		const broken = join(directory, 'broken.json');
		writeFileSync(broken, '{ "endpoints": ');
		const result = await runCli(['--profile', broken], undefined);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /not valid JSON/);
	});
});

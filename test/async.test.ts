/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PAGING } from '../nodes/shared/execution/calls/paged';
import { RPA_TAX_ENDPOINTS } from '../nodes/shared/catalog';
import { CODE } from '../nodes/shared/transport/codes';
import { lookupFails } from '../sandbox/fixtures/imp';
import { collectionFails } from '../sandbox/fixtures/rpaTax';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow, usePackageClock } from './harness/harness';
import { FakeClock } from './support/fakeClock';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

const HOLDER = { name: '王小明', idNumber: '110101199003074477' };
const FAILING_HOLDER = { name: '李四', idNumber: '11010519491231002X' };
const COMPANY = '91330100716105852F';

/*
 * The sandbox and the node share one fake clock: a task takes its time on it, the node's polls wait
 * on it, and the test moves it. Nothing here waits for real time to pass.
 */
describe('CBT Real Estate › request and result', () => {
	let sandbox: Sandbox;
	const clock = new FakeClock();
	let restoreClock: () => void;
	before(async () => {
		sandbox = await startSandbox({ clock });
		restoreClock = usePackageClock(clock);
		assert.equal(lookupFails(HOLDER.idNumber), false, 'HOLDER must be a lookup that succeeds');
		assert.equal(lookupFails(FAILING_HOLDER.idNumber), true, 'FAILING_HOLDER must be a lookup that fails');
	});
	after(async () => {
		restoreClock();
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		sandbox.tasks.reset();
		clock.sleeps.length = 0;
	});

	const run = (parameters: INodeParameters) =>
		runWorkflow(singleNodeWorkflow('cbtRealEstate', parameters), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: [{ json: {} }] },
		});

	it('Request without waiting outputs the task ID at once', async () => {
		sandbox.tasks.configure({ delayMs: 60_000 });
		const result = await run({ operation: 'request', ...HOLDER });
		assert.equal(result.workflowError, undefined);
		const [item] = result.output('CBT');
		assert.match(String(item.json.task_id), /^IMP\d{14}/);
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [['IMP.request', true]]);
		assert.deepEqual(clock.sleeps, [], 'nothing waited');
	});

	it('Wait for Result polls Get Result until the sandbox has finished, and outputs the result', async () => {
		sandbox.tasks.configure({ delayMs: 1_500 });
		const started = clock.now();
		const result = await clock.drive(
			run({ operation: 'request', ...HOLDER, waitForResult: true, pollIntervalSeconds: 1, waitTimeoutSeconds: 20, options: { includeMetadata: true } }),
		);
		assert.equal(result.workflowError, undefined, result.workflowError?.message);
		const [item] = result.output('CBT');
		assert.equal(item.json.status, 'done');
		const taskId = String(item.json.task_id);

		// A poll every second: at 1 s the task (1.5 s) is still processing, at 2 s it is done, and then no more polls.
		assert.deepEqual(clock.sleeps, [1_000, 1_000]);
		const entries = sandbox.ledger.entries;
		assert.deepEqual(
			entries.map((entry) => [entry.operation, entry.at - started, entry.code]),
			[
				['IMP.request', 0, CODE.ok],
				['IMP.result', 1_000, CODE.pending],
				['IMP.result', 2_000, CODE.ok],
			],
		);
		// Waiting costs exactly what the gateway billed: the request, plus the polls it billed.
		assert.equal((item.json._cbt as IDataObject).billed, entries.some((entry) => entry.billed));

		// The same result is what Get Result gives for the task ID afterwards.
		sandbox.reset();
		const later = await run({ operation: 'result', taskId });
		const waited = { ...item.json };
		delete waited._cbt;
		assert.deepEqual(later.output('CBT')[0].json, waited);
	});

	it('a shorter timeout fails with an error naming the task ID, which Get Result can use later', async () => {
		sandbox.tasks.configure({ delayMs: 2_500 });
		const started = clock.now();
		const result = await clock.drive(run({ operation: 'request', ...HOLDER, waitForResult: true, pollIntervalSeconds: 1, waitTimeoutSeconds: 1 }));
		const error = result.error('CBT');
		assert.ok(error, 'the node failed');
		const match = /^Item 0: task (IMP\S+) did not finish within 1 seconds$/.exec(error.message);
		assert.ok(match, error.message);
		const taskId = match[1];
		assert.ok(error.description?.includes(`Task ID: ${taskId}`), error.description);
		assert.ok(error.description?.includes('Get Result'), error.description);
		assert.ok(error.description?.includes('Polled 1 time; the gateway billed 0 of the polls'), error.description);
		assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.code]), [
			['IMP.request', CODE.ok],
			['IMP.result', CODE.pending],
		]);
		assert.equal(clock.now() - started, 1_000, 'one poll interval, within the timeout');

		// Just before the task's 2.5 s it is still processing; at 2.5 s Get Result has it.
		await clock.advance(1_499);
		const early = await run({ operation: 'result', taskId });
		assert.match(early.error('CBT')?.message ?? '', /Still processing/);
		await clock.advance(1);
		const later = await run({ operation: 'result', taskId });
		assert.equal(later.output('CBT')[0].json.task_id, taskId);
		assert.equal(later.output('CBT')[0].json.status, 'done');
	});

	it('stops waiting when the task reports a failure', async () => {
		sandbox.tasks.configure({ delayMs: 500 });
		const result = await clock.drive(run({ operation: 'request', ...FAILING_HOLDER, waitForResult: true, pollIntervalSeconds: 1, waitTimeoutSeconds: 20 }));
		const error = result.error('CBT');
		assert.match(error?.message ?? '', /^Item 0: task IMP\S+ failed: 不动产登记中心查询超时/);
		assert.equal(sandbox.ledger.forOperation('IMP.result').length, 1, 'no poll after the failure');
		assert.deepEqual(clock.sleeps, [1_000]);
	});

	it('Get Result before the task is done says it is still processing, unbilled', async () => {
		sandbox.tasks.configure({ delayMs: 60_000 });
		const requested = await run({ operation: 'request', ...HOLDER });
		const taskId = String(requested.output('CBT')[0].json.task_id);
		const result = await run({ operation: 'result', taskId });
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`^Item 0: Gateway error ${CODE.pending} \\(Still processing\\)`));
		assert.equal(sandbox.ledger.entries.at(-1)?.billed, false);
	});

	it('an invalid ID number fails before any call', async () => {
		const result = await run({ operation: 'request', name: HOLDER.name, idNumber: '110101199003074478', waitForResult: true });
		assert.match(result.error('CBT')?.message ?? '', /^Item 0, field 'Holder ID Number': /);
		assert.equal(sandbox.ledger.entries.length, 0);
	});
});

describe('CBT Tax Data › every operation against the sandbox', () => {
	let sandbox: Sandbox;
	let orderId: string;
	const clock = new FakeClock();
	before(async () => {
		sandbox = await startSandbox({ clock });
		assert.equal(collectionFails(COMPANY), false, 'COMPANY must be a collection that succeeds');
	});
	after(() => sandbox.close());

	const run = (parameters: INodeParameters) =>
		runWorkflow(singleNodeWorkflow('cbtTaxData', parameters), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: [{ json: {} }] },
		});

	it('Push Order starts a collection and returns its order ID', async () => {
		sandbox.tasks.configure({ delayMs: 600 });
		const result = await run({ operation: 'orderPush', creditCode: COMPANY, companyName: '杭州示例科技有限公司' });
		assert.equal(result.workflowError, undefined, result.workflowError?.message);
		const [item] = result.output('CBT');
		assert.equal(item.json.status, 'collecting');
		orderId = String(item.json.order_id);
		assert.match(orderId, /^RT\d{14}/);
	});

	it('before the collection ends, the data operations say "still processing" and are not billed', async () => {
		sandbox.reset();
		const result = await run({ operation: 'companyBasics', orderId });
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.pending}`));
		assert.deepEqual(sandbox.ledger.entries.map((entry) => entry.billed), [false]);
	});

	it('after it, every other operation answers once with data', async () => {
		await clock.advance(600);
		for (const endpoint of RPA_TAX_ENDPOINTS.filter((candidate) => candidate.operation !== 'orderPush')) {
			sandbox.reset();
			const result = await run({ operation: endpoint.operation, orderId });
			assert.equal(result.workflowError, undefined, `${endpoint.operation}: ${result.workflowError?.message}`);
			const output = result.output('CBT');
			const calls = sandbox.ledger.forOperation(`RPA_TAX.${endpoint.operation}`);
			assert.equal(calls.length, 1, `${endpoint.operation} was called once`);
			assert.equal(calls[0].code, CODE.ok, endpoint.operation);
			assert.equal(calls[0].path, endpoint.path);
			if (endpoint.output.kind === 'object') {
				assert.equal(output.length, 1, endpoint.operation);
				const record = output[0].json;
				const ids = [record.order_id, (record.taxpayer as IDataObject | undefined)?.order_id];
				assert.ok(ids.includes(orderId), `${endpoint.operation} answers for the order`);
			} else if (endpoint.operation !== 'arrears') {
				assert.ok(output.length > 0, `${endpoint.operation} returned records`);
			}
		}
	});

	it('sales invoices page with Return All until the end, and stop at Limit', async () => {
		sandbox.reset();
		const all = await run({ operation: 'salesInvoices', orderId, returnAll: true });
		const pages = sandbox.ledger.forOperation('RPA_TAX.salesInvoices');
		const invoices = all.output('CBT');
		assert.ok(invoices.length > PAGING.maxPageSize, 'the sandbox has more than one page');
		assert.equal(pages.length, Math.ceil(invoices.length / PAGING.maxPageSize));
		assert.equal(new Set(invoices.map((item) => `${item.json.invoice_code}-${item.json.invoice_no}`)).size, invoices.length, 'no invoice twice');

		sandbox.reset();
		const limited = await run({ operation: 'salesInvoices', orderId, returnAll: false, limit: 7 });
		assert.deepEqual(limited.output('CBT').map((item) => item.json), invoices.slice(0, 7).map((item) => item.json));
		assert.equal(sandbox.ledger.entries.length, 1);

		sandbox.reset();
		const march = await run({ operation: 'purchaseInvoices', orderId, returnAll: true, startDate: '2024-03-01', endDate: '2024-03-31' });
		assert.ok(march.output('CBT').every((item) => String(item.json.issue_date).startsWith('2024-03')));
	});

	it('an unknown order ID is an invalid parameter, not billed', async () => {
		sandbox.reset();
		const result = await run({ operation: 'balanceSheet', orderId: 'RT-NOT-AN-ORDER' });
		assert.match(result.error('CBT')?.message ?? '', new RegExp(`Gateway error ${CODE.invalidParameter}`));
		assert.equal(sandbox.ledger.entries[0].billed, false);
	});
});

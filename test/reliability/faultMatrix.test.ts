/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeExecutionData } from 'n8n-workflow';

import { CODE } from '../../nodes/shared/transport/codes';
import type { Fault } from '../../sandbox/faults';
import { fixtureFor } from '../../sandbox/fixtures';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { runWorkflow } from '../harness/harness';
import { credentialFor, SANDBOX_APP_KEY, SANDBOX_APP_SECRET, freePort } from '../support/sandbox';
import { singleNodeWorkflow } from '../support/workflows';
import { person } from './support/people';
import { writeSummary } from './support/summary';

/*
 * Every fault the network and the gateway can produce, against "continue on fail" on and off and
 * concurrency 1 and 5, on a batch of 4 identity checks (each a distinct person, so each item has
 * its own request fingerprint in the sandbox's ledger). For every run: every input item gives
 * exactly one output item, or the run stops with an error naming an item; no request is billed
 * twice; the error says what happened and what to do.
 */

const ITEMS = 4;
// People the sandbox has a record for, so that only the injected faults make an item fail.
const twoFactor = fixtureFor('GA', 'twoFactor');
const PEOPLE = Array.from({ length: 40 }, (_, index) => person(index))
	.filter((entry) => twoFactor && 'data' in twoFactor({ name: entry.name, id_card: entry.idNumber }))
	.slice(0, ITEMS);
const INPUTS = PEOPLE.map((entry) => ({ json: entry }));

interface FaultCase {
	name: string;
	/** Injected into the shared sandbox before the run. */
	fault?: Fault;
	/** A sandbox of its own (clock skew). */
	sandbox?: SandboxOptions;
	/** Nothing listens at the Base URL. */
	refused?: boolean;
	/** How many of the 4 items fail: the fault's `times`, or all of them. */
	failing: number;
	/** What happened. */
	message: RegExp;
	/** What to do. */
	advice: RegExp;
	/** The failed request was billed (the fault struck after the gateway did the work). */
	billedWhenFailed?: boolean;
}

/** The keys of an item that got the check's answer, and of an error item (continue on fail), written out by hand. */
const ANSWER_KEYS = ['desc', 'result', 'verdict'];
const ERROR_KEYS = ['error', 'errorDetails'];
/** The sandbox's result code and the verdict it must give: '1' the same person, '2' not. */
const VERDICT_OF: Record<string, [string, string]> = { '1': ['1', 'match'], '2': ['2', 'mismatch'] };

const MAY_BE_BILLED = /may have been billed\. Check before running this item again/;
const CHECK_RECORDS = /unknown whether the call was billed.*check the gateway's records for this item before running it again/;

const FAULTS: FaultCase[] = [
	{
		name: 'refused connection (nothing listening)',
		refused: true,
		failing: ITEMS,
		message: /^Could not connect to the gateway \(connection refused\)$/,
		advice: /was not sent, so it was not billed\. Check the Base URL in the credential and the network\. Tried 2 times\./,
	},
	{
		name: 'connection reset before billing',
		fault: { kind: 'reset', afterBilling: false },
		failing: 1,
		message: /^The connection to the gateway failed \(connection reset\)$/,
		advice: MAY_BE_BILLED,
	},
	{
		name: 'connection reset after billing',
		fault: { kind: 'reset', afterBilling: true },
		failing: 1,
		message: /^The connection to the gateway failed \(connection reset\)$/,
		advice: MAY_BE_BILLED,
		billedWhenFailed: true,
	},
	{
		name: 'timeout before billing',
		fault: { kind: 'hang', afterBilling: false },
		failing: 1,
		message: /^The gateway did not answer in time$/,
		advice: /may have billed it\. Check the gateway records before running this item again, or raise the timeout under Options/,
	},
	{
		name: 'timeout after billing',
		fault: { kind: 'hang', afterBilling: true },
		failing: 1,
		message: /^The gateway did not answer in time$/,
		advice: /may have billed it\. Check the gateway records before running this item again, or raise the timeout under Options/,
		billedWhenFailed: true,
	},
	{
		name: 'body stalls after billing',
		fault: { kind: 'slowBody', ms: 1_500 },
		failing: 1,
		message: /^The gateway did not answer in time$/,
		advice: /may have billed it\. Check the gateway records/,
		billedWhenFailed: true,
	},
	...[500, 502, 503, 504].map(
		(status): FaultCase => ({
			name: `HTTP ${status}`,
			fault: { kind: 'http', status },
			failing: 1,
			message: new RegExp(`^The gateway answered HTTP ${status}$`),
			advice: CHECK_RECORDS,
		}),
	),
	{
		name: 'HTTP 429 with Retry-After',
		fault: { kind: 'http', status: 429, retryAfterSeconds: 1 },
		failing: 0,
		message: /^$/,
		advice: /^$/,
	},
	{
		name: 'HTTP 429 without Retry-After',
		fault: { kind: 'http', status: 429 },
		failing: 0,
		message: /^$/,
		advice: /^$/,
	},
	{
		name: 'HTTP 429 that does not stop',
		fault: { kind: 'http', status: 429, times: 100 },
		failing: ITEMS,
		message: /^The gateway answered HTTP 429$/,
		advice: /lower Concurrency or raise Max Retries under Options.*Tried 2 times\./,
	},
	{
		name: 'malformed JSON after billing',
		fault: { kind: 'malformedJson' },
		failing: 1,
		message: /^The gateway’s answer was cut off or is not valid JSON$/,
		advice: /Request ID: \d{14}E[0-9A-F]{6}\d{7}\. It is unknown whether the call was billed: check the gateway's records for this item before running it again/,
		billedWhenFailed: true,
	},
	{
		name: 'truncated body after billing',
		fault: { kind: 'truncatedBody' },
		failing: 1,
		message: /^(The connection to the gateway failed|The gateway’s answer was cut off)/,
		advice: /may have been billed|unknown whether the call was billed/,
		billedWhenFailed: true,
	},
	{
		name: 'HTTP 200 that is not the envelope',
		fault: { kind: 'nonEnvelope' },
		failing: 1,
		message: /^The gateway answered with something that is not its JSON envelope$/,
		advice: /Check the Base URL in the credential and the path under Options; it is unknown whether the call was billed/,
	},
	{
		name: 'unknown gateway code, billed',
		fault: { kind: 'code', code: 987654, charge: 1, message: '未知错误' },
		failing: 1,
		message: /^Gateway error 987654 \(Unknown gateway code\): 未知错误$/,
		advice: /^Request ID: \S+\. Billed: yes\. See the gateway message; report the request ID to the gateway if it persists\.$/,
		billedWhenFailed: true,
	},
	{
		name: 'transient gateway error, not billed (retried)',
		fault: { kind: 'code', code: CODE.internal, charge: 0 },
		failing: 0,
		message: /^$/,
		advice: /^$/,
	},
	{
		name: 'transient gateway error, billed (not retried)',
		fault: { kind: 'code', code: CODE.internal, charge: 1 },
		failing: 1,
		message: new RegExp(`^Gateway error ${CODE.internal} \\(Gateway internal error\\)`),
		advice: /Billed: yes\. Try again later\./,
		billedWhenFailed: true,
	},
	{
		name: 'gateway rate-limit code, not billed (retried)',
		fault: { kind: 'code', code: CODE.rateLimit, charge: 0 },
		failing: 0,
		message: /^$/,
		advice: /^$/,
	},
	{
		name: 'balance exhausted',
		fault: { kind: 'code', code: CODE.quota, charge: 0 },
		failing: 1,
		message: new RegExp(`^Gateway error ${CODE.quota} \\(Balance exhausted\\)`),
		advice: /Billed: no\. Top up the account balance/,
	},
	{
		name: 'clock 10 minutes behind the gateway',
		sandbox: { clockOffsetSeconds: 600 },
		failing: ITEMS,
		message: new RegExp(`^Gateway error ${CODE.staleTimestamp} \\(Timestamp outside the allowed window\\)`),
		advice: /Billed: no\. This machine's clock is about (599|600|601) seconds \(\d+ min \d+ s\) behind the gateway's \(gateway time \S+Z\)\. Set this machine's clock right/,
	},
	{
		name: 'clock 2 hours ahead of the gateway',
		sandbox: { clockOffsetSeconds: -7_200 },
		failing: ITEMS,
		message: new RegExp(`^Gateway error ${CODE.staleTimestamp} \\(Timestamp outside the allowed window\\)`),
		advice: /This machine's clock is about (7199|7200|7201) seconds \(\d+ h \d+ min\) ahead of the gateway's/,
	},
];

const totals = { faultKinds: FAULTS.length, runs: 0, itemsIn: 0, itemsOut: 0, stoppedRuns: 0, itemsLost: 0, doubleBills: 0, callsSeen: 0 };

describe('fault matrix: every fault × continue on fail × concurrency', () => {
	let shared: Sandbox;
	before(async () => {
		shared = await startSandbox();
	});
	after(async () => {
		await shared.close();
		writeSummary('faultMatrix', totals);
	});

	for (const fault of FAULTS) {
		for (const continueOnFail of [true, false]) {
			for (const concurrency of [1, 5]) {
				it(`${fault.name} · continue on fail ${continueOnFail ? 'on' : 'off'} · concurrency ${concurrency}`, async () => {
					const own = fault.sandbox ? await startSandbox(fault.sandbox) : undefined;
					const sandbox = own ?? shared;
					sandbox.reset();
					if (fault.fault) sandbox.inject(fault.fault);
					const credential = fault.refused
						? { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: `http://127.0.0.1:${await freePort()}` }
						: credentialFor(sandbox);
					try {
						const parameters = {
							operation: 'twoFactor',
							name: '={{ $json.name }}',
							idNumber: '={{ $json.idNumber }}',
							options: { concurrency, timeoutSeconds: 1, maxRetries: 1 },
						};
						const result = await runWorkflow(
							singleNodeWorkflow('cbtIdentity', parameters, continueOnFail ? { onError: 'continueRegularOutput' } : {}),
							{ credentials: { cbtApi: credential }, inputs: { Input: INPUTS } },
						);
						const output = result.output('CBT');
						const error = result.error('CBT');
						totals.runs++;
						totals.itemsIn += ITEMS;
						totals.itemsOut += output.length;

						// No request billed twice: the ledger grouped by request fingerprint.
						const ledger = fault.refused ? [] : sandbox.ledger.entries;
						totals.callsSeen += ledger.length;
						const billedPerRequest = new Map<string, number>();
						for (const entry of ledger.filter((candidate) => candidate.billed)) {
							billedPerRequest.set(entry.fingerprint, (billedPerRequest.get(entry.fingerprint) ?? 0) + 1);
						}
						const twice = [...billedPerRequest.values()].filter((count) => count > 1).length;
						totals.doubleBills += twice;
						assert.equal(twice, 0, 'a request was billed twice');
						assert.ok(new Set(ledger.map((entry) => entry.fingerprint)).size <= ITEMS);

						if (continueOnFail || fault.failing === 0) {
							assert.equal(error, undefined, error?.message);
							totals.itemsLost += ITEMS - output.length;
							assert.equal(output.length, ITEMS, 'one output item per input item');
							assert.deepEqual(
								output.map((item) => item.pairedItem),
								INPUTS.map((_, index) => ({ item: index })),
							);
							const failedAt = output.flatMap((item, index) => (item.json.error === undefined ? [] : [index]));
							assert.equal(failedAt.length, fault.failing, summary(output));
							// One call at a time, a fault that strikes once strikes the first item.
							if (concurrency === 1 && fault.failing === 1) assert.deepEqual(failedAt, [0], summary(output));
							// Every row is either the error of its item or the whole answer for its person: nothing in between.
							for (const [index, item] of output.entries()) {
								if (failedAt.includes(index)) {
									assert.deepEqual(Object.keys(item.json).sort(), ERROR_KEYS, `item ${index}: an error item`);
									checkError(fault, index, String(item.json.error), String(item.json.errorDetails));
								} else {
									assert.deepEqual(Object.keys(item.json).sort(), ANSWER_KEYS, `item ${index}: the gateway's answer`);
									assert.deepEqual([item.json.result, item.json.verdict], VERDICT_OF[String(item.json.result)], `item ${index}`);
								}
							}
							// Every successful item was billed exactly once; a failure after billing adds its one entry.
							if (!fault.refused) {
								const expected = ITEMS - fault.failing + (fault.billedWhenFailed ? fault.failing : 0);
								assert.equal(billedPerRequest.size, expected, 'billed requests');
							}
						} else {
							// The run stops with an error naming the item; nothing is output.
							assert.ok(error, 'the run stopped');
							totals.stoppedRuns++;
							assert.equal(output.length, 0);
							const index = Number(/^Item (\d+): /.exec(error.message)?.[1]);
							assert.ok(index >= 0 && index < ITEMS, `the error names an item: ${error.message}`);
							checkError(fault, index, error.message, String(error.description));
							if (concurrency === 1 && !fault.refused) {
								// Once an item failed, no later item was sent (and paid for).
								const sent = new Set(ledger.map((entry) => entry.fingerprint)).size;
								assert.ok(sent <= index + 1, `${sent} requests were sent, though item ${index} stopped the run`);
							}
						}
					} finally {
						await own?.close();
					}
				});
			}
		}
	}
});

function summary(output: INodeExecutionData[]): string {
	return JSON.stringify(output.map((item) => item.json.error ?? 'ok'));
}

function checkError(fault: FaultCase, index: number, message: string, description: string): void {
	const prefix = `Item ${index}: `;
	assert.ok(message.startsWith(prefix), `"${message}" names item ${index}`);
	assert.match(message.slice(prefix.length), fault.message);
	assert.match(description, fault.advice);
	assert.doesNotMatch(`${message} ${description}`, /X-CBT-SIGNATURE|sandbox-app-secret/i);
}

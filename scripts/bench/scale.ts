/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark child process */
/**
 * Scale (a child of `npm run bench`, in a fresh process): `items` distinct people through CBT
 * Identity & Risk's Name and ID Check (公安实名二要素核验) at concurrency 20, name and ID number
 * mapped by expressions as a user maps them. Wall time of the node, and memory above the baseline
 * (after loading, a warm-up and a GC): the peak RSS, sampled every 20 ms, and the heap the finished
 * run still holds after a GC (n8n keeps every node's input and output items until the execution ends).
 *
 * Checkpoints on the way (when the node sends its 5,000th call, its 10,000th, …): the time since
 * its first call, and the heap after a GC — what the run holds grows with the items done, and
 * should grow by the same amount per item all the way. The calls are counted by wrapping the
 * credential's authenticate, which n8n calls once per request.
 *
 * argv: sandbox URL, items, concurrency, checkpoints (comma-separated call counts).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { loadPackage, runWorkflow } from '../../test/harness/harness';
import { singleNodeWorkflow } from '../../test/support/workflows';
import { credential, failChild, fixedWidth, reportAndExit } from './common';

export interface Checkpoint {
	/** Calls sent so far (the items the node has started). */
	calls: number;
	/** Seconds since the node's first call (the last checkpoint: until the run was over). */
	seconds: number;
	/** Heap after a GC, and RSS, above the baseline. */
	heapAbove: number;
	rssAbove: number;
}

export interface ScaleResult {
	items: number;
	checkpoints: Checkpoint[];
	ok: number;
	concurrency: number;
	nodeSeconds: number;
	nodeCpuMs: number;
	/** Peak RSS above the baseline during the run, and heap used after it (before the run's data is dropped). */
	peakRssAbove: number;
	heapHeldAbove: number;
}

const [url, itemsArgument, concurrencyArgument, checkpointsArgument] = process.argv.slice(2);
const ITEMS = Number(itemsArgument ?? 20_000);
const CONCURRENCY = Number(concurrencyArgument ?? 20);
const CHECKPOINTS = new Set((checkpointsArgument ?? '5000,10000').split(',').filter(Boolean).map(Number));

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** Distinct, valid resident ID numbers (GB 11643: Beijing Dongcheng, a birth date, a sequence, the check character). */
function person(index: number): { name: string; id: string } {
	const birth = new Date(Date.UTC(1950, 0, 1) + (index % 18_000) * 86_400_000);
	const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
	const first17 = `110101${date}${String(Math.floor(index / 18_000) * 7 + 100 + (index % 7)).padStart(3, '0')}`;
	const sum = WEIGHTS.reduce((total, weight, at) => total + weight * Number(first17[at]), 0);
	const name = SURNAMES[index % SURNAMES.length] + GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length] + GIVEN[index % GIVEN.length];
	return { name, id: first17 + CHECK[sum % 11] };
}

async function main(): Promise<ScaleResult> {
	const people = Array.from({ length: ITEMS }, (_, index) => person(index));
	if (new Set(people.map((one) => one.id)).size !== ITEMS) throw new Error('the generated ID numbers are not distinct');
	const workflow = singleNodeWorkflow('cbtIdentity', {
		operation: 'twoFactor',
		name: '={{ $json.name }}',
		idNumber: '={{ $json.id }}',
		options: fixedWidth(CONCURRENCY),
	});
	const run = async (count: number) =>
		await runWorkflow(workflow, { credentials: { cbtApi: credential(url) }, inputs: { Input: people.slice(0, count).map((json) => ({ json })) }, sampleMemory: false });
	const warm = await run(200);
	if (warm.output('CBT').length === 0) throw new Error(`warm-up: ${warm.error('CBT')?.message ?? warm.workflowError?.message ?? 'no output'}`);

	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');
	gc();
	gc();
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;

	const checkpoints: Checkpoint[] = [];
	const credentialType = (await loadPackage()).credentials.get('cbtApi');
	type Authenticate = (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	const authenticate = credentialType?.authenticate as Authenticate | undefined;
	if (!credentialType || typeof authenticate !== 'function') throw new Error('the built cbtApi credential has no authenticate function');
	let calls = 0;
	let firstCall = 0;
	credentialType.authenticate = async (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => {
		calls++;
		if (calls === 1) firstCall = Date.now();
		if (CHECKPOINTS.has(calls)) {
			const seconds = (Date.now() - firstCall) / 1000;
			gc();
			const now = process.memoryUsage();
			checkpoints.push({ calls, seconds, heapAbove: now.heapUsed - baseline.heapUsed, rssAbove: now.rss - baseline.rss });
		}
		return await authenticate(credentials, options);
	};
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
	}, 20);
	const result = await run(ITEMS);
	const lastCallDone = (Date.now() - firstCall) / 1000;
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	credentialType.authenticate = authenticate;
	// What the run's data holds: a GC while the result is still referenced.
	gc();
	const after = process.memoryUsage();
	checkpoints.push({ calls, seconds: lastCallDone, heapAbove: after.heapUsed - baseline.heapUsed, rssAbove: after.rss - baseline.rss });
	const output = result.output('CBT');
	const ok = output.filter((item) => !item.json.error).length;
	if (ok < ITEMS) console.log(`  ${ITEMS} items: ${ITEMS - ok} not answered; the first: ${JSON.stringify(output.find((item) => item.json.error)?.json.error ?? result.error('CBT')?.message).slice(0, 200)}`);
	return {
		items: ITEMS,
		checkpoints,
		ok,
		concurrency: CONCURRENCY,
		nodeSeconds: result.timings.CBT.wallMs / 1000,
		nodeCpuMs: result.timings.CBT.cpuMs,
		peakRssAbove: peakRss - baseline.rss,
		heapHeldAbove: after.heapUsed - baseline.heapUsed,
	};
}

main().then(reportAndExit, failChild);

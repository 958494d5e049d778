/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark child process */
/**
 * The node at n8n's floor (a child of `npm run bench`, in a fresh process): invoice OCR items through
 * CBT OCR in the n8n-core harness, next to n8n's own request helper and undici over kept-alive
 * connections sending the same signed requests, at each concurrency. The harness's memory sampling
 * is off, so the node's process does nothing the clients' does not. Each client runs several
 * rounds, interleaved (keep-alive, helper, node, then again); node / helper is the median of the
 * rounds' ratios, each taken from runs back to back, so a load that drifts moves both alike.
 * Then a CPU profile of the widest row, of the node and of the helper, summarised per item.
 *
 * argv: sandbox URL. Env: BENCH_CONCURRENCY (1,5,20), BENCH_ITEMS ("1:60,5:300,20:1000", items per
 * concurrency), BENCH_ROUNDS ("1:3,5:3,20:4", rounds per concurrency), BENCH_PROFILE (1).
 */
import { runWorkflow } from '../../test/harness/harness';
import { makePng } from '../../test/support/images';
import { credential, failChild, keepAliveClient, median, n8nHelperClient, ocrWorkflow, reportAndExit, storedOnce } from './common';
import { profiled, type ProfileSummary } from './profile';

export interface FloorRow {
	concurrency: number;
	items: number;
	rounds: number;
	keepAlive: number[];
	helper: number[];
	node: number[];
	/** CPU per item of the whole process during the helper's loop, and of the node's run (n8n's node hooks). */
	helperCpuMs: number[];
	nodeCpuMs: number[];
	ok: number;
}

export interface FloorResult {
	rows: FloorRow[];
	profile?: { concurrency: number; node: ProfileSummary; helper: ProfileSummary };
}

const url = process.argv[2];
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,5,20').split(',').filter(Boolean).map(Number);
const ITEMS: Record<number, number> = Object.fromEntries(
	(process.env.BENCH_ITEMS ?? '1:60,5:300,20:1000').split(',').map((pair) => pair.split(':').map(Number) as [number, number]),
);
const ROUNDS: Record<number, number> = Object.fromEntries(
	(process.env.BENCH_ROUNDS ?? '1:3,5:3,20:4').split(',').map((pair) => pair.split(':').map(Number) as [number, number]),
);
const PROFILE = process.env.BENCH_PROFILE !== '0';

async function main(): Promise<FloorResult> {
	const most = Math.max(...CONCURRENCIES.map((concurrency) => ITEMS[concurrency] ?? 1000));
	const images = Array.from({ length: most }, (_, index) => makePng(32, 32, index + 1));
	// The bytes the node sends: the JSON body with the image as base64.
	const bodies = images.map((image) => Buffer.from(JSON.stringify({ image: image.toString('base64') })));
	const input = storedOnce(images);
	const credentials = { cbtApi: credential(url) };

	const runNode = async (concurrency: number, count: number) => {
		input.count = count;
		const result = await runWorkflow(ocrWorkflow(concurrency, input.node), { credentials, extraNodeTypes: { [input.node.type]: input.type }, sampleMemory: false });
		const ok = result.output('CBT').filter((item) => !item.json.error).length;
		return { ok, ...result.timings.CBT };
	};
	const timeClient = async (client: typeof keepAliveClient, concurrency: number, count: number) => {
		const cpu = process.cpuUsage();
		const started = process.hrtime.bigint();
		const ok = await client(url, bodies.slice(0, count), concurrency);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const used = process.cpuUsage(cpu);
		return { ok, seconds, cpuMs: (used.user + used.system) / 1000 };
	};

	// Warm up n8n-core, the package, the helper and the connections.
	await runNode(5, 40);
	await runNode(20, 100);
	await timeClient(n8nHelperClient, 20, 100);
	await timeClient(keepAliveClient, 5, 20);

	const rows: FloorRow[] = [];
	for (const concurrency of CONCURRENCIES) {
		const items = ITEMS[concurrency] ?? 1000;
		const rounds = ROUNDS[concurrency] ?? 3;
		const row: FloorRow = { concurrency, items, rounds, keepAlive: [], helper: [], node: [], helperCpuMs: [], nodeCpuMs: [], ok: 0 };
		for (let round = 0; round < rounds; round++) {
			const keepAlive = await timeClient(keepAliveClient, concurrency, items);
			const helper = await timeClient(n8nHelperClient, concurrency, items);
			const node = await runNode(concurrency, items);
			row.keepAlive.push(keepAlive.ok / keepAlive.seconds);
			row.helper.push(helper.ok / helper.seconds);
			row.helperCpuMs.push(helper.cpuMs / items);
			// The node's own wall and CPU time (n8n's node hooks), not the harness's input preparation.
			row.node.push(node.ok / (node.wallMs / 1000));
			row.nodeCpuMs.push(node.cpuMs / items);
			row.ok = Math.min(row.ok || node.ok, node.ok);
			console.log(
				`  c=${concurrency} round ${round + 1}/${rounds}: keep-alive ${row.keepAlive[round].toFixed(1)}, helper ${row.helper[round].toFixed(1)}, node ${row.node[round].toFixed(1)} items/s (node/helper ${(row.node[round] / row.helper[round]).toFixed(3)}; ${node.ok}/${items} ok)`,
			);
		}
		console.log(`  c=${concurrency}: node/helper ${median(row.node.map((node, round) => node / row.helper[round])).toFixed(3)} (median of the rounds)`);
		rows.push(row);
	}

	let profile: FloorResult['profile'];
	if (PROFILE) {
		const concurrency = Math.max(...CONCURRENCIES);
		const items = ITEMS[concurrency] ?? 1000;
		const helper = await profiled(async () => (await timeClient(n8nHelperClient, concurrency, items)).ok);
		const node = await profiled(async () => (await runNode(concurrency, items)).ok);
		profile = { concurrency, node, helper };
	}
	return { rows, profile };
}

main().then(reportAndExit, failChild);

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- a benchmark script that starts the sandbox as a child process */
/**
 * `npm run bench`: throughput, CPU and memory of the nodes against the sandbox gateway, next to a
 * raw undici client and to n8n's own request helper sending the same signed requests (the floors);
 * then CBT OCR against a Code node that signs + n8n's HTTP Request node in a real n8n (the cached
 * 2.39.10), clean and with 429s, and against a gateway that takes only 30 calls at once
 * (scripts/bench/realN8n.ts). Prints tables; asserts nothing.
 * The sandbox runs in a child process so that its CPU is not counted against the node; for the real
 * n8n it runs in this process (n8n is a process of its own), so its ledger and load counters are read.
 *
 * BENCH_N8N=0 skips the real n8n; BENCH_N8N_ITEMS (500), BENCH_N8N_RUNS (3: median of CBT OCR and of
 * the HTTP Request workflow it is judged against) and BENCH_N8N_LIMIT_ITEMS (1000) size it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { Pool } from 'undici';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest } from '../nodes/shared/auth/credentialSigning';
import { interpretResponse } from '../nodes/shared/transport/request';
import { FIELD_KINDS } from '../nodes/shared/fields';
import { ImageBytes } from '../nodes/shared/fields/imagePayload';
import { BodyBuffer, encodeBody } from '../nodes/shared/transport/body';
import { PACKAGE_ROOT, runWorkflow, type NodeTiming, type WorkflowJson } from '../test/harness/harness';
import { makePng, makePngOfSize } from '../test/support/images';
import { sandboxAnswer } from '../test/support/ocrSamples';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox } from '../sandbox/server';
import { compareInRealN8n, LIMIT_FINDING_CALLS, type ComparisonRun } from './bench/realN8n';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCY_MS = 50;
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,5,20').split(',').filter(Boolean).map(Number);
const OCR_ITEMS = Number(process.env.BENCH_OCR_ITEMS ?? 200);
const OCR_BYTES = 4_000_000;
const INVOICE_PATH = '/apis/tt/gw/ocr/v1/invoice';
const REAL_N8N = process.env.BENCH_N8N !== '0';
const N8N_ITEMS = Number(process.env.BENCH_N8N_ITEMS ?? 500);
const N8N_RUNS = Number(process.env.BENCH_N8N_RUNS ?? 3);
const N8N_LIMIT_ITEMS = Number(process.env.BENCH_N8N_LIMIT_ITEMS ?? 1000);
const N8N_LATENCIES = [50, 500];
const REFUSED_SHARE = 0.1;
const GATEWAY_LIMIT = 30;

async function startSandboxProcess(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'sandbox/cli.ts'), '--port', '0', '--latency', String(latencyMs)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(seen);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	return { url, child };
}

function credential(url: string) {
	return { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: url };
}

function workflow(concurrency: number, extra: Record<string, unknown> = {}): WorkflowJson {
	return {
		nodes: [
			{ id: 'in', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'ocr',
				name: 'CBT',
				type: 'n8n-nodes-cbt.cbtOcr',
				typeVersion: 1,
				position: [200, 0],
				// A fixed width (Max Concurrency = Concurrency): the same number in flight as the clients it is compared with.
				parameters: { operation: 'invoice', binaryPropertyName: 'data', ...extra, options: { concurrency, maxConcurrency: concurrency, deduplicate: false } },
				credentials: { cbtApi: { id: '1', name: 'CBT' } },
			},
		],
		connections: { Input: { main: [[{ node: 'CBT', type: 'main', index: 0 }]] } },
	};
}

interface Measure {
	seconds: number;
	cpuMs: number;
	peakRss: number;
	ok: number;
}

async function measure(work: () => Promise<number>): Promise<Measure> {
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
	}, 10);
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const ok = await work();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	return { seconds, cpuMs: (used.user + used.system) / 1000, peakRss, ok };
}

/** Sends every body, signed, `concurrency` at a time; returns how many were answered with code 0. */
async function sendAll(url: string, bodies: string[], concurrency: number, send: (signed: IHttpRequestOptions) => Promise<number | undefined>) {
	let next = 0;
	let ok = 0;
	const lane = async () => {
		while (next < bodies.length) {
			const body = JSON.parse(bodies[next++]) as IDataObject;
			if ((await send(signRequest(credential(url), { method: 'POST', url: INVOICE_PATH, body }))) === 0) ok++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return ok;
}

/** The floor: undici sending the same signed requests, over kept-alive connections. */
async function rawClient(url: string, bodies: string[], concurrency: number): Promise<number> {
	const pool = new Pool(url, { connections: concurrency });
	const ok = await sendAll(url, bodies, concurrency, async (signed) => {
		const response = await pool.request({
			method: 'POST',
			path: INVOICE_PATH,
			headers: signed.headers as Record<string, string>,
			body: signed.body as Buffer,
		});
		return ((await response.body.json()) as { code?: number }).code;
	});
	await pool.close();
	return ok;
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<{ body: { code?: number } }>;

/**
 * The floor for any n8n node: n8n's own request helper (what `this.helpers.httpRequest` runs)
 * sending the same signed requests, outside any node or workflow. It opens a new connection for
 * every request (a new http.Agent each time), and community nodes may not use another client.
 */
async function n8nHelperClient(url: string, bodies: string[], concurrency: number): Promise<number> {
	const { httpRequest } = (await import(
		join(PACKAGE_ROOT, 'node_modules/n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions.js')
	)) as { httpRequest: HttpRequest };
	return await sendAll(url, bodies, concurrency, async (signed) => {
		const response = await httpRequest({ ...signed, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true, disableFollowRedirect: true });
		return response.body.code;
	});
}

/** CPU of our own per-item work (validate, sign, read the answer), without HTTP. */
async function ownCpuPerItem(): Promise<number> {
	const image = makePng(32, 32, 3);
	const envelope = { code: 0, request_id: 'R', charge: 1, timestamp: 1, message: 'ok', data: { invoiceCode: '1', invoiceAmount: '2.00' } };
	const rounds = 5000;
	const lane = new BodyBuffer();
	const cpu = process.cpuUsage();
	for (let index = 0; index < rounds; index++) {
		const checked = FIELD_KINDS.image.schema.parse({ image: new ImageBytes(image), label: 'a.png', maxBytes: 4e6, allowPdf: false });
		FIELD_KINDS.idNumber.schema.safeParse('11010519491231002X');
		FIELD_KINDS.mobile.schema.safeParse('13800138000');
		const body = await encodeBody({ image: checked as ImageBytes }, lane);
		signRequest(credential('http://127.0.0.1:1'), { method: 'POST', url: INVOICE_PATH, body });
		interpretResponse(200, JSON.parse(JSON.stringify(envelope)));
	}
	const used = process.cpuUsage(cpu);
	return (used.user + used.system) / 1000 / rounds;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
	console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
	console.log(`Throughput: ${ITEMS} invoice OCR items, sandbox latency ${LATENCY_MS} ms per call\n`);
	const { url, child } = await startSandboxProcess(LATENCY_MS);
	try {
		const images = Array.from({ length: ITEMS }, (_, index) => makePng(32, 32, index + 1));
		const bodies = images.map((image) => JSON.stringify({ image: image.toString('base64') }));
		const inputs = images.map((data, index) => ({ binary: { data: { data, fileName: `i${index}.png`, mimeType: 'image/png' } } }));
		// Warm up n8n-core, the package and the connection.
		await runWorkflow(workflow(5), { credentials: { cbtApi: credential(url) }, inputs: { Input: inputs.slice(0, 20) } });
		await rawClient(url, bodies.slice(0, 20), 5);

		const rows: Array<Record<string, string>> = [];
		for (const concurrency of CONCURRENCIES) {
			const raw = await measure(() => rawClient(url, bodies, concurrency));
			const helper = await measure(() => n8nHelperClient(url, bodies, concurrency));
			// The node's own wall and CPU time (from n8n's node hooks), not the harness's input preparation.
			let nodeTiming = { wallMs: 0, cpuMs: 0 };
			const node = await measure(async () => {
				const result = await runWorkflow(workflow(concurrency), { credentials: { cbtApi: credential(url) }, inputs: { Input: inputs } });
				nodeTiming = result.timings.CBT;
				return result.output('CBT').filter((item) => !item.json.error).length;
			});
			node.seconds = nodeTiming.wallMs / 1000;
			node.cpuMs = nodeTiming.cpuMs;
			const rate = (measured: Measure) => measured.ok / measured.seconds;
			rows.push({
				concurrency: String(concurrency),
				'raw undici items/s': rate(raw).toFixed(1),
				'n8n request helper items/s': rate(helper).toFixed(1),
				'node items/s': rate(node).toFixed(1),
				'node / raw': (rate(node) / rate(raw)).toFixed(3),
				'node / helper': (rate(node) / rate(helper)).toFixed(3),
				'node CPU ms/item': (node.cpuMs / ITEMS).toFixed(3),
				'items ok': `${node.ok}/${ITEMS}`,
				'peak RSS': mb(node.peakRss),
			});
		}
		console.table(rows);
		console.log(`Our own code (validate, sign, read the answer), no HTTP: ${(await ownCpuPerItem()).toFixed(3)} ms CPU per item\n`);

		// Memory: large images are read from disk when their item's turn comes.
		const folder = mkdtempSync(join(tmpdir(), 'cbt-bench-'));
		try {
			for (let index = 0; index < 8; index++) writeFileSync(join(folder, `big-${index}.png`), makePngOfSize(OCR_BYTES - 200_000, index + 1));
			const concurrency = 5;
			const readWorkflow: WorkflowJson = workflow(concurrency);
			readWorkflow.nodes[0] = {
				id: 'read',
				name: 'Input',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [0, 0],
				parameters: { operation: 'read', fileSelector: join(folder, 'big-*.png') },
			};
			// 200 items: the same 8 files read 25 times over keeps the generator cheap; duplicates are not merged.
			const copies = Math.ceil(OCR_ITEMS / 8);
			for (let copy = 1; copy < copies; copy++) {
				for (let index = 0; index < 8; index++) writeFileSync(join(folder, `big-${index}-${copy}.png`), makePngOfSize(OCR_BYTES - 200_000, index + 1 + copy * 8));
			}
			let timing: NodeTiming | undefined;
			const run = await measure(async () => {
				const result = await runWorkflow(readWorkflow, { credentials: { cbtApi: credential(url) } });
				timing = result.timings.CBT;
				return result.output('CBT').filter((item) => !item.json.error).length;
			});
			const inFlight = concurrency * OCR_BYTES;
			const above = (timing?.rssPeak ?? 0) - (timing?.rssBefore ?? 0);
			console.log(`Memory: ${run.ok} OCR items of ~4 MB at concurrency ${concurrency}, measured while the CBT node runs`);
			console.table([
				{
					'RSS at node start': mb(timing?.rssBefore ?? 0),
					'peak RSS': mb(timing?.rssPeak ?? 0),
					'peak above start': mb(above),
					'bytes in flight (concurrency × image)': mb(inFlight),
					ratio: (above / inFlight).toFixed(2),
					'target ratio': '< 3',
					'node seconds': ((timing?.wallMs ?? 0) / 1000).toFixed(1),
				},
			]);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	} finally {
		child.kill();
	}
	if (REAL_N8N) await realN8nComparison();
	process.exit(0);
}

/** `count` distinct invoice images the sandbox answers with data (random pixels, about 8 KB each). */
function invoiceImages(count: number, firstSeed: number): Buffer[] {
	const found: Buffer[] = [];
	for (let seed = firstSeed; found.length < count; seed++) {
		const image = makePng(64, 40, seed, true);
		if ('data' in sandboxAnswer('invoice', image)) found.push(image);
	}
	return found;
}

const perSecond = (run: ComparisonRun) => run.itemsPerSecond.toFixed(1);

/** CBT OCR against Code + HTTP Request in a real n8n; the issue-19 targets, met or missed. */
async function realN8nComparison(): Promise<void> {
	console.log(
		`\nReal n8n: ${N8N_ITEMS} distinct invoice images read from disk, CBT OCR (default options) against a Code node that signs + n8n's HTTP Request node, at ${N8N_LATENCIES.join(' and ')} ms gateway latency, clean and with ${REFUSED_SHARE * 100} % of calls refused with 429 (Retry-After 1 s); median of ${N8N_RUNS} runs for CBT OCR and the workflow it is judged against`,
	);
	const sandbox = await startSandbox({ port: 0 });
	const started = Date.now();
	try {
		const { runs, limitRun } = await compareInRealN8n({
			sandbox,
			packageDir: PACKAGE_ROOT,
			images: invoiceImages(N8N_ITEMS, 1),
			latencies: N8N_LATENCIES,
			refusedShare: REFUSED_SHARE,
			runs: N8N_RUNS,
			illustrativeRuns: 1,
			limitImages: invoiceImages(N8N_LIMIT_ITEMS, 1_000_000),
			limit: GATEWAY_LIMIT,
			log: (line) => console.log(line),
		});
		console.table(
			runs.map((run) => ({
				latency: `${run.latencyMs} ms`,
				'429s': `${Math.round(run.refusedShare * 100)} %`,
				workflow: run.workflow,
				'items/s': perSecond(run),
				'peak in flight': run.peakInFlight,
				lost: run.lost,
				'billed twice': run.billedTwice,
				'429 answers': run.refusals,
				calls: run.calls,
				note: run.note ?? '',
			})),
		);
		console.log('Markdown rows (docs/concurrency.md, README Benchmark):');
		console.log('| Latency | 429s | Workflow | Items/s | Peak in flight | Lost | Billed twice |');
		console.log('| --- | --- | --- | --- | --- | --- | --- |');
		for (const run of runs) {
			console.log(`| ${run.latencyMs} ms | ${Math.round(run.refusedShare * 100)} % | ${run.workflow} | ${perSecond(run)} | ${run.peakInFlight} | ${run.lost} | ${run.billedTwice} |`);
		}
		const find = (latencyMs: number, refusedShare: number, workflow: string) =>
			runs.find((run) => run.latencyMs === latencyMs && run.refusedShare === refusedShare && run.workflow.startsWith(workflow) && (workflow !== 'Code + HTTP Request' || run.workflow === workflow));
		console.log('\nTargets (issue 19):');
		for (const latencyMs of N8N_LATENCIES) {
			const cbt = find(latencyMs, 0, 'CBT OCR');
			const http = find(latencyMs, 0, 'Code + HTTP Request');
			if (cbt && http) {
				console.log(`  ${latencyMs} ms clean: CBT OCR ${perSecond(cbt)} items/s ≥ HTTP Request ${perSecond(http)}: ${cbt.itemsPerSecond >= http.itemsPerSecond ? 'met' : 'MISSED'} (× ${(cbt.itemsPerSecond / http.itemsPerSecond).toFixed(2)})`);
			}
			const refused = find(latencyMs, REFUSED_SHARE, 'CBT OCR');
			const continued = find(latencyMs, REFUSED_SHARE, 'Code + HTTP Request, On Error: Continue');
			if (refused && continued) {
				const half = continued.itemsPerSecond / 2;
				const ok = refused.itemsPerSecond >= half && refused.lost === 0 && refused.billedTwice === 0;
				console.log(
					`  ${latencyMs} ms, ${REFUSED_SHARE * 100} % 429: CBT OCR ${perSecond(refused)} items/s ≥ half of HTTP Request + On Error: Continue (${perSecond(continued)} / 2 = ${half.toFixed(1)}), lost ${refused.lost}, billed twice ${refused.billedTwice}: ${ok ? 'met' : 'MISSED'} (× ${(refused.itemsPerSecond / continued.itemsPerSecond).toFixed(2)}; HTTP Request left ${continued.lost} items as errors)`,
				);
			}
		}
		const perThousand = (refusals: number, calls: number) => (calls > 0 ? (1000 * refusals) / calls : 0);
		const afterFirst = perThousand(limitRun.refusalsAfter, limitRun.callsAfter);
		const secondHalf = perThousand(limitRun.refusalsSecondHalf, limitRun.callsSecondHalf);
		console.log(
			`  A gateway that takes ${GATEWAY_LIMIT} calls at once, ${limitRun.items} items at ${limitRun.latencyMs} ms: ${limitRun.refusals} refusals in ${limitRun.calls} calls; ${limitRun.refusalsWhileFinding} in the first ${LIMIT_FINDING_CALLS}, ${limitRun.refusalsAfter} in the ${limitRun.callsAfter} after (${afterFirst.toFixed(1)} per 1,000), ${limitRun.refusalsSecondHalf} in the second half of the calls (${secondHalf.toFixed(1)} per 1,000: ${secondHalf <= 5 ? 'met' : 'MISSED'}, target a few per 1,000 once found); peak ${limitRun.peakInFlight} in flight, ${limitRun.itemsPerSecond.toFixed(1)} items/s, lost ${limitRun.lost}, billed twice ${limitRun.billedTwice}`,
		);
		console.log(`(real n8n part: ${((Date.now() - started) / 60_000).toFixed(1)} min)`);
	} catch (error) {
		console.log(`Real n8n comparison not run: ${(error as Error).message.split('\n')[0]}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark script that starts the sandbox and its parts as child processes */
/**
 * `npm run bench`: what the nodes cost and what users get from them, in one run (issue 16), each part
 * in a fresh child process so that no part measures another's leftovers:
 *
 * - floor: CBT OCR in the n8n-core harness against n8n's own request helper (the floor of any node)
 *   and a keep-alive client, at concurrency 1, 5 and 20, without memory sampling; a CPU profile of
 *   the 20-lane row (scripts/bench/floor.ts, profile.ts).
 * - memory: 200 images of ~4 MB at concurrency 5, n8n's filesystem binary mode and its database mode
 *   (a stored file handed over as one buffer), one fresh process each (scripts/bench/memoryChild.ts).
 * - tls: the sandbox as a remote HTTPS gateway, behind a TLS proxy with a 30 ms round trip
 *   (scripts/bench/tlsProxy.ts, remote.ts).
 * - scale: 20,000 identity checks through one node, with checkpoints at 5,000, 10,000 and 15,000 (scale.ts).
 * - n8n: CBT OCR against a Code node that signs + n8n's HTTP Request node in a real n8n (the cached
 *   2.39.10), clean and with 429s, and against a gateway that takes 30 calls at once (realN8n.ts).
 *
 * Ends with one `HEADLINE name: value` line per headline figure, then writes the README's Benchmark
 * section between its bench:start / bench:end markers (only after a full run; BENCH_README=0 never).
 *
 * Env: BENCH_ONLY=floor,memory,tls,scale,n8n (parts to run), BENCH_CONCURRENCY, BENCH_ITEMS,
 * BENCH_ROUNDS (floor.ts), BENCH_REMOTE_ITEMS (remote.ts), BENCH_SCALE_ITEMS (20000),
 * BENCH_OCR_ITEMS (200), BENCH_N8N_ITEMS (500), BENCH_N8N_RUNS (3; a row runs again only while the
 * rest still fits in BENCH_BUDGET_MINUTES, 13.5), BENCH_N8N_LIMIT_ITEMS (1000).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../test/harness/harness';
import { makePng, makePngOfSize } from '../test/support/images';
import { sandboxAnswer } from '../test/support/ocrSamples';
import { startSandbox } from '../sandbox/server';
import { LATENCY_MS, runChild, startSandboxProcess } from './bench/common';
import type { FloorResult } from './bench/floor';
import type { MemoryResult } from './bench/memoryChild';
import { compareInRealN8n, LIMIT_FINDING_CALLS } from './bench/realN8n';
import type { RemoteResult } from './bench/remote';
import { headlines, isJudged, markdownSection, printFloor, printMemory, printRemote, printScale, printRealN8n, writeReadme, type BenchReport } from './bench/report';
import type { ScaleResult } from './bench/scale';
import { makeCertificates } from './bench/tlsProxy';

const PARTS = ['floor', 'memory', 'tls', 'scale', 'n8n'] as const;
const ONLY = new Set((process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').filter(Boolean));
const OCR_ITEMS = Number(process.env.BENCH_OCR_ITEMS ?? 200);
/** Each image file: ~3.8 MB, under the node's default Max Image Size of 4 MB. */
const OCR_FILE_BYTES = 3_800_000;
const MEMORY_CONCURRENCY = 5;
const ROUND_TRIP_MS = 30;
const SCALE_ITEMS = Number(process.env.BENCH_SCALE_ITEMS ?? 20_000);
const SCALE_CONCURRENCY = 20;
const N8N_ITEMS = Number(process.env.BENCH_N8N_ITEMS ?? 500);
const N8N_RUNS = Number(process.env.BENCH_N8N_RUNS ?? 3);
/** Whole-run budget (issue 16: under 15 minutes with the build): the real n8n part runs its rows fewer times to fit. */
const BUDGET_MINUTES = Number(process.env.BENCH_BUDGET_MINUTES ?? 13.5);
const N8N_LIMIT_ITEMS = Number(process.env.BENCH_N8N_LIMIT_ITEMS ?? 1000);
const N8N_LATENCIES = [50, 500];
const REFUSED_SHARE = 0.1;
const GATEWAY_LIMIT = 30;

/** Runs one part; a part that fails is reported as not run, and the others go on. */
async function part<T>(name: string, notes: string[], work: () => Promise<T>): Promise<T | undefined> {
	const started = Date.now();
	try {
		const result = await work();
		console.log(`(${name}: ${((Date.now() - started) / 60_000).toFixed(1)} min)\n`);
		return result;
	} catch (error) {
		const message = (error as Error).message.split('\n')[0];
		notes.push(`${name} not run: ${message}`);
		console.log(`${name} NOT RUN: ${(error as Error).message.slice(0, 3000)}\n`);
		return undefined;
	}
}

async function memoryPart(url: string): Promise<MemoryResult[]> {
	const folder = mkdtempSync(join(tmpdir(), 'cbt-bench-images-'));
	try {
		// 8 distinct images copied to OCR_ITEMS files: the generator is slow, and duplicates are not merged (deduplicate off).
		const distinct = Array.from({ length: 8 }, (_, index) => makePngOfSize(OCR_FILE_BYTES, index + 1));
		for (let index = 0; index < 8; index++) writeFileSync(join(folder, `big-${String(index).padStart(4, '0')}.png`), distinct[index]);
		for (let index = 8; index < OCR_ITEMS; index++) copyFileSync(join(folder, `big-${String(index % 8).padStart(4, '0')}.png`), join(folder, `big-${String(index).padStart(4, '0')}.png`));
		const results: MemoryResult[] = [];
		for (const mode of ['filesystem', 'database'] as const) {
			results.push(await runChild<MemoryResult>('memoryChild.ts', [mode, url, folder, String(MEMORY_CONCURRENCY)]));
		}
		return results;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

async function remotePart(url: string): Promise<RemoteResult> {
	const dir = mkdtempSync(join(tmpdir(), 'cbt-bench-tls-'));
	try {
		const { ca } = makeCertificates(dir);
		// The client trusts the run's CA through NODE_EXTRA_CA_CERTS, read when its process starts.
		// DEP0123: n8n's helper passes the IP address as the TLS server name; Node warns and ignores it.
		return await runChild<RemoteResult>('remote.ts', [url, dir, String(ROUND_TRIP_MS)], { NODE_EXTRA_CA_CERTS: ca }, ['--disable-warning=DEP0123']);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function scalePart(url: string): Promise<ScaleResult> {
	const checkpoints = [SCALE_ITEMS / 4, SCALE_ITEMS / 2, (3 * SCALE_ITEMS) / 4].map(Math.round);
	return await runChild<ScaleResult>('scale.ts', [url, String(SCALE_ITEMS), String(SCALE_CONCURRENCY), checkpoints.join(',')]);
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

async function realN8nPart(deadline: number): Promise<BenchReport['realN8n']> {
	console.log(
		`Real n8n: ${N8N_ITEMS} distinct invoice images read from disk, CBT OCR (default options) against a Code node that signs + n8n's HTTP Request node, at ${N8N_LATENCIES.join(' and ')} ms gateway latency, clean and with ${REFUSED_SHARE * 100} % of calls refused with 429 (Retry-After 1 s); median of ${N8N_RUNS} runs for CBT OCR and the workflow it is judged against`,
	);
	const sandbox = await startSandbox({ port: 0 });
	try {
		const { runs, limitRun } = await compareInRealN8n({
			sandbox,
			packageDir: PACKAGE_ROOT,
			images: invoiceImages(N8N_ITEMS, 1),
			latencies: N8N_LATENCIES,
			refusedShare: REFUSED_SHARE,
			runs: N8N_RUNS,
			illustrativeRuns: 1,
			deadline,
			limitImages: invoiceImages(N8N_LIMIT_ITEMS, 1_000_000),
			limit: GATEWAY_LIMIT,
			log: (line) => console.log(line),
		});
		return { runs, limitRun, items: N8N_ITEMS, runsPerJudged: N8N_RUNS, latencies: N8N_LATENCIES, refusedShare: REFUSED_SHARE, limit: GATEWAY_LIMIT, limitFindingCalls: LIMIT_FINDING_CALLS };
	} finally {
		await sandbox.close();
	}
}

async function main() {
	const started = Date.now();
	const cpu = cpus();
	const report: BenchReport = {
		date: new Date().toISOString().slice(0, 10),
		machine: { cpu: cpu[0]?.model?.trim() ?? 'unknown CPU', cores: cpu.length, ramGiB: totalmem() / 1024 ** 3, node: process.version },
		latencyMs: LATENCY_MS,
		notes: [],
		minutes: 0,
	};
	const { machine } = report;
	console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(0)} GB RAM, Node ${machine.node}`);
	console.log(`Parts: ${PARTS.filter((name) => ONLY.has(name)).join(', ')}; the sandbox answers after ${LATENCY_MS} ms in every part but the real n8n's\n`);

	if (['floor', 'memory', 'tls', 'scale'].some((name) => ONLY.has(name))) {
		const { url, child } = await startSandboxProcess(LATENCY_MS);
		try {
			if (ONLY.has('floor')) {
				console.log('At the floor: invoice OCR items through CBT OCR, n8n\'s request helper and a keep-alive client (memory sampling off)');
				report.floor = await part('floor', report.notes, () => runChild<FloorResult>('floor.ts', [url]));
				if (report.floor) printFloor(report.floor);
			}
			if (ONLY.has('memory')) {
				console.log(`Memory: ${OCR_ITEMS} images of ~${(OCR_FILE_BYTES / 1e6).toFixed(1)} MB at concurrency ${MEMORY_CONCURRENCY}, one fresh process per binary-data mode`);
				report.memory = await part('memory', report.notes, () => memoryPart(url));
				if (report.memory) printMemory(report.memory);
			}
			if (ONLY.has('tls')) {
				console.log(`A remote HTTPS gateway: the sandbox behind a TLS proxy adding a ${ROUND_TRIP_MS} ms round trip`);
				report.remote = await part('tls', report.notes, () => remotePart(url));
				if (report.remote) printRemote(report.remote, LATENCY_MS);
			}
			if (ONLY.has('scale')) {
				console.log(`Scale: ${SCALE_ITEMS} identity checks through CBT Identity & Risk at concurrency ${SCALE_CONCURRENCY}, checkpoints at each quarter of the calls`);
				report.scale = await part('scale', report.notes, () => scalePart(url));
				if (report.scale) printScale(report.scale);
			}
		} finally {
			child.kill();
		}
	}
	if (ONLY.has('n8n')) {
		report.realN8n = await part('real n8n', report.notes, () => realN8nPart(started + BUDGET_MINUTES * 60_000));
		const trimmed = report.realN8n?.runs.filter((run) => (run.range?.length ?? 1) < N8N_RUNS && isJudged(run)) ?? [];
		if (trimmed.length > 0) {
			report.notes.push(
				`to keep the whole bench under 15 minutes, the real n8n comparison ran ${trimmed.length} of its ${report.realN8n?.runs.filter(isJudged).length ?? 0} judged rows fewer than ${N8N_RUNS} times (named in its section)`,
			);
		}
		if (report.realN8n) printRealN8n(report.realN8n);
	}

	report.minutes = (Date.now() - started) / 60_000;
	console.log('');
	for (const line of headlines(report)) console.log(`HEADLINE ${line}`);
	const full = PARTS.every((name) => ONLY.has(name));
	if (process.env.BENCH_README === '0' || !full) {
		console.log(`\nREADME not written (${full ? 'BENCH_README=0' : 'not a full run'}); its section would read:\n`);
		console.log(markdownSection(report));
	} else {
		writeReadme(join(PACKAGE_ROOT, 'README.md'), markdownSection(report));
		console.log('\nREADME.md: the Benchmark section between <!-- bench:start --> and <!-- bench:end --> was written from this run.');
	}
	process.exit(0);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- a benchmark script that starts the sandbox as a child process */
/**
 * `npm run bench`: throughput, CPU and memory of the nodes against the sandbox gateway, next to a
 * raw undici client and to n8n's own request helper sending the same signed requests (the floors).
 * Prints tables; asserts nothing.
 * The sandbox runs in a child process so that its CPU is not counted against the node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { Pool } from 'undici';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest } from '../nodes/shared/credentialSigning';
import { interpretResponse } from '../nodes/shared/transport';
import { FIELD_KINDS } from '../nodes/shared/fields';
import { BodyBuffer, encodeBody, ImageBytes } from '../nodes/shared/requestBody';
import { PACKAGE_ROOT, runWorkflow, type NodeTiming, type WorkflowJson } from '../test/harness/harness';
import { makePng, makePngOfSize } from '../test/support/images';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET } from '../sandbox/server';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCY_MS = 50;
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,5,20').split(',').filter(Boolean).map(Number);
const OCR_ITEMS = Number(process.env.BENCH_OCR_ITEMS ?? 200);
const OCR_BYTES = 4_000_000;
const INVOICE_PATH = '/apis/tt/gw/ocr/v1/invoice';

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
				parameters: { operation: 'invoice', binaryPropertyName: 'data', ...extra, options: { concurrency, deduplicate: false } },
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
	process.exit(0);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

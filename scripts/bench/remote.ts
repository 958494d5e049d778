/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- a benchmark child process */
/**
 * A remote HTTPS gateway (a child of `npm run bench`, started with NODE_EXTRA_CA_CERTS set to the
 * run's CA): the sandbox behind scripts/bench/tlsProxy.ts, which this process starts as a child of
 * its own so that TLS on the gateway's side does not run on the client's event loop. For CBT OCR,
 * n8n's request helper and a keep-alive client (undici Pool) at each concurrency: items/s, and
 * the connections and TLS handshakes the proxy saw per call.
 *
 * argv: sandbox URL, certificate folder, round trip in ms. Env: BENCH_REMOTE_ITEMS ("1:40,5:150,20:400").
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { runWorkflow } from '../../test/harness/harness';
import { makePng } from '../../test/support/images';
import { credential, failChild, keepAliveClient, n8nHelperClient, ocrWorkflow, reportAndExit, storedOnce } from './common';
import type { ProxyMessage, ProxyStats } from './tlsProxy';

export type RemoteClient = 'node' | 'helper' | 'keepAlive';

export interface RemoteRow {
	client: RemoteClient;
	concurrency: number;
	items: number;
	ok: number;
	itemsPerSecond: number;
	connectionsPerCall: number;
	handshakesPerCall: number;
	resumedPerCall: number;
}

export interface RemoteResult {
	roundTripMs: number;
	tlsVersion: string;
	rows: RemoteRow[];
}

const [sandboxUrl, certDir, roundTripArgument] = process.argv.slice(2);
const roundTripMs = Number(roundTripArgument);
const ITEMS: Record<number, number> = Object.fromEntries(
	(process.env.BENCH_REMOTE_ITEMS ?? '1:40,5:150,20:400').split(',').map((pair) => pair.split(':').map(Number) as [number, number]),
);

async function startProxy(): Promise<{ child: ChildProcess; port: number; ask: (type: 'stats' | 'reset') => Promise<ProxyStats> }> {
	const child = fork(join(__dirname, 'tlsProxy.ts'), [sandboxUrl, certDir, String(roundTripMs)], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const port = await new Promise<number>((resolve, reject) => {
		child.once('message', (message: ProxyMessage) => (message.type === 'ready' ? resolve(message.port) : reject(new Error('proxy did not start'))));
		child.once('exit', (code) => reject(new Error(`the TLS proxy exited with ${code}`)));
	});
	const ask = async (type: 'stats' | 'reset') =>
		await new Promise<ProxyStats>((resolve) => {
			child.once('message', (message: ProxyMessage) => {
				if (message.type === 'stats') resolve(message.stats);
			});
			child.send({ type });
		});
	return { child, port, ask };
}

async function tlsVersionOf(url: string): Promise<string> {
	const { connect } = await import('node:tls');
	const target = new URL(url);
	return await new Promise<string>((resolve, reject) => {
		const socket = connect({ host: target.hostname, port: Number(target.port) }, () => {
			resolve(`${socket.getProtocol() ?? '?'}, ${socket.getCipher().name}`);
			socket.end();
		});
		socket.on('error', reject);
	});
}

async function main(): Promise<RemoteResult> {
	const proxy = await startProxy();
	try {
		const url = `https://127.0.0.1:${proxy.port}`;
		const tlsVersion = await tlsVersionOf(url);
		const most = Math.max(...Object.values(ITEMS));
		const images = Array.from({ length: most }, (_, index) => makePng(32, 32, index + 1));
		const bodies = images.map((image) => Buffer.from(JSON.stringify({ image: image.toString('base64') })));
		const input = storedOnce(images);
		const credentials = { cbtApi: credential(url) };
		const clients: Record<RemoteClient, (concurrency: number, count: number) => Promise<{ ok: number; seconds: number }>> = {
			node: async (concurrency, count) => {
				input.count = count;
				const result = await runWorkflow(ocrWorkflow(concurrency, input.node), { credentials, extraNodeTypes: { [input.node.type]: input.type }, sampleMemory: false });
				return { ok: result.output('CBT').filter((item) => !item.json.error).length, seconds: result.timings.CBT.wallMs / 1000 };
			},
			helper: async (concurrency, count) => {
				const started = Date.now();
				const ok = await n8nHelperClient(url, bodies.slice(0, count), concurrency);
				return { ok, seconds: (Date.now() - started) / 1000 };
			},
			keepAlive: async (concurrency, count) => {
				const started = Date.now();
				const ok = await keepAliveClient(url, bodies.slice(0, count), concurrency);
				return { ok, seconds: (Date.now() - started) / 1000 };
			},
		};
		// Warm-up: every client once, through the proxy.
		for (const run of Object.values(clients)) await run(5, 10);

		const rows: RemoteRow[] = [];
		for (const [concurrency, items] of Object.entries(ITEMS).map(([c, n]) => [Number(c), n])) {
			for (const client of ['keepAlive', 'helper', 'node'] as RemoteClient[]) {
				await proxy.ask('reset');
				const { ok, seconds } = await clients[client](concurrency, items);
				const stats = await proxy.ask('stats');
				const row: RemoteRow = {
					client,
					concurrency,
					items,
					ok,
					itemsPerSecond: ok / seconds,
					connectionsPerCall: stats.connections / items,
					handshakesPerCall: stats.handshakes / items,
					resumedPerCall: stats.resumed / items,
				};
				rows.push(row);
				console.log(
					`  c=${concurrency} ${client}: ${row.itemsPerSecond.toFixed(1)} items/s, ${row.connectionsPerCall.toFixed(2)} connections and ${row.handshakesPerCall.toFixed(2)} TLS handshakes per call (${stats.resumed} resumed); ${ok}/${items} ok`,
				);
			}
		}
		return { roundTripMs, tlsVersion, rows };
	} finally {
		proxy.child.kill();
	}
}

main().then(reportAndExit, failChild);

/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling: prints tables and writes the README section */
/**
 * What `npm run bench` prints, its HEADLINE lines, and the README's Benchmark section, all from one
 * run's results. The README is written only between `<!-- bench:start -->` and `<!-- bench:end -->`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { median, MiB } from './common';
import type { FloorResult, FloorRow } from './floor';
import type { MemoryResult } from './memoryChild';
import type { ProfileSummary } from './profile';
import { OURS } from './profile';
import type { ComparisonRun, LimitRun } from './realN8n';
import type { RemoteClient, RemoteResult, RemoteRow } from './remote';
import type { ScaleResult } from './scale';

export interface BenchReport {
	date: string;
	machine: { cpu: string; cores: number; ramGiB: number; node: string };
	latencyMs: number;
	floor?: FloorResult;
	memory?: MemoryResult[];
	remote?: RemoteResult;
	scale?: ScaleResult;
	realN8n?: {
		runs: ComparisonRun[];
		limitRun: LimitRun;
		items: number;
		runsPerJudged: number;
		latencies: number[];
		refusedShare: number;
		limit: number;
		limitFindingCalls: number;
	};
	/** Parts that failed, and why. */
	notes: string[];
	minutes: number;
}

export const FLOOR_TARGET = 0.95;
export const MEMORY_TARGET = 2;

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const mb = (bytes: number) => `${(bytes / MiB).toFixed(0)} MB`;
const range = (values: number[], digits = 2) => (values.length > 1 ? `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}` : fixed(values[0] ?? NaN, digits));

function table(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

// ---- floor ----

function floorFigures(row: FloorRow) {
	const node = median(row.node);
	const helper = median(row.helper);
	const keepAlive = median(row.keepAlive);
	const ratios = row.node.map((value, index) => value / row.helper[index]);
	return {
		node,
		helper,
		keepAlive,
		/** The median of the rounds' ratios (each from runs back to back). */
		ratio: median(ratios),
		ratios,
		nodeCpu: median(row.nodeCpuMs),
		helperCpu: median(row.helperCpuMs),
	};
}

function floorTable(floor: FloorResult): string {
	return table(
		['Concurrency', 'Items × rounds', 'Keep-alive (undici) items/s', 'n8n request helper items/s', 'Node items/s', 'Node / helper', '(range of rounds)', 'Node / keep-alive', 'Helper CPU ms/item', 'Node CPU ms/item'],
		floor.rows.map((row) => {
			const figures = floorFigures(row);
			return [
				String(row.concurrency),
				`${row.items} × ${row.rounds}`,
				fixed(figures.keepAlive),
				fixed(figures.helper),
				fixed(figures.node),
				`**${fixed(figures.ratio, 2)}**`,
				range(figures.ratios),
				fixed(figures.node / figures.keepAlive, 2),
				fixed(figures.helperCpu, 2),
				fixed(figures.nodeCpu, 2),
			];
		}),
	);
}

function profileTable(profile: { node: ProfileSummary; helper: ProfileSummary }): string {
	const groups = [...new Set([...profile.node.groups, ...profile.helper.groups].map((group) => group.group))];
	const of = (summary: ProfileSummary, group: string) => summary.groups.find((entry) => entry.group === group)?.msPerItem ?? 0;
	const rows = groups
		.map((group) => ({ group, node: of(profile.node, group), helper: of(profile.helper, group) }))
		.filter((row) => row.node >= 0.005 || row.helper >= 0.005)
		.sort((a, b) => b.node - a.node);
	return table(
		['Where (self time, by package)', 'Node ms/item', 'Helper ms/item', 'Node − helper'],
		[
			...rows.map((row) => [row.group, fixed(row.node, 3), fixed(row.helper, 3), fixed(row.node - row.helper, 3)]),
			['**Main thread, all**', `**${fixed(profile.node.busyMsPerItem, 3)}**`, `**${fixed(profile.helper.busyMsPerItem, 3)}**`, `**${fixed(profile.node.busyMsPerItem - profile.helper.busyMsPerItem, 3)}**`],
		],
	);
}

function topTable(summary: ProfileSummary, count: number, ours = false): string {
	const entries = (ours ? summary.topOurs : summary.top).slice(0, count);
	return table(
		['Function', 'Where', 'Package', 'ms/item'],
		entries.map((entry) => [`\`${entry.name}\``, `\`${entry.where}\``, entry.group, fixed(entry.msPerItem, 3)]),
	);
}

function oursOf(summary: ProfileSummary): number {
	return summary.groups.find((group) => group.group === OURS)?.msPerItem ?? 0;
}

export function printFloor(floor: FloorResult): void {
	console.log(floorTable(floor));
	const missed = floor.rows.filter((row) => floorFigures(row).ratio < FLOOR_TARGET);
	console.log(`Target node/helper ≥ ${FLOOR_TARGET} at every concurrency: ${missed.length === 0 ? 'met' : `MISSED at ${missed.map((row) => `c=${row.concurrency} (${fixed(floorFigures(row).ratio, 3)})`).join(', ')}`}`);
	if (floor.profile) {
		const { node, helper, concurrency } = floor.profile;
		console.log(
			`\nCPU profile at c=${concurrency} (V8 sampling profiler in the child; ${node.items} items; the main thread's ${node.mainThreadCpu ? 'CPU time' : 'busy wall time'} per item, shared out by samples):`,
		);
		console.log(profileTable(floor.profile));
		console.log(`Process CPU per item while profiled (all threads): node ${fixed(node.cpuMsPerItem, 2)} ms, helper ${fixed(helper.cpuMsPerItem, 2)} ms`);
		console.log('\nThe node run, top functions by self time:');
		console.log(topTable(node, 25));
		console.log('\nOurs (dist/nodes, dist/credentials), top functions:');
		console.log(topTable(node, 15, true));
	}
	console.log('');
}

// ---- memory ----

function memoryFigures(result: MemoryResult) {
	const inFlight = result.concurrency * result.imageBytes;
	return { inFlight, rssRatio: result.peakRssAbove / inFlight, buffersRatio: result.peakArrayBuffersAbove / inFlight };
}

function memoryTable(memory: MemoryResult[]): string {
	return table(
		['Binary-data mode', 'Items ok', 'Bytes in flight (5 × image)', 'Peak RSS above baseline', '× in flight', 'Peak arrayBuffers above baseline', '× in flight', 'RSS above baseline at node start', 'Node seconds'],
		memory.map((result) => {
			const figures = memoryFigures(result);
			return [
				result.mode === 'filesystem' ? 'filesystem (n8n default)' : 'database (queue mode default), file as one buffer',
				`${result.ok}/${result.items}`,
				mb(figures.inFlight),
				mb(result.peakRssAbove),
				`**${fixed(figures.rssRatio, 2)}**`,
				mb(result.peakArrayBuffersAbove),
				fixed(figures.buffersRatio, 2),
				mb(result.nodeStartRssAbove),
				fixed(result.nodeSeconds),
			];
		}),
	);
}

export function printMemory(memory: MemoryResult[]): void {
	console.log(memoryTable(memory));
	const fs = memory.find((result) => result.mode === 'filesystem');
	if (fs) {
		const ratio = memoryFigures(fs).rssRatio;
		console.log(`Target filesystem mode peak ≤ ${MEMORY_TARGET} × in flight: ${ratio <= MEMORY_TARGET ? 'met' : 'MISSED'} (${fixed(ratio, 2)} ×)`);
	}
	console.log(`Baselines: ${memory.map((result) => `${result.mode} RSS ${mb(result.baseline.rss)}, arrayBuffers ${mb(result.baseline.arrayBuffers)}`).join('; ')}`);
	console.log(
		`While CBT OCR ran (after the files were read): ${memory.map((result) => `${result.mode} peak RSS ${mb(result.nodePeakRssAbove)} and arrayBuffers ${mb(result.nodePeakArrayBuffersAbove)} above the baseline`).join('; ')}\n`,
	);
}

// ---- remote ----

const CLIENT_NAMES: Record<RemoteClient, string> = { keepAlive: 'keep-alive client (undici Pool)', helper: "n8n's request helper", node: 'CBT OCR' };

function remoteRow(remote: RemoteResult, client: RemoteClient, concurrency: number): RemoteRow | undefined {
	return remote.rows.find((row) => row.client === client && row.concurrency === concurrency);
}

function remoteTable(remote: RemoteResult): string {
	const concurrencies = [...new Set(remote.rows.map((row) => row.concurrency))];
	const rows: string[][] = [];
	for (const concurrency of concurrencies) {
		for (const client of ['node', 'helper', 'keepAlive'] as RemoteClient[]) {
			const row = remoteRow(remote, client, concurrency);
			if (!row) continue;
			rows.push([
				String(concurrency),
				CLIENT_NAMES[client],
				String(row.items),
				client === 'node' ? `**${fixed(row.itemsPerSecond)}**` : fixed(row.itemsPerSecond),
				fixed((1000 * concurrency) / row.itemsPerSecond, 0),
				fixed(row.connectionsPerCall, 2),
				fixed(row.handshakesPerCall, 2),
			]);
		}
	}
	return table(['Concurrency', 'Client', 'Items', 'Items/s', 'ms per call and lane', 'Connections per call', 'TLS handshakes per call'], rows);
}

/** Calls per second one lane gets, from the slowest (c=1) row: 1000 / (gateway time + round trips). */
function laneRate(remote: RemoteResult, client: RemoteClient): number | undefined {
	return remoteRow(remote, client, 1)?.itemsPerSecond;
}

export function printRemote(remote: RemoteResult, latencyMs: number): void {
	console.log(`TLS: ${remote.tlsVersion}; round trip ${remote.roundTripMs} ms; gateway time ${latencyMs} ms`);
	console.log(remoteTable(remote));
	console.log(`${advice(remote, latencyMs)}\n`);
}

function advice(remote: RemoteResult, latencyMs: number): string {
	const rtt = remote.roundTripMs;
	const node = laneRate(remote, 'node');
	const keepAlive = laneRate(remote, 'keepAlive');
	const perCall = node ? 1000 / node : NaN;
	const widest = Math.max(...remote.rows.map((row) => row.concurrency));
	const wide = remoteRow(remote, 'node', widest);
	const efficiency = wide && node ? wide.itemsPerSecond / (widest * node) : NaN;
	return [
		`One lane of the node (c=1) takes ${fixed(perCall, 0)} ms per call: the gateway's ${latencyMs} ms plus ${fixed((perCall - latencyMs) / rtt, 1)} round trips of ${rtt} ms`,
		`(a new TCP connection, a TLS 1.3 handshake, the request: 3 in theory, the rest is the client's own work); a kept-alive connection takes ${keepAlive ? fixed(1000 / keepAlive, 0) : '–'} ms.`,
		`At c=${widest} the node reaches ${fixed(efficiency * 100, 0)} % of ${widest} × its one-lane rate.`,
	].join(' ');
}

// ---- scale ----

/** Per checkpoint: items/s and heap growth per item since the previous one. */
function segments(scale: ScaleResult) {
	return scale.checkpoints.map((point, index) => {
		const previous = index > 0 ? scale.checkpoints[index - 1] : { calls: 0, seconds: 0, heapAbove: 0, rssAbove: 0 };
		const calls = point.calls - previous.calls;
		return {
			...point,
			rate: calls / (point.seconds - previous.seconds),
			heapPerItem: point.heapAbove / point.calls,
			heapGrowthPerItem: (point.heapAbove - previous.heapAbove) / calls,
		};
	});
}

function scaleTable(scale: ScaleResult): string {
	const kb = (bytes: number) => `${fixed(bytes / 1024, 2)} KB`;
	return table(
		['Items done', 'Seconds since the first call', 'Items/s since the previous row', 'Heap above baseline (after a GC)', 'per item done', 'Heap growth per item since the previous row', 'RSS above baseline'],
		segments(scale).map((row, index, rows) => [
			`${row.calls.toLocaleString('en-US')}${index === rows.length - 1 ? ' (run over)' : ''}`,
			fixed(row.seconds),
			fixed(row.rate),
			mb(row.heapAbove),
			kb(row.heapPerItem),
			kb(row.heapGrowthPerItem),
			mb(row.rssAbove),
		]),
	);
}

/**
 * Linearity, from the checkpoints taken while the node ran (the last row, after it returned, adds
 * n8n's copy of the output): items/s of the first segment over the last (1.00: the time per item
 * does not grow), and what the heap grew per item from the first checkpoint to the last in-run one.
 */
function growth(scale: ScaleResult): { time: number; heapPerItem: number; from: number; to: number } | undefined {
	const rows = segments(scale).slice(0, -1);
	if (rows.length < 2) return undefined;
	const first = rows[0];
	const last = rows[rows.length - 1];
	return { time: first.rate / last.rate, heapPerItem: (last.heapAbove - first.heapAbove) / (last.calls - first.calls), from: first.calls, to: last.calls };
}

function scaleSummary(scale: ScaleResult): string {
	return `${scale.ok.toLocaleString('en-US')}/${scale.items.toLocaleString('en-US')} items answered; node wall time ${fixed(scale.nodeSeconds)} s (${fixed(scale.items / scale.nodeSeconds)} items/s, ${fixed(scale.nodeCpuMs / scale.items, 2)} ms CPU per item, all of n8n); peak RSS ${mb(scale.peakRssAbove)} above the baseline (${fixed(scale.peakRssAbove / scale.items / 1024, 1)} KB per item); heap held by the finished run ${mb(scale.heapHeldAbove)} (${fixed(scale.heapHeldAbove / scale.items / 1024, 2)} KB per item).`;
}

export function printScale(scale: ScaleResult): void {
	console.log(scaleTable(scale));
	console.log(scaleSummary(scale));
	const grown = growth(scale);
	if (grown) {
		console.log(
			`While the node ran: time per item, last segment over the first × ${fixed(grown.time, 2)} (1.00 = linear); the heap grew ${fixed(grown.heapPerItem / 1024, 2)} KB per item from ${grown.from} to ${grown.to} items`,
		);
	}
	console.log('');
}

// ---- real n8n ----

type RealN8n = NonNullable<BenchReport['realN8n']>;

function realN8nTable(real: RealN8n): string {
	return table(
		['Latency', '429s', 'Workflow', 'Items/s', 'Peak in flight', 'Lost', 'Billed twice'],
		real.runs.map((run) => {
			const cbt = run.workflow.startsWith('CBT OCR');
			const bold = (value: string | number) => (cbt ? `**${value}**` : String(value));
			return [
				`${run.latencyMs} ms`,
				`${Math.round(run.refusedShare * 100)} %`,
				run.workflow,
				cbt && run.refusedShare === 0 ? bold(fixed(run.itemsPerSecond)) : cbt ? bold(fixed(run.itemsPerSecond)) : fixed(run.itemsPerSecond),
				String(run.peakInFlight),
				cbt && run.refusedShare > 0 ? bold(run.lost) : String(run.lost),
				cbt && run.refusedShare > 0 ? bold(run.billedTwice) : String(run.billedTwice),
			];
		}),
	);
}

function find(real: RealN8n, latencyMs: number, refusedShare: number, workflow: string): ComparisonRun | undefined {
	return real.runs.find((run) => run.latencyMs === latencyMs && run.refusedShare === refusedShare && (workflow === 'CBT OCR' ? run.workflow.startsWith('CBT OCR') : run.workflow === workflow));
}

interface RealTargets {
	clean: Array<{ latencyMs: number; cbt: ComparisonRun; http: ComparisonRun; met: boolean }>;
	refused: Array<{ latencyMs: number; cbt: ComparisonRun; continued: ComparisonRun; met: boolean }>;
	limit: { afterFirst: number; secondHalf: number; met: boolean };
}

function realTargets(real: RealN8n): RealTargets {
	const clean: RealTargets['clean'] = [];
	const refused: RealTargets['refused'] = [];
	for (const latencyMs of real.latencies) {
		const cbt = find(real, latencyMs, 0, 'CBT OCR');
		const http = find(real, latencyMs, 0, 'Code + HTTP Request');
		if (cbt && http) clean.push({ latencyMs, cbt, http, met: cbt.itemsPerSecond >= http.itemsPerSecond });
		const cbt429 = find(real, latencyMs, real.refusedShare, 'CBT OCR');
		const continued = find(real, latencyMs, real.refusedShare, 'Code + HTTP Request, On Error: Continue');
		if (cbt429 && continued) {
			refused.push({ latencyMs, cbt: cbt429, continued, met: cbt429.itemsPerSecond >= continued.itemsPerSecond / 2 && cbt429.lost === 0 && cbt429.billedTwice === 0 });
		}
	}
	const perThousand = (refusals: number, calls: number) => (calls > 0 ? (1000 * refusals) / calls : 0);
	const { limitRun } = real;
	const secondHalf = perThousand(limitRun.refusalsSecondHalf, limitRun.callsSecondHalf);
	return { clean, refused, limit: { afterFirst: perThousand(limitRun.refusalsAfter, limitRun.callsAfter), secondHalf, met: secondHalf <= 5 } };
}

export function printRealN8n(real: RealN8n): void {
	console.log(realN8nTable(real));
	const targets = realTargets(real);
	console.log('\nTargets (issue 19):');
	for (const { latencyMs, cbt, http, met } of targets.clean) {
		console.log(`  ${latencyMs} ms clean: CBT OCR ${fixed(cbt.itemsPerSecond)} items/s ≥ HTTP Request ${fixed(http.itemsPerSecond)}: ${met ? 'met' : 'MISSED'} (× ${fixed(cbt.itemsPerSecond / http.itemsPerSecond, 2)})`);
	}
	for (const { latencyMs, cbt, continued, met } of targets.refused) {
		console.log(
			`  ${latencyMs} ms, ${real.refusedShare * 100} % 429: CBT OCR ${fixed(cbt.itemsPerSecond)} items/s ≥ half of HTTP Request + On Error: Continue (${fixed(continued.itemsPerSecond)} / 2), lost ${cbt.lost}, billed twice ${cbt.billedTwice}: ${met ? 'met' : 'MISSED'} (× ${fixed(cbt.itemsPerSecond / continued.itemsPerSecond, 2)}; HTTP Request left ${continued.lost} items as errors)`,
		);
	}
	const { limitRun } = real;
	console.log(
		`  A gateway that takes ${real.limit} calls at once, ${limitRun.items} items at ${limitRun.latencyMs} ms: ${limitRun.refusals} refusals in ${limitRun.calls} calls; ${limitRun.refusalsWhileFinding} in the first ${real.limitFindingCalls}, ${limitRun.refusalsAfter} in the ${limitRun.callsAfter} after (${fixed(targets.limit.afterFirst)} per 1,000), ${limitRun.refusalsSecondHalf} in the second half (${fixed(targets.limit.secondHalf)} per 1,000: ${targets.limit.met ? 'met' : 'MISSED'}, target a few per 1,000 once found); peak ${limitRun.peakInFlight} in flight, ${fixed(limitRun.itemsPerSecond)} items/s, lost ${limitRun.lost}, billed twice ${limitRun.billedTwice}`,
	);
	console.log('');
}

// ---- headlines ----

export function headlines(report: BenchReport): string[] {
	const lines: string[] = [];
	if (report.floor) {
		for (const row of report.floor.rows) lines.push(`node/helper c=${row.concurrency}: ${fixed(floorFigures(row).ratio, 2)}`);
		const widest = report.floor.rows[report.floor.rows.length - 1];
		if (widest) lines.push(`node CPU ms/item c=${widest.concurrency}: ${fixed(floorFigures(widest).nodeCpu, 2)}`);
		if (report.floor.profile) {
			const { node, helper, concurrency } = report.floor.profile;
			lines.push(`profile c=${concurrency} node ms/item: ${fixed(node.busyMsPerItem, 2)}`);
			lines.push(`profile c=${concurrency} helper ms/item: ${fixed(helper.busyMsPerItem, 2)}`);
			lines.push(`profile c=${concurrency} ours ms/item: ${fixed(oursOf(node), 3)}`);
		}
	} else lines.push('node/helper: not run');
	for (const result of report.memory ?? []) {
		lines.push(`memory ${result.mode === 'filesystem' ? 'fs' : 'db'}: ${fixed(memoryFigures(result).rssRatio, 2)}x in flight`);
	}
	if (!report.memory) lines.push('memory: not run');
	if (report.remote) {
		for (const row of report.remote.rows.filter((entry) => entry.client === 'node')) lines.push(`remote ${report.remote.roundTripMs}ms node items/s c=${row.concurrency}: ${fixed(row.itemsPerSecond)}`);
		const widest = Math.max(...report.remote.rows.map((row) => row.concurrency));
		const node = remoteRow(report.remote, 'node', widest);
		const keepAlive = remoteRow(report.remote, 'keepAlive', widest);
		if (node && keepAlive) lines.push(`remote ${report.remote.roundTripMs}ms node/keep-alive c=${widest}: ${fixed(node.itemsPerSecond / keepAlive.itemsPerSecond, 2)}`);
		if (node) lines.push(`remote TLS handshakes per call node: ${fixed(node.handshakesPerCall, 2)}`);
	} else lines.push('remote: not run');
	if (report.scale) {
		const { scale } = report;
		lines.push(`scale ${scale.items} items: ${fixed(scale.nodeSeconds)} s`);
		lines.push(`scale ${scale.items} heap per item: ${fixed(scale.heapHeldAbove / scale.items / 1024, 2)} KB`);
		lines.push(`scale ${scale.items} peak RSS per item: ${fixed(scale.peakRssAbove / scale.items / 1024, 2)} KB`);
		const grown = growth(scale);
		if (grown) lines.push(`scale time per item last/first segment: ${fixed(grown.time, 2)}`);
		if (grown) lines.push(`scale heap growth per item ${grown.from}-${grown.to}: ${fixed(grown.heapPerItem / 1024, 2)} KB`);
	} else lines.push('scale: not run');
	if (report.realN8n) {
		const targets = realTargets(report.realN8n);
		for (const { latencyMs, cbt, http } of targets.clean) lines.push(`real n8n ${latencyMs}ms CBT/HTTP Request: ${fixed(cbt.itemsPerSecond / http.itemsPerSecond, 2)}`);
		for (const { latencyMs, cbt, continued } of targets.refused) lines.push(`real n8n ${latencyMs}ms 429 CBT/HTTP Request+Continue: ${fixed(cbt.itemsPerSecond / continued.itemsPerSecond, 2)}`);
		lines.push(`real n8n limit refusals per 1000 second half: ${fixed(targets.limit.secondHalf)}`);
	} else lines.push('real n8n: not run');
	lines.push(`bench minutes: ${fixed(report.minutes)}`);
	return lines;
}

// ---- README ----

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** Replaces what is between the markers; fails when they are not there once each. */
export function writeReadme(path: string, section: string): void {
	const text = readFileSync(path, 'utf8');
	const start = text.indexOf(README_START);
	const end = text.indexOf(README_END);
	if (start === -1 || end === -1 || end < start || text.indexOf(README_START, start + 1) !== -1) {
		throw new Error(`README.md needs one ${README_START} … ${README_END} pair`);
	}
	writeFileSync(path, `${text.slice(0, start + README_START.length)}\n${section.trim()}\n${text.slice(end)}`);
}

function machineLine(report: BenchReport): string {
	const { machine } = report;
	return `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB.toFixed(0)} GB RAM, Node ${machine.node}`;
}

function floorSection(report: BenchReport, floor: FloorResult): string[] {
	const rows = floor.rows.map((row) => ({ row, ...floorFigures(row) }));
	const missed = rows.filter((entry) => entry.ratio < FLOOR_TARGET);
	const out = [
		'### At the floor: the node against n8n\'s own request helper',
		`Invoice OCR items (PNG images of 32 × 32 pixels, a 4 KB body) through CBT OCR in the n8n-core harness, next to two clients`,
		`sending the same signed requests at the same concurrency: **n8n's request helper** (the function behind`,
		`\`this.helpers.httpRequest\`, called in a loop outside any node: the floor for any n8n node, which opens a new connection for`,
		`every call) and **undici's Pool** over kept-alive connections. The node runs at a fixed width (*Max Concurrency* =`,
		`*Concurrency*), reads each image from n8n's binary store (filesystem mode) and is timed by n8n's node hooks; the harness's`,
		`memory sampling is **off** for these rows (\`sampleMemory: false\`). The clients run in rounds (keep-alive, helper, node, then`,
		`again) in one fresh process; items/s are medians, and *Node / helper* is the median of the rounds' ratios (each from`,
		`runs back to back), with their range.`,
		'',
		floorTable(floor),
		'',
		missed.length === 0
			? `**Node / helper ≥ ${FLOOR_TARGET} at every concurrency: met** in this run.`
			: `**Node / helper ≥ ${FLOOR_TARGET}: ${rows.filter((entry) => entry.ratio >= FLOOR_TARGET).map((entry) => `met at ${entry.row.concurrency}`).join(', ') || 'not met'}; missed at ${missed.map((entry) => `${entry.row.concurrency} (${fixed(entry.ratio, 2)}, ${fixed((FLOOR_TARGET - entry.ratio) * 100, 0)} points short)`).join(', ')}.**`,
	];
	if (floor.profile) {
		const { node, helper, concurrency } = floor.profile;
		const ours = oursOf(node);
		const oursHelper = oursOf(helper);
		const share = (ms: number) => `${fixed((100 * ms) / node.busyMsPerItem, 0)} %`;
		const gc = (summary: ProfileSummary) => summary.groups.find((group) => group.group === 'V8: garbage collector')?.msPerItem ?? 0;
		const nodeInternals = (summary: ProfileSummary) => summary.groups.find((group) => group.group.startsWith('Node.js internals'))?.msPerItem ?? 0;
		out.push(
			'',
			`**Where the time per item goes** (a CPU profile of the ${concurrency}-lane row: V8's sampling profiler through \`node:inspector\` in`,
			`the child process, one more run of ${node.items} items for the node and for the helper. The main thread's ${node.mainThreadCpu ? 'CPU time (from /proc)' : 'busy time'} is shared`,
			'out over its samples by the function each caught, builtins charged to the package that called them, per item; a',
			"sample's own gap is not used, as on a shared machine it also holds other processes' turns):",
			'',
			profileTable(floor.profile),
			'',
			`- The node spends **${fixed(node.busyMsPerItem, 2)} ms** per item on the main thread, the helper **${fixed(helper.busyMsPerItem, 2)} ms**; the whole process's CPU while profiled`,
			`  was ${fixed(node.cpuMsPerItem, 2)} and ${fixed(helper.cpuMsPerItem, 2)} ms (other threads included: file reads, GC helpers, the profiler).`,
			`- **Ours** (everything under \`dist/nodes\` and \`dist/credentials\`): **${fixed(ours, 3)} ms** per item (${share(ours)} of the node's), of which`,
			`  ${fixed(oursHelper, 3)} ms is the signing the helper loop also calls (the credential's \`authenticate\`). The rest is reading the`,
			'  item, building the body, the adaptive width and the OCR output (invoice simplification). Its top functions:',
			'',
			topTable(node, 12, true),
			'',
			`- **n8n and Node around the call**: Node's internals ${fixed(nodeInternals(node), 3)} vs ${fixed(nodeInternals(helper), 3)} ms (the node also reads each image`,
			`  from n8n's binary store: \`access\`, \`open\`, \`read\`, \`close\` of n8n-core's filesystem manager), garbage collection`,
			`  ${fixed(gc(node), 3)} vs ${fixed(gc(helper), 3)} ms (n8n's per-item execution data and the output items), n8n-core and n8n-workflow`,
			`  ${fixed((node.groups.find((group) => group.group === 'n8n-core')?.msPerItem ?? 0) + (node.groups.find((group) => group.group === 'n8n-workflow')?.msPerItem ?? 0), 3)} ms.`,
			'',
			'The top functions of the node run:',
			'',
			topTable(node, 15),
		);
	}
	return out;
}

function memorySection(memory: MemoryResult[]): string[] {
	const fs = memory.find((result) => result.mode === 'filesystem');
	const db = memory.find((result) => result.mode === 'database');
	const out = [
		'### Memory: 200 images of ~4 MB, one fresh process per binary-data mode',
		'Each scenario runs in a new Node process. The 200 files are first put into n8n\'s binary store with n8n-core\'s',
		'`copyBinaryFile` (a file copy: storing them adds nothing to the process, and reading files is not what is measured);',
		`n8n-core and the package are loaded, a warm-up run sends ${fs?.concurrency ?? 5} of the stored images through CBT OCR, then a GC: that is the`,
		'baseline. RSS and `arrayBuffers` (the memory of Buffers) are then sampled every 2 ms while CBT OCR sends all 200 at',
		'concurrency 5, the items handed to it as n8n passes them between nodes (metadata and an id). *Bytes in flight* is',
		'concurrency × the image size.',
		'',
		memoryTable(memory),
		'',
	];
	if (fs) {
		const ratio = memoryFigures(fs).rssRatio;
		const bodies = (fs.concurrency * Math.ceil(fs.imageBytes / 3) * 4) / memoryFigures(fs).inFlight;
		const rest = fs.peakRssAbove - bodies * memoryFigures(fs).inFlight;
		out.push(
			`- **Filesystem mode (n8n's default): ${fixed(ratio, 2)} × the bytes in flight; target ≤ ${MEMORY_TARGET} ×: ${ratio <= MEMORY_TARGET ? 'met' : `missed by ${fixed(ratio - MEMORY_TARGET, 2)} ×`}.**`,
			'  The node streams each file from the binary store into one body buffer per lane (the image as base64 inside the JSON',
			`  body), reused by the lane's next item: the ${fs.concurrency} bodies alone are ${fixed(bodies, 2)} × the images in flight, the least any JSON body`,
			`  with the image in it, built in memory, can take. The other ${mb(Math.max(0, rest))} are garbage waiting for the next collection: the`,
			"  64 KB chunks n8n-core's file stream reads (a new Buffer each), the chunks the node joins with the 1–2 bytes left over",
			'  from the chunk before (`Buffer.concat` in `StoredImage.writeBase64`) and the base64 text of each piece. Reading in',
			'  chunks of a multiple of 3 bytes, which avoids the joins, measured no different while tuning this bench. Only a body',
			"  sent as a stream would hold less than a body per lane, and n8n's request helper is not typed to take one.",
		);
	}
	if (db) {
		const ratio = memoryFigures(db).rssRatio;
		out.push(
			`- **Database mode: ${fixed(ratio, 2)} × the bytes in flight** (printed, no target; arrayBuffers ${fixed(memoryFigures(db).buffersRatio, 2)} ×). n8n's database manager (the`,
			'  default in queue mode) loads a stored file from the database and hands it to the node as a stream of **one** chunk,',
			'  the whole file. The node reads ahead as many items as its width (so a lane that frees up never waits on the store),',
			'  and opening an item reads its first chunk: here that is the whole file, so up to 5 whole images (5 × 3.8 MB) wait',
			'  next to the 5 bodies being sent (5 × 5.1 MB), ≈ 2.3 × in flight; the rest of the peak is whole images of items being',
			'  or already sent, held until their call ends and then until the garbage collector frees them (it collects Buffers\'',
			'  memory lazily).',
			'  The harness\'s n8n-core has no database manager (it is part of the n8n package), so a stand-in does what it does over',
			'  n8n-core\'s filesystem store: the file is stored on disk and read whole into one buffer when the node asks for its',
			'  stream. The real manager also holds each file whole while *storing* it (in the reading node, not measured here), and',
			'  its database driver may cache pages.',
		);
	}
	return out;
}

function remoteSection(remote: RemoteResult, latencyMs: number): string[] {
	const node1 = laneRate(remote, 'node');
	const perCall = node1 ? 1000 / node1 : NaN;
	const keepAlive1 = laneRate(remote, 'keepAlive');
	const keepPerCall = keepAlive1 ? 1000 / keepAlive1 : NaN;
	const widest = Math.max(...remote.rows.map((row) => row.concurrency));
	const wide = remoteRow(remote, 'node', widest);
	const wideKeep = remoteRow(remote, 'keepAlive', widest);
	const needed = (itemsPerSecond: number, ms: number) => Math.ceil((itemsPerSecond * ms) / 1000);
	return [
		`### A remote HTTPS gateway: ${remote.roundTripMs} ms round trip`,
		'The sandbox behind a TLS proxy on loopback (`scripts/bench/tlsProxy.ts`, in a process of its own): it terminates TLS with',
		'a certificate made for the run by `openssl` (ECDSA P-256, trusted by the client process through `NODE_EXTRA_CA_CERTS`),',
		`forwards plain HTTP to the sandbox, and holds every chunk for half of a ${remote.roundTripMs} ms round trip each way (a new`,
		`connection's first bytes one round trip more, for the TCP handshake). ${remote.tlsVersion}. Connections and handshakes are`,
		`counted by the proxy. The gateway's own time is ${latencyMs} ms, as in the other parts.`,
		'',
		remoteTable(remote),
		'',
		`- n8n's request helper, so the node and any n8n node, opens **a new connection and a full TLS handshake for every call**`,
		`  (${fixed(remoteRow(remote, 'node', 1)?.handshakesPerCall ?? NaN, 2)} per call measured; no session is resumed, as each call has a new agent): one call costs the gateway's time plus`,
		`  three round trips (TCP, TLS 1.3, the request; TLS 1.2 would add one), here ${fixed(perCall, 0)} ms against ${fixed(keepPerCall, 0)} ms on a kept-alive`,
		'  connection. Nodes cannot keep connections: the helper takes no agent.',
		`- Concurrency makes up for it: at c=${widest} the node reached ${fixed(wide?.itemsPerSecond ?? NaN)} items/s (${fixed(((wide?.itemsPerSecond ?? NaN) / (widest * (node1 ?? NaN))) * 100, 0)} % of ${widest} × one lane), the`,
		`  keep-alive client ${fixed(wideKeep?.itemsPerSecond ?? NaN)}.`,
		`- **Advice:** *Concurrency* ≥ wanted items/s × (gateway time + 3 × round trip). With a ${latencyMs} ms gateway: 100 items/s needs`,
		`  ${needed(100, latencyMs + 3 * 30)} lanes at a 30 ms round trip, ${needed(100, latencyMs + 3 * 100)} at 100 ms, ${needed(100, latencyMs + 3 * 250)} at 250 ms (China from Europe); the default width`,
		'  (10, growing up to *Max Concurrency*, 200) covers these. Measure the round trip with `curl -w "%{time_connect}"` to the',
		'  gateway: `time_connect` is one round trip.',
	];
}

function scaleSection(scale: ScaleResult): string[] {
	const grown = growth(scale);
	return [
		`### Scale: ${scale.items.toLocaleString('en-US')} items through one node`,
		`Distinct people (valid ID numbers) through CBT Identity & Risk › Name and ID Check at concurrency ${scale.concurrency}, name and ID`,
		'number mapped by expressions, in a fresh process (baseline after loading, a warm-up and a GC). Checkpoints when the node',
		"sends its calls number N (counted in the credential's `authenticate`, which n8n calls once per request): the time since",
		'its first call and the heap after a GC. Until the node returns, what grows is its own results; after it, n8n holds',
		"every node's input and output items until the execution ends (*heap held*).",
		'',
		scaleTable(scale),
		'',
		scaleSummary(scale),
		grown
			? `While the node ran: time per item in the last segment (to ${grown.to.toLocaleString('en-US')}) over the first (to ${grown.from.toLocaleString('en-US')}) × ${fixed(grown.time, 2)} (1.00 is linear); the heap grew ${fixed(grown.heapPerItem / 1024, 2)} KB per item from ${grown.from.toLocaleString('en-US')} to ${grown.to.toLocaleString('en-US')} items (what the node keeps per item until it returns; the rest of the heap at the first checkpoint is what n8n and the node set up for all ${scale.items.toLocaleString('en-US')} items before the first call).`
			: '',
	];
}

/** The rows the issue-19 targets judge: CBT OCR, and HTTP Request (clean) or HTTP Request + On Error: Continue (with 429s). */
export function isJudged(run: ComparisonRun): boolean {
	return run.workflow.startsWith('CBT OCR') || run.workflow === (run.refusedShare > 0 ? 'Code + HTTP Request, On Error: Continue' : 'Code + HTTP Request');
}

/** How many runs the judged rows had: the planned number, or fewer where the time budget cut them. */
function runsText(real: RealN8n): string {
	const judged = real.runs.filter(isJudged);
	const short = judged.filter((run) => (run.range?.length ?? 1) < real.runsPerJudged);
	const base = `Medians of ${real.runsPerJudged} runs for CBT OCR and the workflow it is judged against, one run for the others`;
	if (short.length === 0) return `${base}.`;
	return `${base}, except where the time budget of the whole bench (15 minutes) left room for fewer: ${short.map((run) => `${run.workflow} at ${run.latencyMs} ms${run.refusedShare > 0 ? ' with 429s' : ''} (${run.range?.length ?? 1})`).join(', ')}.`;
}

function realN8nSection(real: RealN8n, report: BenchReport): string[] {
	const targets = realTargets(real);
	const judgedRanges = real.runs
		.filter((run) => run.range && run.range.length > 1)
		.map((run) => `${run.workflow} at ${run.latencyMs} ms${run.refusedShare > 0 ? ' with 429s' : ''} ${range(run.range ?? [], 1)}`);
	const out = [
		'### Against a hand-built HTTP Request workflow in a real n8n',
		'This comparison (scripts/bench/realN8n.ts, issue 19): n8n 2.39.10 (the cached copy the e2e tests use) with this package',
		`installed as users get it; ${real.items} distinct invoice images (PNG, about 8 KB) read by *Read/Write Files from Disk*; the sandbox`,
		"gateway in the benchmark's process. Two workflows after the reading:",
		'',
		'- **CBT OCR** with its default options;',
		'- **Code + HTTP Request**, what a user builds without this package: a Code node that reads each image and signs the',
		"  call (MD5 over App Key + timestamp + App Secret, as the credential's default; `NODE_FUNCTION_ALLOW_BUILTIN=crypto`),",
		"  and n8n's HTTP Request node (v4.2) sending it — every item at once, as the node does. Under 429s also with *On",
		'  Error: Continue* and with *Retry On Fail* (3 tries, 1 s apart).',
		'',
		"Items/s are input items over the time of the nodes after reading (CBT OCR; Code + HTTP Request), from n8n's own run",
		'data. *Peak in flight* is what the sandbox saw; *lost* counts input items without a result (an error item, or all of',
		'them when the workflow failed); *billed twice* counts extra bills of the same request (the sandbox ledger by body',
		`fingerprint). ${runsText(real)} n8n runs on`,
		`Node 24 here; the machine is the one above (${machineLine(report)}).`,
		'',
		realN8nTable(real),
		'',
	];
	if (judgedRanges.length > 0) out.push(`The runs of each judged row ranged (items/s): ${judgedRanges.join('; ')}.`, '');
	for (const { latencyMs, cbt, http, met } of targets.clean) {
		out.push(
			`- **Faster than the HTTP Request workflow, clean, ${latencyMs} ms: ${met ? 'met' : 'missed'}** (× ${fixed(cbt.itemsPerSecond / http.itemsPerSecond, 2)}), with ${cbt.peakInFlight} calls in flight instead of ${http.peakInFlight}.`,
		);
	}
	for (const { latencyMs, cbt, continued, met } of targets.refused) {
		out.push(
			`- **With ${real.refusedShare * 100} % of calls answered 429, ${latencyMs} ms: at least half of HTTP Request + On Error: Continue, 0 lost, 0 billed twice: ${met ? 'met' : 'missed'}** (× ${fixed(cbt.itemsPerSecond / continued.itemsPerSecond, 2)}; CBT OCR lost ${cbt.lost}, billed ${cbt.billedTwice} twice; HTTP Request left ${continued.lost} items as errors, to be sent again by the user).`,
		);
	}
	out.push(
		"  CBT OCR waits each refused call's Retry-After (1 s) and finishes every item; the HTTP Request workflow is faster",
		'  where it is because it gives up on the refused items.',
		`- Without *On Error: Continue* the HTTP Request node fails on the first 429 (every item lost); with *Retry On Fail* it`,
		'  sends the items again and bills some of them twice (the rows above).',
	);
	const { limitRun } = real;
	out.push(
		`- **A gateway that takes ${real.limit} calls at once** (${limitRun.items.toLocaleString('en-US')} invoices at ${limitRun.latencyMs} ms, \`rateLimit: { concurrency: ${real.limit} }\`): ${limitRun.refusals} refusals in`,
		`  ${limitRun.calls.toLocaleString('en-US')} calls, ${limitRun.refusalsWhileFinding} of them in the first ${real.limitFindingCalls} (the width overshooting, then narrowing); ${limitRun.refusalsAfter} in the ${limitRun.callsAfter} calls after (${fixed(targets.limit.afterFirst)} per`,
		`  1,000) and ${limitRun.refusalsSecondHalf} in the second half (${fixed(targets.limit.secondHalf)} per 1,000). The sandbox saw at most ${limitRun.peakInFlight} calls at once; ${fixed(limitRun.itemsPerSecond)} items/s,`,
		`  ${limitRun.lost} lost, ${limitRun.billedTwice} billed twice. **Target (a few per 1,000 once the limit is found): ${targets.limit.met ? 'met' : 'missed'}.** The overshoot varies from run`,
		"  to run on this machine (n8n's event loop, busy, lets calls queue on the client and hides the limit for a while).",
		'',
		'The sandbox can refuse calls itself, so these runs need no proxy: a share at random (`rate`), and every call above a',
		'number handled at once (`concurrency`), both answered at once with 429 and `Retry-After`, never billed.',
	);
	return out;
}

export function markdownSection(report: BenchReport): string {
	const out: string[] = [
		`*Written by \`npm run bench\` on ${report.date} (${fixed(report.minutes)} min for the whole run); everything between the bench markers is`,
		'replaced by the next run.* Each part runs in a fresh child process; the sandbox gateway runs in a process of its own.',
		`Machine: **${machineLine(report)}**, shared with other work while it ran, so figures move by`,
		'several per cent between runs (ratios more than once at the widest concurrency, where the machine is busiest).',
		'',
	];
	if (report.notes.length > 0) out.push(`Notes on this run: ${report.notes.join('; ')}.`, '');
	if (report.floor) out.push(...floorSection(report, report.floor), '');
	if (report.memory) out.push(...memorySection(report.memory), '');
	if (report.remote) out.push(...remoteSection(report.remote, report.latencyMs), '');
	if (report.scale) out.push(...scaleSection(report.scale), '');
	if (report.realN8n) out.push(...realN8nSection(report.realN8n, report), '');
	out.push('The lines `npm run bench` ends with, for scripts:', '', '```', ...headlines(report).map((line) => `HEADLINE ${line}`), '```');
	return out.join('\n');
}

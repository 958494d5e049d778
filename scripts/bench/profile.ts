/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark tooling, not package code */
/**
 * A CPU profile of a piece of work (V8's sampling profiler through node:inspector, in the process
 * that runs it), summarised as self time per item: by package (n8n-core, n8n-workflow, ours under
 * dist/, Node's internals, other packages) and the functions that cost most.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

import { PACKAGE_ROOT } from '../../test/harness/harness';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples?: number[];
	timeDeltas?: number[];
	startTime: number;
	endTime: number;
}

export interface ProfileGroup {
	group: string;
	msPerItem: number;
	share: number;
}

export interface ProfileFunction {
	name: string;
	group: string;
	where: string;
	msPerItem: number;
}

export interface ProfileSummary {
	items: number;
	/** Wall time of the profiled work, ms. */
	wallMs: number;
	/** Process CPU (user + system) during the profiled work, per item (the profiler's own cost included). */
	cpuMsPerItem: number;
	/** The main thread's CPU time per item, shared out over its busy samples (idle excluded). */
	busyMsPerItem: number;
	/** Whether busyMsPerItem is the main thread's measured CPU time (Linux), or else wall time while busy. */
	mainThreadCpu?: boolean;
	groups: ProfileGroup[];
	top: ProfileFunction[];
	/** The functions of ours that cost most. */
	topOurs: ProfileFunction[];
}

const OURS = 'ours (dist/nodes, dist/credentials)';

/** The package a script belongs to, from its URL. */
export function groupOf(url: string, functionName: string): string | undefined {
	if (url === '') {
		if (functionName === '(garbage collector)') return 'V8: garbage collector';
		if (functionName === '(program)') return 'V8: (program), native code not attributed';
		if (functionName === '(idle)') return 'idle';
		if (functionName === '(root)') return 'V8: (program), native code not attributed';
		return undefined; // a builtin (JSON.parse, a Buffer write …): charged to its caller below
	}
	if (url.startsWith('node:')) return 'Node.js internals (http, net, streams, …)';
	const path = url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('/node_modules/');
	if (modules !== -1) {
		const parts = path.slice(modules + '/node_modules/'.length).split('/');
		const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
		return name === 'n8n-core' || name === 'n8n-workflow' ? name : `other packages: ${name}`;
	}
	const inside = relative(PACKAGE_ROOT, path);
	if (inside.startsWith('dist/nodes/') || inside.startsWith('dist/credentials/')) return OURS;
	if (inside.startsWith('test/harness/')) return 'the harness (test/harness)';
	if (inside.startsWith('scripts/')) return 'the bench itself (scripts/)';
	return `other: ${inside}`;
}

function where(url: string, line: number): string {
	if (url === '') return '(builtin)';
	const path = url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('/node_modules/');
	const shown = modules !== -1 ? path.slice(modules + '/node_modules/'.length) : url.startsWith('node:') ? url : relative(PACKAGE_ROOT, path);
	return `${shown}:${line + 1}`;
}

export function summarise(
	profile: Profile,
	items: number,
	cpuMs: number,
	intervalMs: number,
	mainThreadCpuMs?: number,
	top = Number(process.env.BENCH_PROFILE_TOP ?? 15),
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	// Each busy sample counts for the same share of the main thread's CPU time (when it is known; else
	// of the profile's wall time). Not the gap to the next sample: on a busy machine that gap also
	// holds the time the OS gave the CPU to another process, all of it charged to whichever function
	// happened to be running (a one-line date helper showed up at 0.17 ms per item that way).
	const samples = profile.samples ?? [];
	const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)' && byId.get(id)?.callFrame.url === '';
	const busySamples = samples.filter((id) => !isIdle(id)).length;
	const interval =
		mainThreadCpuMs !== undefined && busySamples > 0
			? mainThreadCpuMs / busySamples
			: samples.length > 0
				? (profile.endTime - profile.startTime) / 1000 / samples.length
				: intervalMs;
	const self = new Map<number, number>();
	for (const id of samples) self.set(id, (self.get(id) ?? 0) + interval);
	const groupOfNode = (id: number): string => {
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const node = byId.get(at);
			if (!node) break;
			const group = groupOf(node.callFrame.url, node.callFrame.functionName);
			if (group) return group;
		}
		return 'V8: (program), native code not attributed';
	};
	const groups = new Map<string, number>();
	const functions = new Map<string, ProfileFunction & { ms: number }>();
	let busy = 0;
	for (const [id, ms] of self) {
		const node = byId.get(id);
		if (!node) continue;
		const group = groupOfNode(id);
		if (group === 'idle') continue;
		busy += ms;
		groups.set(group, (groups.get(group) ?? 0) + ms);
		const { functionName, url, lineNumber } = node.callFrame;
		const name = functionName || '(anonymous)';
		// A builtin is shown with the function that called it (a native read, from whose code).
		const caller = url === '' ? byId.get(parent.get(id) ?? -1)?.callFrame : undefined;
		const shown = caller && caller.url !== '' ? `(native) from ${caller.functionName || '(anonymous)'} ${where(caller.url, caller.lineNumber)}` : where(url, lineNumber);
		const key = `${name}@${url}:${lineNumber}@${shown}`;
		const entry = functions.get(key) ?? { name, group, where: shown, msPerItem: 0, ms: 0 };
		entry.ms += ms;
		functions.set(key, entry);
	}
	return {
		items,
		wallMs: (profile.endTime - profile.startTime) / 1000,
		cpuMsPerItem: cpuMs / items,
		busyMsPerItem: busy / items,
		groups: [...groups]
			.map(([group, ms]) => ({ group, msPerItem: ms / items, share: busy > 0 ? ms / busy : 0 }))
			.sort((a, b) => b.msPerItem - a.msPerItem),
		top: [...functions.values()]
			.sort((a, b) => b.ms - a.ms)
			.slice(0, top)
			.map(({ ms, ...entry }) => ({ ...entry, msPerItem: ms / items })),
		topOurs: [...functions.values()]
			.filter((entry) => entry.group === OURS)
			.sort((a, b) => b.ms - a.ms)
			.slice(0, top)
			.map(({ ms, ...entry }) => ({ ...entry, msPerItem: ms / items })),
	};
}

/**
 * CPU time of this process's main thread so far, in ms (Linux: /proc/self/task/<pid>/stat, utime +
 * stime in clock ticks of 10 ms); undefined elsewhere.
 */
function mainThreadCpuMs(): number | undefined {
	try {
		const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// Fields 14 and 15 of stat(5); the slice starts at field 3.
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

/** Runs `work` (which returns how many items it handled) under the sampling profiler. */
export async function profiled(work: () => Promise<number>, samplingIntervalUs = 250): Promise<ProfileSummary> {
	const session = new Session();
	session.connect();
	try {
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
		await session.post('Profiler.start');
		const cpu = process.cpuUsage();
		const thread = mainThreadCpuMs();
		const items = await work();
		const used = process.cpuUsage(cpu);
		const threadAfter = mainThreadCpuMs();
		const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
		const mainThread = thread !== undefined && threadAfter !== undefined ? threadAfter - thread : undefined;
		return { ...summarise(profile, items, (used.user + used.system) / 1000, samplingIntervalUs / 1000, mainThread), mainThreadCpu: mainThread !== undefined };
	} finally {
		session.disconnect();
	}
}

export { OURS };

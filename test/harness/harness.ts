/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- harness tooling, not package code */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { useClock, type Clock } from '../../nodes/shared/transport/clock';
import { inputNodeType, ManualTriggerStandIn, readFilesStandIn, type HarnessItem } from './standIns';

// n8n-core reads its settings from the user folder when it is first imported.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'cbt-harness-'));
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';

export const PACKAGE_ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-cbt';

type Core = typeof import('n8n-core');
let core: Core | undefined;
async function loadCore(): Promise<Core> {
	if (!core) {
		const loaded = await import('n8n-core');
		// Binary data lives on disk as in n8n's default (filesystem) mode: nodes must read it through
		// the binary helpers, and a run holds only what it reads.
		// n8n-core's own copy of the DI container (the project may hoist another version).
		const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as typeof import('@n8n/di');
		await Container.get(loaded.BinaryDataService).init();
		core = loaded;
	}
	return core;
}

export interface LoadedPackage {
	nodes: Map<string, INodeType | IVersionedNodeType>;
	credentials: Map<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/**
 * The harness runs what n8n would load, dist/, while tests import the sources: a source newer than
 * its compiled file (or without one) means the tests would run old code, so they do not run at all.
 */
export function assertBuildIsCurrent(root: string = PACKAGE_ROOT): void {
	const stale: string[] = [];
	const visit = (dir: string) => {
		for (const name of readdirSync(join(root, dir))) {
			const path = join(dir, name);
			if (statSync(join(root, path)).isDirectory()) visit(path);
			else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
				const built = join(root, 'dist', path.replace(/\.ts$/, '.js'));
				if (!existsSync(built) || statSync(built).mtimeMs < statSync(join(root, path)).mtimeMs) stale.push(path);
			}
		}
	};
	for (const dir of ['nodes', 'credentials']) visit(dir);
	if (stale.length > 0) {
		throw new Error(`dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ` and ${stale.length - 3} more` : ''}: run "npm run build" first`);
	}
}

/** Loads the built package exactly as n8n does: from package.json's n8n section, out of dist/. */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		assertBuildIsCurrent();
		const { PackageDirectoryLoader } = await loadCore();
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const nodes = new Map<string, INodeType | IVersionedNodeType>();
		for (const [name, data] of Object.entries(loader.nodeTypes)) nodes.set(`${PACKAGE_NAME}.${name}`, data.type);
		const credentials = new Map<string, ICredentialType>();
		for (const [name, data] of Object.entries(loader.credentialTypes)) credentials.set(name, data.type);
		return { nodes, credentials };
	})();
	return loaded;
}

/**
 * Puts `clock` in place of this machine's for the package the harness runs (dist/, loaded as n8n
 * loads it) and for the sources tests import (rawClient's signing, for one): signatures, retries,
 * batch pauses and polls then read and wait on it. Returns what puts the previous clocks back.
 */
export function usePackageClock(clock: Clock): () => void {
	assertBuildIsCurrent();
	const built = createRequire(join(PACKAGE_ROOT, 'package.json'))('./dist/nodes/shared/transport/clock.js') as typeof import('../../nodes/shared/transport/clock');
	const previousBuilt = built.useClock(clock);
	const previousSource = useClock(clock);
	return () => {
		built.useClock(previousBuilt);
		useClock(previousSource);
	};
}

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Map<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`The harness has no node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Hands out credentials by type and signs requests with the credential type's own authenticate. */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types.get(typeName)?.authenticate;
		if (typeof authenticate !== 'function') return requestOptions;
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`The harness was given no "${type}" credential`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunOptions {
	/** Credential data by credential type, e.g. { cbtApi: { appKey, appSecret, baseUrl } }. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Items emitted by nodes of type "harness.input", by node name. */
	inputs?: Record<string, HarnessItem[]>;
	/** Where relative file paths in read-files nodes point. Default: the package root. */
	baseFolder?: string;
	/** More node types by name, for workflows that need a node n8n builds itself (the credential tester's). */
	extraNodeTypes?: Record<string, INodeType>;
	/**
	 * Sample resident memory every 5 ms while each node runs, for `rssPeak` (default true). Benchmarks
	 * of throughput turn it off: the sampling costs CPU in the process whose speed they measure.
	 */
	sampleMemory?: boolean;
}

/** The node types the harness can run besides the package's own. */
export const HARNESS_NODE_TYPES = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.readWriteFile', 'harness.input'];

export interface NodeTiming {
	wallMs: number;
	cpuMs: number;
	/**
	 * Resident memory when the node started (after a GC when run with --expose-gc) and its peak while it
	 * ran (with `sampleMemory: false`, the larger of start and end).
	 */
	rssBefore: number;
	rssPeak: number;
}

export interface RunResult {
	run: IRun;
	/** The items a node produced on its first output, in its last run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node raised, if any. */
	error(nodeName: string): (Error & { description?: string; context?: IDataObject }) | undefined;
	/** The workflow's error, if the run stopped. */
	workflowError: Error | undefined;
	/** Wall and CPU time of each node's last run, in milliseconds, for benchmarks. */
	timings: Record<string, NodeTiming>;
}

let executionCounter = 0;

/** Runs a workflow JSON through n8n-core's WorkflowExecute, with real HTTP. */
/** The stored-workflow record n8n's execution hooks expect. */
export function workflowBase(id: string, name: string, nodes: INode[], json: WorkflowJson, active: boolean): IWorkflowBase {
	return {
		id,
		name,
		active,
		isArchived: false,
		nodes,
		connections: json.connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
}

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions): Promise<RunResult> {
	const { WorkflowExecute, ExecutionLifecycleHooks } = await loadCore();
	const pkg = await loadPackage();
	const itemsByNode = new Map(Object.entries(options.inputs ?? {}));
	const types = new Map<string, INodeType | IVersionedNodeType>(pkg.nodes);
	types.set('n8n-nodes-base.manualTrigger', new ManualTriggerStandIn());
	types.set('harness.input', inputNodeType(itemsByNode));
	types.set('n8n-nodes-base.readWriteFile', readFilesStandIn(options.baseFolder ?? PACKAGE_ROOT));
	for (const [name, type] of Object.entries(options.extraNodeTypes ?? {})) types.set(name, type);

	const nodes = workflowJson.nodes.map((node) => ({ ...node, parameters: { ...node.parameters } }));
	const workflow = new Workflow({
		id: `harness-${++executionCounter}`,
		name: workflowJson.name ?? 'harness',
		nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: new HarnessNodeTypes(types),
		settings: { executionOrder: 'v1' },
	});

	const workflowData = workflowBase(workflow.id, workflow.name ?? 'harness', nodes, workflowJson, false);
	const executionId = String(executionCounter);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const timings: RunResult['timings'] = {};
	const started = new Map<string, { wall: bigint; cpu: NodeJS.CpuUsage; rss: number; sampler: NodeJS.Timeout | undefined; peak: { rss: number } }>();
	hooks.addHandler('nodeExecuteBefore', (nodeName: string) => {
		(globalThis as { gc?: () => void }).gc?.();
		const peak = { rss: process.memoryUsage().rss };
		const sampler =
			options.sampleMemory === false
				? undefined
				: setInterval(() => {
						peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
					}, 5);
		started.set(nodeName, { wall: process.hrtime.bigint(), cpu: process.cpuUsage(), rss: peak.rss, sampler, peak });
	});
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		const start = started.get(nodeName);
		if (!start) return;
		clearInterval(start.sampler);
		const cpu = process.cpuUsage(start.cpu);
		timings[nodeName] = {
			wallMs: Number(process.hrtime.bigint() - start.wall) / 1e6,
			cpuMs: (cpu.user + cpu.system) / 1000,
			rssBefore: start.rss,
			rssPeak: Math.max(start.peak.rss, process.memoryUsage().rss),
		};
	});

	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(pkg.credentials, options.credentials),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not supported by the harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not supported by the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = nodes.find((node) => types.get(node.type) instanceof ManualTriggerStandIn) ?? nodes[0];
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });

	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => {
			const tasks = runData[nodeName];
			if (!tasks?.length) return [];
			return tasks[tasks.length - 1].data?.main?.[0] ?? [];
		},
		error: (nodeName) => {
			const tasks = runData[nodeName];
			return tasks?.[tasks.length - 1]?.error as ReturnType<RunResult['error']>;
		},
		workflowError: run.data.resultData.error,
		timings,
	};
}

export type { HarnessItem, IExecuteData };

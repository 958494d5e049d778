/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness tooling, not package code */
/**
 * Serves a workflow's webhook trigger over real HTTP, the way n8n serves a production webhook
 * (packages/cli: LiveWebhooks.executeWebhook → WebhookHelpers.executeWebhook), so that a trigger
 * node is tested through its real `webhook()` method with n8n-core's own WebhookContext:
 *
 * - URL: `<base>/webhook/<node.webhookId>/<webhook path>`, n8n's production URL for a node with a
 *   webhook ID; `getNodeWebhookUrl('default')` inside the node returns it.
 * - For each request a new Workflow is built with the static data saved so far, as n8n loads the
 *   workflow from its database per request; after the response, static data the node changed
 *   (`__dataChanged`) is saved, as LiveWebhooks does in its response callback.
 * - The request is what n8n's webhook body parsing leaves: `body` (JSON parsed), `rawBody` (the
 *   exact bytes, a Buffer), `query`, `params`, `headers`, `originalUrl`. The response gets the
 *   express methods nodes call (`status`, `json`, `send`, `set`).
 * - The node's result is answered as n8n does for `responseMode: 'onReceived'`: nothing when the
 *   node answered itself (`noWebhookResponse`), else `webhookResponse`, else n8n's default
 *   ("Webhook call received" without workflowData, "Workflow was started" with it).
 * - With `workflowData`, the workflow runs from the trigger with that data, as n8n's
 *   prepareExecutionData + WorkflowExecute.processRunExecutionData do; without it, nothing runs.
 *
 * Not modelled: test webhooks (the editor's "listen for test event"), other response modes, binary
 * and form bodies, queue mode.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, sleep, Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper as CredentialsHelper, HarnessNodeTypes as NodeTypes, loadPackage, workflowBase, type WorkflowJson } from './harness';

/** One request the webhook received and what became of it. */
export interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	rawBody: string;
	status: number;
	responseBody: string;
	/** Whether the workflow was started. */
	started: boolean;
}

export interface WebhookExecution {
	run: IRun;
	output(nodeName: string): INodeExecutionData[];
	error(nodeName: string): (Error & { description?: string }) | undefined;
}

export interface WebhookServer {
	/** The trigger's production webhook URL. */
	url: string;
	received: ReceivedRequest[];
	executions: WebhookExecution[];
	/** Resolves once `count` executions have finished (rejects after `timeoutMs`). */
	waitForExecutions(count: number, timeoutMs?: number): Promise<WebhookExecution[]>;
	/** Resolves once `count` requests have been answered. */
	waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
	/**
	 * Resolves once nothing is going on: no request being handled (its workflow execution included)
	 * and no static-data save still to land. What a test awaits instead of a pause.
	 */
	idle(): Promise<void>;
	/** Resolves once every static-data save so far has landed (requests may still be running). */
	saved(): Promise<void>;
	/** The static data saved after the last request. */
	staticData(): IDataObject;
	/** Forgets the saved static data (as if it had never been saved). */
	resetStaticData(): void;
	/** Answers the next `count` requests with HTTP 503 before n8n sees them (a receiver that is down). */
	failNext(count: number): void;
	close(): Promise<void>;
}

export interface ServeOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The trigger node's name; default: the first node whose type has webhooks. */
	triggerNode?: string;
	/**
	 * A database round trip, in milliseconds (default 0): the static data a request loads is the one
	 * saved when the request began, and a request's save (serialised when the node returns, as n8n's
	 * query builder does) lands this long later. Makes simultaneous deliveries overlap as they do in n8n.
	 */
	databaseMs?: number;
}

type Core = typeof import('n8n-core');

/**
 * n8n's deduplication store (`this.helpers.checkProcessedAndRecord` …) for the harness, which has no
 * database: one list of values per workflow and context, read and rewritten per call as n8n's
 * DeduplicationHelper does (mode "entries" only). Installed once per process; `clear()` empties it.
 */
export const memoryDeduplication = {
	rows: new Map<string, string[]>(),
	/** A database round trip between the read and the write (default 0), so that simultaneous calls lose updates as n8n's do. */
	delayMs: 0,
	clear() {
		this.rows.clear();
		this.delayMs = 0;
	},
	calls: 0,
};

function contextKey(scope: string, contextData: { workflow: { id?: string }; node?: { id?: string } }): string {
	return `${contextData.workflow.id ?? ''}|${scope === 'node' ? `n:${contextData.node?.id ?? ''}` : ''}`;
}

export async function installMemoryDeduplication(): Promise<void> {
	const core: Core = await import('n8n-core');
	try {
		core.DataDeduplicationService.getInstance();
		return;
	} catch {
		// not installed yet
	}
	type Data = { workflow: { id?: string }; node?: { id?: string } };
	type Options = { mode: string; maxEntries?: number };
	const deduplicator = {
		async checkProcessed(items: unknown[], scope: string, contextData: Data) {
			const row = memoryDeduplication.rows.get(contextKey(scope, contextData)) ?? [];
			return { new: items.filter((item) => !row.includes(String(item))), processed: items.filter((item) => row.includes(String(item))) };
		},
		async checkProcessedAndRecord(items: unknown[], scope: string, contextData: Data, options: Options) {
			if (options.mode !== 'entries') throw new Error('the harness deduplicator supports mode "entries" only');
			memoryDeduplication.calls++;
			const key = contextKey(scope, contextData);
			const row = [...(memoryDeduplication.rows.get(key) ?? [])];
			if (memoryDeduplication.delayMs) await sleep(memoryDeduplication.delayMs);
			const result = { new: [] as unknown[], processed: [] as unknown[] };
			for (const item of items) {
				if (row.includes(String(item))) result.processed.push(item);
				else {
					result.new.push(item);
					row.push(String(item));
				}
			}
			if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
			memoryDeduplication.rows.set(key, row);
			return result;
		},
		async removeProcessed(items: unknown[], scope: string, contextData: Data) {
			const key = contextKey(scope, contextData);
			memoryDeduplication.rows.set(key, (memoryDeduplication.rows.get(key) ?? []).filter((value) => !items.map(String).includes(value)));
		},
		async clearAllProcessedItems(scope: string, contextData: Data) {
			memoryDeduplication.rows.delete(contextKey(scope, contextData));
		},
		async getProcessedDataCount(scope: string, contextData: Data) {
			return (memoryDeduplication.rows.get(contextKey(scope, contextData)) ?? []).length;
		},
	};
	await core.DataDeduplicationService.init(deduplicator as unknown as Parameters<typeof core.DataDeduplicationService.init>[0]);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** The express methods n8n's response object offers nodes, on node's own ServerResponse. */
function expressResponse(response: ServerResponse) {
	const extended = response as ServerResponse & {
		status(code: number): typeof extended;
		json(value: unknown): typeof extended;
		send(value: unknown): typeof extended;
		set(name: string, value: string): typeof extended;
		header(name: string, value: string): typeof extended;
		bodyText?: string;
	};
	extended.status = (code) => {
		response.statusCode = code;
		return extended;
	};
	extended.set = (name, value) => {
		response.setHeader(name, value);
		return extended;
	};
	extended.header = extended.set;
	extended.send = (value) => {
		const text = typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value);
		if (typeof value === 'object' && !Buffer.isBuffer(value) && !response.getHeader('content-type')) {
			response.setHeader('Content-Type', 'application/json; charset=utf-8');
		}
		extended.bodyText = Buffer.isBuffer(text) ? text.toString('utf8') : text;
		response.end(text);
		return extended;
	};
	extended.json = (value) => {
		response.setHeader('Content-Type', 'application/json; charset=utf-8');
		return extended.send(JSON.stringify(value));
	};
	return extended;
}

function runResult(run: IRun): WebhookExecution {
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => {
			const tasks = runData[nodeName];
			return tasks?.[tasks.length - 1]?.data?.main?.[0] ?? [];
		},
		error: (nodeName) => {
			const tasks = runData[nodeName];
			return tasks?.[tasks.length - 1]?.error as ReturnType<WebhookExecution['error']>;
		},
	};
}

/** Something a test waits for: checked whenever the server's state changes, given up after `timeoutMs`. */
async function waitFor<T>(changes: Array<() => void>, check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
	let timedOut = false;
	const timeout = sleep(timeoutMs).then(() => {
		timedOut = true;
	});
	for (;;) {
		const value = check();
		if (value !== undefined) return value;
		if (timedOut) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await Promise.race([timeout, new Promise<void>((resolve) => changes.push(resolve))]);
	}
}

let counter = 0;

/** Starts serving the workflow's webhook trigger on 127.0.0.1. */
export async function serveWebhook(workflowJson: WorkflowJson, options: ServeOptions): Promise<WebhookServer> {
	const core: Core = await import('n8n-core');
	const pkg = await loadPackage();
	const nodeTypes = new NodeTypes(pkg.nodes);
	const credentialsHelper = new CredentialsHelper(pkg.credentials, options.credentials);
	const workflowId = `webhook-${++counter}`;
	const nodes: INode[] = workflowJson.nodes.map((node) => ({ ...node, parameters: { ...node.parameters } }));
	const trigger = options.triggerNode
		? nodes.find((node) => node.name === options.triggerNode)
		: nodes.find((node) => (nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks ?? []).length > 0);
	if (!trigger) throw new Error('The workflow has no webhook trigger');
	trigger.webhookId ??= `harness-${workflowId}`;
	const triggerType = nodeTypes.getByNameAndVersion(trigger.type, trigger.typeVersion);
	const description = triggerType.description.webhooks?.[0] as IWebhookDescription;
	if (!triggerType.webhook || !description) throw new Error(`${trigger.type} has no webhook`);

	let savedStaticData: IDataObject = {};
	let pendingSaves = 0;
	let handling = 0;
	/** Who waits for the next change of state (a request answered, an execution finished, a save landed). */
	const changes: Array<() => void> = [];
	const changed = () => {
		for (const resolve of changes.splice(0)) resolve();
	};
	let failures = 0;
	const received: ReceivedRequest[] = [];
	const executions: WebhookExecution[] = [];
	const sockets = new Set<Socket>();
	let baseUrl = '';

	const workflowData = workflowBase(workflowId, workflowJson.name ?? 'webhook harness', nodes, workflowJson, true);

	function additionalDataFor(executionId: string, request: IncomingMessage, response: ServerResponse): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper,
			hooks: new core.ExecutionLifecycleHooks('webhook', executionId, workflowData),
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${baseUrl}/rest`,
			instanceBaseUrl: baseUrl,
			formWaitingBaseUrl: `${baseUrl}/form-waiting`,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			variables: {},
			httpRequest: request,
			httpResponse: response,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not supported by the harness');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('task runners are not supported by the harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	const webhookPath = `${trigger.webhookId}/${description.path}`;

	async function handle(incoming: IncomingMessage, outgoing: ServerResponse) {
		const url = new URL(incoming.url ?? '/', 'http://harness');
		const raw = await readBody(incoming);
		const response = expressResponse(outgoing);
		const entry: ReceivedRequest = {
			method: incoming.method ?? 'GET',
			path: url.pathname,
			headers: incoming.headers,
			rawBody: raw.toString('utf8'),
			status: 0,
			responseBody: '',
			started: false,
		};
		const finish = () => {
			entry.status = outgoing.statusCode;
			entry.responseBody = response.bodyText ?? '';
			received.push(entry);
			changed();
		};

		if (failures > 0) {
			failures--;
			response.status(503).send('Service Unavailable');
			return finish();
		}
		if (url.pathname !== `/webhook/${webhookPath}` || incoming.method !== description.httpMethod) {
			response.status(404).json({ code: 404, message: `The requested webhook "${incoming.method} ${url.pathname}" is not registered.` });
			return finish();
		}

		const request = incoming as IncomingMessage & IDataObject;
		const contentType = (incoming.headers['content-type'] ?? '').split(';')[0].trim();
		let body: unknown = {};
		if (contentType === 'application/json' && raw.length > 0) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				response.status(422).json({ code: 422, message: 'Failed to parse request body' });
				return finish();
			}
		}
		Object.assign(request, {
			body,
			rawBody: raw,
			contentType,
			query: Object.fromEntries(url.searchParams.entries()),
			params: {},
			originalUrl: incoming.url,
			path: url.pathname,
			readRawBody: async () => {},
		});

		const executionId = `${workflowId}-${received.length + 1}`;
		const additionalData = additionalDataFor(executionId, incoming, outgoing);
		const loadedStaticData = JSON.parse(JSON.stringify(savedStaticData)) as IDataObject;
		if (options.databaseMs) await sleep(options.databaseMs);
		const workflow = new Workflow({
			id: workflowId,
			name: workflowData.name,
			nodes,
			connections: workflowJson.connections,
			active: true,
			nodeTypes,
			staticData: loadedStaticData,
			settings: { executionOrder: 'v1' },
		});
		const webhookData: IWebhookData = {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: trigger!.name,
			path: webhookPath,
			webhookDescription: description,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: trigger!.webhookId,
		};

		let result: IWebhookResponseData;
		try {
			const context = new core.WebhookContext(workflow, trigger!, additionalData, 'webhook', webhookData, [], null);
			result = await triggerType.webhook!.call(context);
		} catch (error) {
			if (!outgoing.headersSent) response.status(500).json({ code: 0, message: (error as Error).message });
			return finish();
		}
		if (!result.noWebhookResponse && !outgoing.headersSent) {
			const fallback = result.workflowData === undefined ? { message: 'Webhook call received' } : { message: 'Workflow was started' };
			response.status(200).json(result.webhookResponse !== undefined ? result.webhookResponse : fallback);
		}
		if (workflow.staticData.__dataChanged === true) {
			const copy = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			delete copy.__dataChanged;
			workflow.staticData.__dataChanged = false;
			// Saved whole, last writer wins, as n8n's WorkflowStaticDataService.saveStaticData does.
			if (options.databaseMs) {
				pendingSaves++;
				void sleep(options.databaseMs).then(() => {
					savedStaticData = copy;
					pendingSaves--;
					changed();
				});
			} else savedStaticData = copy;
		}
		entry.started = result.workflowData !== undefined;
		finish();
		if (!result.workflowData) return;

		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: trigger!, data: { main: result.workflowData }, source: null }] },
		});
		const run = await new core.WorkflowExecute(additionalData, 'webhook', runExecutionData).processRunExecutionData(workflow);
		executions.push(runResult(run));
		changed();
	}

	const server: Server = createServer((incoming, outgoing) => {
		handling++;
		handle(incoming, outgoing)
			.catch((error: Error) => {
				if (!outgoing.headersSent) {
					outgoing.writeHead(500, { 'Content-Type': 'text/plain' });
					outgoing.end(error.message);
				}
			})
			.finally(() => {
				handling--;
				changed();
			});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	baseUrl = `http://127.0.0.1:${port}`;

	return {
		url: `${baseUrl}/webhook/${webhookPath}`,
		received,
		executions,
		waitForExecutions: (count, timeoutMs = 10_000) =>
			waitFor(changes, () => (executions.length >= count ? executions.slice(0, count) : undefined), timeoutMs, `${count} execution(s)`),
		waitForRequests: (count, timeoutMs = 10_000) =>
			waitFor(changes, () => (received.length >= count ? received.slice(0, count) : undefined), timeoutMs, `${count} request(s)`),
		idle: async () => {
			while (handling > 0 || pendingSaves > 0) await new Promise<void>((resolve) => changes.push(resolve));
		},
		saved: async () => {
			while (pendingSaves > 0) await new Promise<void>((resolve) => changes.push(resolve));
		},
		staticData: () => {
			if (pendingSaves > 0) throw new Error('static data saves are still pending: wait databaseMs first');
			return savedStaticData;
		},
		resetStaticData: () => {
			savedStaticData = {};
		},
		failNext: (count) => {
			failures = count;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- benchmark tooling that starts processes, not package code */
/**
 * What the parts of `npm run bench` share: the sandbox as a child process, the workflows, the two
 * clients the node is compared with (n8n's own request helper, and undici over kept-alive
 * connections), and the plumbing of the child processes each part runs in.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { Pool } from 'undici';
import type { IBinaryData, ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT, type WorkflowJson } from '../../test/harness/harness';
import { inputNode, singleNodeWorkflow } from '../../test/support/workflows';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET } from '../../sandbox/server';

export const INVOICE_PATH = '/apis/tt/gw/ocr/v1/invoice';
/** The gateway's own time per call in every part: the sandbox waits this long before it answers. */
export const LATENCY_MS = 50;

export function credential(url: string): ICredentialDataDecryptedObject {
	return { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: url };
}

/** The sandbox gateway in a child process of its own, so that its CPU is not counted against a client. */
export async function startSandboxProcess(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'sandbox/cli.ts'), '--port', '0', '--latency', String(latencyMs)], {
		cwd: PACKAGE_ROOT,
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
	// Its later output (the credential line and so on) is not needed; keep the pipe drained.
	child.stdout?.resume();
	return { url, child };
}

/** Options of every benchmarked node: a fixed width (Max Concurrency = Concurrency), every item sent. */
export function fixedWidth(concurrency: number) {
	return { concurrency, maxConcurrency: concurrency, deduplicate: false };
}

/** The description of a bench-only input node (no parameters, one input, one output). */
export function benchInputDescription(displayName: string, name: string): INodeType['description'] {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
}

/**
 * An input node whose images go into n8n's binary store on its first run only: later runs hand the
 * node the same stored files (items as n8n passes them on: metadata and an id). Set `count` before
 * a run. A profile of a run then holds the node's work, not the storing of its input.
 */
export function storedOnce(images: Buffer[]): { node: INode; type: INodeType; count: number } {
	let stored: IBinaryData[] | undefined;
	const input = {
		node: { ...inputNode(), type: 'bench.storedInput' },
		count: images.length,
		type: {
			description: benchInputDescription('Stored Input (bench)', 'storedInput'),
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				if (!stored) {
					stored = [];
					for (const [index, image] of images.entries()) stored.push(await this.helpers.prepareBinaryData(image, `i${index}.png`, 'image/png'));
				}
				return [stored.slice(0, input.count).map((binary) => ({ json: {}, binary: { data: { ...binary } }, pairedItem: { item: 0 } }))];
			},
		} satisfies INodeType,
	};
	return input;
}

/** CBT OCR reading invoices from the binary field `data`. */
export function ocrWorkflow(concurrency: number, input?: INode): WorkflowJson {
	return singleNodeWorkflow('cbtOcr', { operation: 'invoice', binaryPropertyName: 'data', options: fixedWidth(concurrency) }, {}, input);
}

type Authenticate = (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/**
 * Signs a request as n8n does for the nodes: with the built credential type's own `authenticate`
 * (what n8n's httpRequestWithAuthentication applies), so the clients send what the node sends.
 */
export async function signer(url: string): Promise<(body: Buffer) => Promise<IHttpRequestOptions>> {
	const { credentials } = await loadPackage();
	const authenticate = credentials.get('cbtApi')?.authenticate as Authenticate | undefined;
	if (typeof authenticate !== 'function') throw new Error('the built cbtApi credential has no authenticate function');
	const data = credential(url);
	return async (body) => await authenticate(data, { method: 'POST', url: INVOICE_PATH, body, headers: { 'Content-Type': 'application/json' } });
}

/** Sends every body, signed, `concurrency` at a time; returns how many were answered with code 0. */
export async function sendAll(
	url: string,
	bodies: Buffer[],
	concurrency: number,
	send: (signed: IHttpRequestOptions) => Promise<number | undefined>,
): Promise<number> {
	const sign = await signer(url);
	let next = 0;
	let ok = 0;
	const lane = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			if ((await send(await sign(body))) === 0) ok++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return ok;
}

/** A keep-alive client: undici's Pool, one kept-alive connection per lane. */
export async function keepAliveClient(url: string, bodies: Buffer[], concurrency: number): Promise<number> {
	const pool = new Pool(url, { connections: concurrency });
	try {
		return await sendAll(url, bodies, concurrency, async (signed) => {
			const response = await pool.request({
				method: 'POST',
				path: INVOICE_PATH,
				headers: signed.headers as Record<string, string>,
				body: signed.body as Buffer,
			});
			return ((await response.body.json()) as { code?: number }).code;
		});
	} finally {
		await pool.close();
	}
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<{ body: { code?: number } }>;

/**
 * The floor for any n8n node: n8n's own request helper (what `this.helpers.httpRequest` runs)
 * sending the same signed requests, outside any node or workflow. It builds a new http(s) agent
 * for every request, so every call opens a new connection (and over TLS, a new session).
 */
export async function n8nHelperClient(url: string, bodies: Buffer[], concurrency: number): Promise<number> {
	const { httpRequest } = (await import(
		join(PACKAGE_ROOT, 'node_modules/n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions.js')
	)) as { httpRequest: HttpRequest };
	return await sendAll(url, bodies, concurrency, async (signed) => {
		const response = await httpRequest({ ...signed, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true, disableFollowRedirect: true });
		return response.body.code;
	});
}

/** The message a bench child sends its parent when it is done. */
export interface ChildDone<T> {
	type: 'done';
	result: T;
}

/**
 * Runs one part of the bench in a fresh Node process (with --expose-gc) and returns what it sends
 * back. Its output goes to this process's output.
 */
export async function runChild<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = []): Promise<T> {
	const child = fork(join(__dirname, script), args, {
		cwd: PACKAGE_ROOT,
		execArgv: ['--expose-gc', '--import', 'tsx', ...nodeOptions],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return await new Promise<T>((resolve, reject) => {
		let result: { value: T } | undefined;
		child.on('message', (message: ChildDone<T>) => {
			if (message?.type === 'done') result = { value: message.result };
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (result) resolve(result.value);
			else reject(new Error(`${script} ${args.join(' ')} exited with ${signal ?? code} before it reported`));
		});
	});
}

/** In a child: sends the result to the parent and ends the process. */
export function reportAndExit<T>(result: T): void {
	process.send?.({ type: 'done', result } satisfies ChildDone<T>, () => process.exit(0));
}

/** In a child: the error, then exit 1 (the parent reports the part as not run). */
export function failChild(error: unknown): void {
	console.error(error);
	process.exit(1);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const MiB = 1024 * 1024;

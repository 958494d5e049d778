/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the sandbox is a dev server, not node code */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { GatewayProfile } from '../nodes/shared/profile/types';
import {
	computeSignature,
	DEFAULT_SIGNATURE,
	HEADER_APP_KEY,
	HEADER_SIGNATURE,
	HEADER_TIMESTAMP,
	type SignatureSettings,
} from '../nodes/shared/auth/signing';
import { TaskStore, type AsyncSettings } from './asyncTasks';
import { SANDBOX_CLOCK, type Clock } from './clock';
import { requestKeys, SANDBOX_CODES, SandboxContract, type ServedEndpoint, type Situation } from './contract';
import { FaultQueue, RateLimiter, type Fault, type FaultSpec, type LoadStats, type RateLimitSettings } from './faults';
import { fixtureFor, type FixtureContext } from './fixtures';
import { Ledger } from './ledger';

export { SANDBOX_CODES, SandboxContract };
export type { Situation };

export const SANDBOX_APP_KEY = 'sandbox-app-key';
export const SANDBOX_APP_SECRET = 'sandbox-app-secret';

export interface SandboxApp {
	appKey: string;
	appSecret: string;
	signature?: SignatureSettings;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	apps?: SandboxApp[];
	/** Allowed difference between the request timestamp and the sandbox clock. Default 300 s. */
	windowSeconds?: number;
	/** Added to every call, in milliseconds. */
	latencyMs?: number;
	/** Shifts the sandbox's clock, to simulate a client whose clock is off. */
	clockOffsetSeconds?: number;
	/**
	 * A gateway profile (the parsed JSON of nodes/shared/profile/types.ts): the sandbox then serves
	 * the gateway it describes (paths, methods, wire keys, constants, dropped fields, list and task
	 * keys, codes, notification fields). Checked with checkProfile: a ProfileError is thrown.
	 */
	profile?: GatewayProfile;
	/** Refuse calls with "too many requests": a share at random, and above a number handled at once (sandbox/faults.ts). */
	rateLimit?: RateLimitSettings;
	/**
	 * The sandbox's time: the timestamp window, envelopes, the ledger, how long a task takes, latency
	 * and notifications. Default: this machine's clock. Tests pass a fake one and move it themselves.
	 */
	clock?: Clock;
	/** How its asynchronous tasks behave at the start and after `tasks.reset()` (sandbox/asyncTasks.ts). */
	async?: Partial<AsyncSettings>;
}

export interface Sandbox {
	url: string;
	port: number;
	ledger: Ledger;
	faults: FaultQueue;
	/** What the sandbox serves: the catalog, or the catalog under the profile. */
	contract: SandboxContract;
	/** Its asynchronous tasks and their notifications: this sandbox's own, whatever else runs in the process. */
	tasks: TaskStore;
	/** The clock it reads the time from. */
	clock: Clock;
	inject(fault: Fault): void;
	setLatency(ms: number): void;
	/** Replaces the rate limiting ({} turns it off). */
	setRateLimit(settings: RateLimitSettings): void;
	/** Calls in flight now, the most at once, calls refused, since the last reset(). */
	load(): LoadStats;
	/** Clears the ledger, the faults and the load counts (not the tasks: `tasks.reset()`). */
	reset(): void;
	close(): Promise<void>;
}

interface Envelope {
	code: number;
	request_id: string;
	charge: 0 | 1;
	timestamp: number;
	message: string;
	data: unknown;
}

interface Answer {
	status: number;
	envelope: Envelope;
	operation?: string;
	appKey?: string;
}

const BEFORE_BILLING = new Set(['http', 'code', 'nonEnvelope']);

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The signature headers a request carried, as the ledger keeps them. */
function signedWith(request: IncomingMessage): { timestamp?: string; signature?: string } {
	const header = (name: string) => {
		const value = request.headers[name.toLowerCase()];
		return typeof value === 'string' ? value : undefined;
	};
	const timestamp = header(HEADER_TIMESTAMP);
	const signature = header(HEADER_SIGNATURE);
	return { ...(timestamp === undefined ? {} : { timestamp }), ...(signature === undefined ? {} : { signature }) };
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** A request as read once: its parameters (query string for GET, JSON body otherwise) and their keys. */
interface ReadRequest {
	/** Undefined when a body is not a JSON object. */
	body?: Record<string, unknown>;
	keys: string[];
}

function readRequest(method: string, url: URL, rawBody: string): ReadRequest {
	if (method === 'GET') return { body: Object.fromEntries(url.searchParams.entries()), keys: requestKeys(method, url, rawBody) };
	try {
		const parsed: unknown = rawBody ? JSON.parse(rawBody) : {};
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
		return { body: parsed as Record<string, unknown>, keys: Object.keys(parsed).sort() };
	} catch {
		return { keys: [] };
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const apps = new Map<string, SandboxApp>();
	for (const app of options.apps ?? [{ appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET }]) apps.set(app.appKey, app);
	const windowSeconds = options.windowSeconds ?? 300;
	let latencyMs = options.latencyMs ?? 0;
	const contract = options.profile === undefined ? SandboxContract.plain() : SandboxContract.fromProfile(options.profile);
	const ledger = new Ledger();
	const faults = new FaultQueue();
	const limiter = new RateLimiter(options.rateLimit ?? {});
	const sockets = new Set<Socket>();
	const clock = options.clock ?? SANDBOX_CLOCK;
	const tasks = new TaskStore({
		clock,
		defaultSigner: { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET },
		notificationNames: contract.notificationNames,
		settings: options.async,
	});
	const fixtureContext: FixtureContext = { tasks };

	const nowMs = () => clock.now() + (options.clockOffsetSeconds ?? 0) * 1000;

	/** Request IDs: the time, random hex and this sandbox's sequence number. */
	let sequence = 0;
	function newRequestId(atMs: number): string {
		const stamp = new Date(atMs).toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
		sequence = (sequence + 1) % 10_000_000;
		return `${stamp}E${randomBytes(3).toString('hex').toUpperCase()}${String(sequence).padStart(7, '0')}`;
	}

	function envelope(code: number, message: string, charge: 0 | 1, data: unknown = null): Envelope {
		return { code, request_id: newRequestId(nowMs()), charge, timestamp: Math.floor(nowMs() / 1000), message, data };
	}

	function authenticate(request: IncomingMessage, path: string, rawBody: string, id: string | undefined): Envelope | { appKey: string } {
		const code = (situation: Situation) => contract.code(situation, id);
		const appKey = request.headers[HEADER_APP_KEY.toLowerCase()];
		const timestamp = request.headers[HEADER_TIMESTAMP.toLowerCase()];
		const signature = request.headers[HEADER_SIGNATURE.toLowerCase()];
		if (typeof appKey !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
			return envelope(code('missingHeaders'), '缺少签名请求头', 0);
		}
		const app = apps.get(appKey);
		if (!app) return envelope(code('unknownKey'), 'AppKey不存在', 0);
		const settings = app.signature ?? DEFAULT_SIGNATURE;
		const sentMs = settings.timestampUnit === 'milliseconds' ? Number(timestamp) : Number(timestamp) * 1000;
		const skewSeconds = (nowMs() - sentMs) / 1000;
		if (!Number.isFinite(sentMs) || Math.abs(skewSeconds) > windowSeconds) {
			return envelope(
				code('staleTimestamp'),
				`时间戳超出允许范围(±${windowSeconds}秒), 服务器时间 ${Math.floor(nowMs() / 1000)}`,
				0,
			);
		}
		const expected = computeSignature(settings, {
			appKey,
			appSecret: app.appSecret,
			timestamp,
			method: request.method ?? 'GET',
			path,
			body: rawBody,
		});
		if (!sameText(expected, signature)) return envelope(code('badSignature'), '签名错误', 0);
		return { appKey };
	}

	function answer(request: IncomingMessage, url: URL, rawBody: string, served: ServedEndpoint | undefined, read: ReadRequest): Answer {
		const operation = served?.id;
		const code = (situation: Situation) => contract.code(situation, operation);
		const auth = authenticate(request, url.pathname, rawBody, operation);
		if ('code' in auth) return { status: 200, envelope: auth, operation };
		const base = { operation, appKey: auth.appKey };
		if (!served) {
			return { status: 404, envelope: envelope(code('unknownEndpoint'), '接口不存在或未开通', 0), ...base };
		}
		const endpoint = served.endpoint;
		const body = read.body;
		if (!body) return { status: 200, envelope: envelope(code('invalidParameter'), '请求体不是JSON对象', 0), ...base };
		const problem = contract.refusal(served, body);
		if (problem) return { status: 200, envelope: envelope(code('invalidParameter'), problem, 0), ...base };
		const fixture = fixtureFor(endpoint.category, endpoint.operation);
		if (!fixture) return { status: 200, envelope: envelope(code('internal'), '沙箱没有该接口的样例数据', 0), ...base };
		const result = fixture(contract.toCatalog(served, body), fixtureContext);
		if ('noData' in result) return { status: 200, envelope: envelope(code('noData'), '查询无结果', result.charge), ...base };
		if ('code' in result) {
			const answered = envelope(contract.fixtureCode(result.code, operation), contract.message(served, result.message), result.charge);
			return { status: 200, envelope: answered, ...base };
		}
		return { status: 200, envelope: envelope(code('ok'), '操作成功', result.charge ?? 1, contract.toWireData(served, result.data)), ...base };
	}

	function fingerprint(method: string, path: string, body: string): string {
		return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex').slice(0, 16);
	}

	function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
		const text = JSON.stringify(value);
		response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
		response.end(text);
	}

	async function control(request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string) {
		const route = url.pathname.slice('/__sandbox/'.length);
		if (route === 'health') return sendJson(response, 200, { ok: true });
		if (route === 'ledger') return sendJson(response, 200, ledger.entries);
		if (route === 'reset' && request.method === 'POST') {
			ledger.clear();
			faults.clear();
			limiter.resetStats();
			return sendJson(response, 200, { ok: true });
		}
		if (route === 'load') return sendJson(response, 200, limiter.snapshot());
		if (route === 'rate-limit' && request.method === 'POST') {
			try {
				limiter.configure(JSON.parse(rawBody) as RateLimitSettings);
			} catch (error) {
				return sendJson(response, 400, { error: (error as Error).message });
			}
			return sendJson(response, 200, { ok: true, rateLimit: limiter.current });
		}
		if (route === 'faults' && request.method === 'POST') {
			faults.add(JSON.parse(rawBody) as Fault);
			return sendJson(response, 200, { ok: true, pending: faults.size });
		}
		if (route === 'latency' && request.method === 'POST') {
			latencyMs = Number((JSON.parse(rawBody) as { ms: number }).ms) || 0;
			return sendJson(response, 200, { ok: true, latencyMs });
		}
		return sendJson(response, 404, { error: 'unknown sandbox control route' });
	}

	async function respondWithFault(response: ServerResponse, fault: FaultSpec, answered: Answer | undefined) {
		const socket = response.socket;
		switch (fault.kind) {
			case 'http': {
				const headers: Record<string, string> = { 'Content-Type': 'text/html' };
				if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
				if (fault.location !== undefined) headers.Location = fault.location;
				response.writeHead(fault.status, headers);
				response.end(`<html><body><h1>${fault.status}</h1></body></html>`);
				return;
			}
			case 'code':
				return; // answered in handle(), which records the envelope it sends
			case 'nonEnvelope':
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
				return;
			case 'reset':
				socket?.destroy();
				return;
			case 'hang':
				return; // the client times out; close() destroys the socket
			case 'malformedJson': {
				const text = `{"code":0,"request_id":"${answered?.envelope.request_id ?? ''}","data":{`;
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(text);
				return;
			}
			case 'truncatedBody': {
				const text = JSON.stringify(answered?.envelope ?? {});
				response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
				response.write(text.slice(0, Math.floor(text.length / 2)));
				setTimeout(() => socket?.destroy(), 10);
				return;
			}
			case 'slowBody': {
				const text = JSON.stringify(answered?.envelope ?? {});
				response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
				response.write(text.slice(0, 10));
				await clock.sleep(fault.ms);
				response.end(text.slice(10));
				return;
			}
			case 'latency':
				return;
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://sandbox');
		const rawBody = await readBody(request);
		if (url.pathname.startsWith('/__sandbox/')) return await control(request, response, url, rawBody);

		const method = (request.method ?? 'GET').toUpperCase();
		const served = contract.route(method, url.pathname);
		const operation = served?.id;
		const read = readRequest(method, url, rawBody);
		// The rate limiter stands in front of everything else: a refused call is answered at once, unbilled.
		const admission = limiter.arrive();
		if (admission !== 'admitted') return refuse(request, response, method, url, rawBody, operation, read);
		response.once('close', () => limiter.done());
		const fault = faults.take(url.pathname, operation);
		const delay = latencyMs + (fault?.kind === 'latency' ? fault.ms : 0);
		if (delay > 0) await clock.sleep(delay);

		const record = (billed: boolean, code: number | undefined, requestId: string, appKey?: string, message?: string) =>
			ledger.add({
				requestId,
				at: clock.now(),
				method,
				path: url.pathname,
				operation,
				appKey,
				code,
				billed,
				fault: fault?.kind,
				fingerprint: fingerprint(method, url.pathname, method === 'GET' ? url.search : rawBody),
				keys: read.keys,
				message,
				...signedWith(request),
			});

		const beforeBilling =
			fault && (BEFORE_BILLING.has(fault.kind) || ((fault.kind === 'reset' || fault.kind === 'hang') && !fault.afterBilling));
		if (fault?.kind === 'code') {
			const injected = envelope(contract.injectedCode(fault.code, operation), fault.message ?? '沙箱注入的错误', fault.charge ?? 0);
			record(injected.charge === 1, injected.code, injected.request_id, undefined, injected.message);
			return sendJson(response, 200, injected);
		}
		if (fault && beforeBilling) {
			record(false, undefined, newRequestId(nowMs()));
			return await respondWithFault(response, fault, undefined);
		}
		const answered = answer(request, url, rawBody, served, read);
		record(answered.envelope.charge === 1, answered.envelope.code, answered.envelope.request_id, answered.appKey, answered.envelope.message);
		if (fault && fault.kind !== 'latency') return await respondWithFault(response, fault, answered);
		sendJson(response, answered.status, answered.envelope);
	}

	function refuse(request: IncomingMessage, response: ServerResponse, method: string, url: URL, rawBody: string, operation: string | undefined, read: ReadRequest) {
		const headers = { 'Retry-After': String(limiter.retryAfterSeconds) };
		const answered = limiter.answer === 'code' ? envelope(contract.code('rateLimit', operation), '请求过于频繁', 0) : undefined;
		ledger.add({
			requestId: answered?.request_id ?? newRequestId(nowMs()),
			at: clock.now(),
			method,
			path: url.pathname,
			operation,
			code: answered?.code,
			billed: false,
			fault: 'rateLimit',
			fingerprint: fingerprint(method, url.pathname, method === 'GET' ? url.search : rawBody),
			keys: read.keys,
			message: answered?.message,
			...signedWith(request),
		});
		if (answered) return sendJson(response, 200, answered, headers);
		response.writeHead(429, { 'Content-Type': 'text/html', ...headers });
		response.end('<html><body><h1>429 Too Many Requests</h1></body></html>');
	}

	const server: Server = createServer((request, response) => {
		handle(request, response).catch((error: Error) => {
			if (!response.headersSent) sendJson(response, 500, { code: contract.code('internal'), message: error.message });
			else response.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		ledger,
		faults,
		contract,
		tasks,
		clock,
		inject: (fault) => faults.add(fault),
		setLatency: (ms) => {
			latencyMs = ms;
		},
		setRateLimit: (settings) => limiter.configure(settings),
		load: () => limiter.snapshot(),
		reset: () => {
			ledger.clear();
			faults.clear();
			limiter.resetStats();
		},
		close: () =>
			new Promise<void>((resolve) => {
				tasks.reset();
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

import { PAGING } from '../nodes/shared/profile/paging';
import { CATALOG, type Endpoint, type FieldSpec } from '../nodes/shared/catalog';
import { FIELD_KINDS } from '../nodes/shared/fields';
import { detectImageType } from '../nodes/shared/fields/image';
import { CODE, CODE_TABLE, type CodeMeaning, type CodeName } from '../nodes/shared/transport/codes';
import { endpointId, type ParsedProfile } from '../nodes/shared/profile/parse';
import { checkProfile } from './profileCheck';
import type { GatewayProfile, NotificationPart, ProfileCodeKind, ProfileEndpoint } from '../nodes/shared/profile/types';
import { DEFAULT_NOTIFICATION_NAMES, type NotificationNames } from './notifier';

/*
 * The contract the sandbox speaks: the catalog as it is, or the catalog with a gateway profile
 * applied. Everything a profile changes on the sandbox side is decided here, from the catalog and
 * the profile as data: deliberately NOT through the nodes' own code that applies a profile
 * (nodes/shared/profile/contract.ts), so that a node that applies a profile wrongly is refused by
 * the sandbox instead of agreeing with itself.
 *
 * Without a profile every function here is the identity, and the sandbox answers exactly as before.
 */

/**
 * The codes the sandbox answers with by default: the package's code table (nodes/shared/transport/codes.ts),
 * read, not copied, so that replacing a number there changes the sandbox too. Each row's name is a
 * situation the sandbox meets (a bad signature, no data, …).
 */
export const SANDBOX_CODES: Readonly<Record<CodeName, number>> = CODE;

/** A situation the sandbox answers with a code of its own. */
export type Situation = CodeName;

/** What kind of code each situation needs: a profile's code of that kind replaces the default. */
export const SITUATION_KINDS: Readonly<Record<Situation, ProfileCodeKind>> = Object.fromEntries(
	CODE_TABLE.map((row) => [row.name, row.kind]),
) as Record<Situation, ProfileCodeKind>;

/**
 * When a profile has several codes of one kind (three "auth" codes, say), the one whose meaning
 * reads like the situation is used; otherwise the lowest.
 */
const SITUATION_WORDS: Partial<Record<Situation, RegExp>> = {
	unknownKey: /app\s*-?key|appkey|account|应用|账号|账户|密钥不存在|key不存在/i,
	badSignature: /sign|签名|验签/i,
	missingHeaders: /header|missing|请求头|缺少/i,
	unknownEndpoint: /endpoint|interface|\bapi\b|path|route|enabled|接口|开通|权限/i,
	internal: /internal|system|内部|系统/i,
	unavailable: /source|upstream|unavailable|数据源|上游/i,
};

const SITUATION_OF_CODE = new Map<number, Situation>(
	(Object.entries(SANDBOX_CODES) as Array<[Situation, number]>).map(([situation, code]) => [code, situation]),
);

/** Catalog field → the key it travels under. */
export interface WireField {
	field: FieldSpec;
	wire: string;
}

export interface ListKeys {
	itemsKey: string;
	pageKey: string;
	pageSizeKey: string;
	totalKey: string;
}

export interface TaskKeys {
	taskIdKey: string;
	statusKey: string;
}

/** One endpoint as the sandbox serves it. */
export interface ServedEndpoint {
	endpoint: Endpoint;
	/** "GA.twoFactor". */
	id: string;
	method: 'GET' | 'POST';
	path: string;
	/** The fields the gateway takes, in catalog order, each under its wire key. */
	fields: WireField[];
	/** The fields the gateway does not take. */
	dropped: FieldSpec[];
	constants: Record<string, unknown>;
	/** For list endpoints: where paging and records travel. */
	list?: { catalog: ListKeys; wire: ListKeys };
	/** For task endpoints (the request) and their result endpoints: where the task ID and status are. */
	task?: { catalog: TaskKeys; wire: TaskKeys };
	/** Whether the profile says anything about this endpoint. */
	profiled: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field named in a profile entry, by its catalog key first, then by its node parameter name. */
function fieldNamed(endpoint: Endpoint, name: string): FieldSpec | undefined {
	return endpoint.fields.find((field) => field.key === name) ?? endpoint.fields.find((field) => (field.parameter ?? field.key) === name);
}

/** JSON with sorted object keys: two constants are the same when their canonical forms are. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isPlainObject(value)) {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A constant as it reads in a query string. */
const asQueryText = (value: unknown) => (typeof value === 'string' ? value : canonical(value));

function renameKeys(data: unknown, renames: ReadonlyMap<string, string>): unknown {
	if (!isPlainObject(data) || renames.size === 0) return data;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) out[renames.get(key) ?? key] = value;
	return out;
}

function renameMap(pairs: Array<[string, string]>): Map<string, string> {
	return new Map(pairs.filter(([from, to]) => from !== to));
}

function serve(endpoint: Endpoint, entry: ProfileEndpoint | undefined, taskEntry: { endpoint: Endpoint; entry?: ProfileEndpoint } | undefined): ServedEndpoint {
	const renamed = new Map<string, string>();
	for (const [name, wire] of Object.entries(entry?.fields ?? {})) {
		const field = fieldNamed(endpoint, name);
		if (field) renamed.set(field.key, wire);
	}
	const droppedKeys = new Set<string>();
	for (const name of entry?.drop ?? []) {
		const field = fieldNamed(endpoint, name);
		if (field) droppedKeys.add(field.key);
	}
	const output = endpoint.output;
	let list: ServedEndpoint['list'];
	if (output.kind === 'list') {
		const catalog: ListKeys = { itemsKey: output.itemsKey, pageKey: PAGING.pageKey, pageSizeKey: PAGING.pageSizeKey, totalKey: PAGING.totalKey };
		list = { catalog, wire: { ...catalog, ...(entry?.list ?? {}) } };
	}
	let task: ServedEndpoint['task'];
	const taskOutput = taskEntry?.endpoint.output;
	if (taskEntry && taskOutput?.kind === 'task') {
		const catalog: TaskKeys = { taskIdKey: taskOutput.taskIdKey, statusKey: taskOutput.statusKey };
		task = { catalog, wire: { ...catalog, ...(taskEntry.entry?.task ?? {}) } };
	}
	return {
		endpoint,
		id: endpointId(endpoint),
		method: entry?.method ?? endpoint.method,
		path: entry?.path ?? endpoint.path,
		fields: endpoint.fields.filter((field) => !droppedKeys.has(field.key)).map((field) => ({ field, wire: renamed.get(field.key) ?? field.key })),
		dropped: endpoint.fields.filter((field) => droppedKeys.has(field.key)),
		constants: { ...(entry?.constants ?? {}) },
		list,
		task,
		profiled: entry !== undefined,
	};
}

/** What the profile changes, for the sandbox's command line. */
export interface ProfileChange {
	id: string;
	chineseName: string;
	from: string;
	to: string;
	moved: boolean;
	/** What else changes: renamed fields, dropped fields, constants, list or task keys, codes. */
	details: string[];
}

export class SandboxContract {
	/** The served endpoints by "METHOD path". */
	readonly routes = new Map<string, ServedEndpoint>();
	readonly byId = new Map<string, ServedEndpoint>();
	readonly notificationNames: NotificationNames;

	private constructor(readonly profile: ParsedProfile | undefined) {
		const entryOf = (endpoint: Endpoint) => profile?.endpoints.get(endpointId(endpoint));
		for (const endpoint of CATALOG) {
			if (endpoint.output.kind === 'notification') continue;
			// A result endpoint carries its task's keys: the task that names it as its resultOperation.
			const taskEndpoint =
				endpoint.output.kind === 'task'
					? endpoint
					: CATALOG.find((other) => other.category === endpoint.category && other.output.kind === 'task' && other.output.resultOperation === endpoint.operation);
			const served = serve(endpoint, entryOf(endpoint), taskEndpoint ? { endpoint: taskEndpoint, entry: entryOf(taskEndpoint) } : undefined);
			const route = `${served.method} ${served.path}`;
			const taken = this.routes.get(route);
			if (taken) throw new Error(`Gateway Profile: ${taken.id} and ${served.id} would both be served at ${route}; give each its own path.`);
			this.routes.set(route, served);
			this.byId.set(served.id, served);
		}
		const notification = CATALOG.find((endpoint) => endpoint.output.kind === 'notification');
		const names = (notification && profile?.endpoints.get(endpointId(notification))?.fields) ?? {};
		this.notificationNames = { ...DEFAULT_NOTIFICATION_NAMES, ...(names as Partial<Record<NotificationPart, string>>) };
	}

	/** The catalog as it is. */
	static plain(): SandboxContract {
		return new SandboxContract(undefined);
	}

	/** The catalog under a profile (a parsed JSON object); throws the ProfileError of checkProfile. */
	static fromProfile(raw: GatewayProfile | unknown): SandboxContract {
		return new SandboxContract(checkProfile(raw));
	}

	route(method: string, path: string): ServedEndpoint | undefined {
		return this.routes.get(`${method} ${path}`);
	}

	// ---- codes: the one place where a situation becomes a code --------------------------------

	private tables(id: string | undefined): Array<ReadonlyMap<number, CodeMeaning>> {
		if (!this.profile) return [];
		const own = id ? this.profile.endpointCodes.get(id) : undefined;
		return own ? [own, this.profile.codes] : [this.profile.codes];
	}

	/** The code for a situation: the endpoint's profile codes, then the profile's global ones, then SANDBOX_CODES. */
	code(situation: Situation, id?: string): number {
		const fallback = SANDBOX_CODES[situation];
		const kind = SITUATION_KINDS[situation];
		for (const table of this.tables(id)) {
			const candidates = [...table].filter(([, meaning]) => meaning.kind === kind).sort(([a], [b]) => a - b);
			if (candidates.length === 0) continue;
			if (candidates.some(([code]) => code === fallback)) return fallback;
			if (candidates.length === 1) return candidates[0][0];
			const words = SITUATION_WORDS[situation];
			const fitting = words ? candidates.find(([, meaning]) => words.test(meaning.meaning)) : undefined;
			return (fitting ?? candidates[0])[0];
		}
		return fallback;
	}

	/** A code a fixture answered with (always one of SANDBOX_CODES): the same situation, under the profile. */
	fixtureCode(code: number, id?: string): number {
		const situation = SITUATION_OF_CODE.get(code);
		return this.profile && situation ? this.code(situation, id) : code;
	}

	/** An injected fault's code: kept when the profile knows it, else a default code's situation under the profile. */
	injectedCode(code: number, id?: string): number {
		if (!this.profile) return code;
		if (this.tables(id).some((table) => table.has(code))) return code;
		return this.fixtureCode(code, id);
	}

	// ---- requests ------------------------------------------------------------------------------

	/**
	 * Why the gateway refuses this request body (named by the keys it travels under), if it does.
	 * Without a profile: the catalog's fields, checked exactly as before.
	 */
	refusal(served: ServedEndpoint, body: Record<string, unknown>): string | undefined {
		const has = (key: string) => Object.prototype.hasOwnProperty.call(body, key);
		if (served.profiled) {
			const legitimate = new Set<string>([...served.fields.map((wire) => wire.wire), ...Object.keys(served.constants)]);
			if (served.list) legitimate.add(served.list.wire.pageKey).add(served.list.wire.pageSizeKey);
			const stale: string[] = [];
			for (const { field, wire } of served.fields) if (wire !== field.key) stale.push(field.key);
			for (const field of served.dropped) stale.push(field.key);
			if (served.list) {
				if (served.list.wire.pageKey !== served.list.catalog.pageKey) stale.push(served.list.catalog.pageKey);
				if (served.list.wire.pageSizeKey !== served.list.catalog.pageSizeKey) stale.push(served.list.catalog.pageSizeKey);
			}
			for (const key of stale) if (has(key) && !legitimate.has(key)) return `参数 ${key} 不应出现`;
		}
		for (const { field, wire } of served.fields) {
			const value = body[wire];
			const missing = value === undefined || value === null || value === '';
			if (missing) {
				if (field.required ?? true) return `缺少参数 ${wire}`;
				continue;
			}
			if (FIELD_KINDS[field.kind].read) {
				if (typeof value !== 'string' || !detectImageType(Buffer.from(value, 'base64'))) return `参数 ${wire} 不是有效的图片`;
				continue;
			}
			// A transformed body (SM-encrypted, for example) no longer holds the text the user typed: its fixture checks it.
			if (served.endpoint.transformBody) continue;
			if (!FIELD_KINDS[field.kind].schema.safeParse(value).success) return `参数 ${wire} 格式错误`;
		}
		for (const [key, expected] of Object.entries(served.constants)) {
			if (!has(key)) return `缺少参数 ${key}`;
			const same = served.method === 'GET' ? body[key] === asQueryText(expected) : canonical(body[key]) === canonical(expected);
			if (!same) return `参数 ${key} 应为 ${served.method === 'GET' ? asQueryText(expected) : canonical(expected)}`;
		}
		return undefined;
	}

	/** The body under catalog keys, as the fixtures read it. Without a profile: the body itself. */
	toCatalog(served: ServedEndpoint, body: Record<string, unknown>): Record<string, unknown> {
		if (!served.profiled) return body;
		const has = (key: string) => Object.prototype.hasOwnProperty.call(body, key);
		const out: Record<string, unknown> = { ...body };
		const pairs: Array<[string, string]> = served.fields.map(({ field, wire }) => [wire, field.key]);
		if (served.list) {
			pairs.push([served.list.wire.pageKey, served.list.catalog.pageKey], [served.list.wire.pageSizeKey, served.list.catalog.pageSizeKey]);
		}
		for (const key of Object.keys(served.constants)) delete out[key];
		for (const [wire] of pairs) delete out[wire];
		for (const [wire, key] of pairs) if (has(wire)) out[key] = body[wire];
		return out;
	}

	/** A fixture's message names catalog keys ("参数 page_size 超出范围"): name the wire keys instead. */
	message(served: ServedEndpoint | undefined, message: string): string {
		if (!served?.profiled) return message;
		const renames = renameMap(served.fields.map(({ field, wire }) => [field.key, wire]));
		if (served.list) {
			renames.set(served.list.catalog.pageKey, served.list.wire.pageKey);
			renames.set(served.list.catalog.pageSizeKey, served.list.wire.pageSizeKey);
		}
		if (renames.size === 0) return message;
		return message.replace(/参数 ([A-Za-z_][\w/]*)/g, (_, keys: string) => `参数 ${keys.split('/').map((key) => renames.get(key) ?? key).join('/')}`);
	}

	// ---- answers -------------------------------------------------------------------------------

	/** A fixture's data (catalog keys) as the profile's gateway answers it. */
	toWireData(served: ServedEndpoint, data: unknown): unknown {
		const renames = new Map<string, string>();
		if (served.list) {
			for (const key of ['itemsKey', 'totalKey', 'pageKey', 'pageSizeKey'] as const) renames.set(served.list.catalog[key], served.list.wire[key]);
		}
		if (served.task) {
			renames.set(served.task.catalog.taskIdKey, served.task.wire.taskIdKey);
			renames.set(served.task.catalog.statusKey, served.task.wire.statusKey);
		}
		return renameKeys(data, renameMap([...renames]));
	}

	// ---- what the profile changes --------------------------------------------------------------

	changes(): ProfileChange[] {
		if (!this.profile) return [];
		const list: ProfileChange[] = [];
		for (const [id, entry] of this.profile.endpoints) {
			const served = this.byId.get(id);
			if (!served) {
				const names = Object.entries(entry.fields ?? {}).map(([part, key]) => `${part} → ${key}`);
				list.push({ id, chineseName: '异步通知', from: '(notification)', to: '(notification)', moved: false, details: names.length ? [`notification fields ${names.join(', ')}`] : [] });
				continue;
			}
			const endpoint = served.endpoint;
			const details: string[] = [];
			const renamed = served.fields.filter(({ field, wire }) => field.key !== wire).map(({ field, wire }) => `${field.key} → ${wire}`);
			if (renamed.length) details.push(`fields ${renamed.join(', ')}`);
			if (served.dropped.length) details.push(`drops ${served.dropped.map((field) => field.key).join(', ')}`);
			if (Object.keys(served.constants).length) details.push(`adds ${Object.entries(served.constants).map(([key, value]) => `${key}=${canonical(value)}`).join(', ')}`);
			if (entry.list) details.push(`list ${Object.entries(entry.list).map(([key, value]) => `${key}=${value}`).join(', ')}`);
			if (entry.task) details.push(`task ${Object.entries(entry.task).map(([key, value]) => `${key}=${value}`).join(', ')}`);
			const own = this.profile.endpointCodes.get(id);
			if (own) details.push(`codes ${[...own].map(([code, meaning]) => `${code}=${meaning.kind}`).join(', ')}`);
			const from = `${endpoint.method} ${endpoint.path}`;
			const to = `${served.method} ${served.path}`;
			list.push({ id, chineseName: endpoint.chineseName, from, to, moved: from !== to, details });
		}
		return list;
	}
}

/** The sorted top-level keys of a request: its query parameter names for GET, its JSON body's keys otherwise. */
export function requestKeys(method: string, url: URL, rawBody: string): string[] {
	if (method === 'GET') return [...new Set(url.searchParams.keys())].sort();
	try {
		const parsed: unknown = rawBody ? JSON.parse(rawBody) : {};
		return isPlainObject(parsed) ? Object.keys(parsed).sort() : [];
	} catch {
		return [];
	}
}

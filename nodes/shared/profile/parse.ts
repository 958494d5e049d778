import { CATALOG, type Endpoint, type FieldSpec } from '../catalog';
import { GATEWAY_CODES, type CodeMeaning } from '../transport/codes';
import { ANY_VALUE, type VerdictRule } from '../outcomes/verdict';
import {
	NOTIFICATION_PARTS,
	PROFILE_CODE_KINDS,
	type GatewayProfile,
	type ProfileCodeKind,
	type ProfileCodes,
	type ProfileEndpoint,
} from './types';

/** A profile checked against the catalog, its entries keyed by catalog ID. */
export interface ParsedProfile {
	raw: GatewayProfile;
	endpoints: ReadonlyMap<string, ProfileEndpoint>;
	codes: ReadonlyMap<number, CodeMeaning>;
	endpointCodes: ReadonlyMap<string, ReadonlyMap<number, CodeMeaning>>;
	/** Verdict tables that replace the catalog's, by catalog ID. */
	verdicts: ReadonlyMap<string, VerdictRule>;
}

/** Every problem found in a profile, each naming the entry and how to fix it. */
export class ProfileError extends Error {
	constructor(readonly problems: string[]) {
		super(
			problems.length === 1
				? `Gateway Profile: ${problems[0]}`
				: `Gateway Profile: ${problems[0]} (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})`,
		);
		this.name = 'ProfileError';
	}
}

export const endpointId = (endpoint: Endpoint) => `${endpoint.category}.${endpoint.operation}`;
export const parameterName = (field: FieldSpec) => field.parameter ?? field.key;

const BY_ID = new Map(CATALOG.map((endpoint) => [endpointId(endpoint), endpoint]));
const BY_CHINESE_NAME = new Map(CATALOG.map((endpoint) => [endpoint.chineseName, endpoint]));

const TOP_KEYS = new Set(['$schema', 'description', 'codes', 'endpoints']);
const ENTRY_KEYS = new Set(['path', 'method', 'fields', 'constants', 'drop', 'list', 'task', 'codes', 'verdict']);
const LIST_KEYS = new Set(['itemsKey', 'pageKey', 'pageSizeKey', 'totalKey']);
const TASK_KEYS = new Set(['taskIdKey', 'statusKey']);
const VERDICT_LISTS = ['match', 'mismatch', 'noRecord'] as const;
const VERDICT_KEYS = new Set(['field', ...VERDICT_LISTS]);

const MEANING_OF_KIND: Record<ProfileCodeKind, string> = {
	success: 'Success',
	auth: 'Not authorised',
	clock: 'Timestamp outside the allowed window',
	input: 'Invalid parameter',
	noData: 'No data found',
	pending: 'Still processing',
	quota: 'Balance exhausted',
	rateLimit: 'Too many requests',
	transient: 'Temporary gateway error',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const quote = (text: string) => JSON.stringify(text);
const isKey = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.trim() === value;

/** Edit distance, for suggesting the name that was meant. */
export function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}

/** The closest of some names, if it is close enough to be what was meant. */
function closest(wanted: string, names: Iterable<string>): string | undefined {
	let best: { name: string; score: number } | undefined;
	for (const name of names) {
		const [a, b] = [wanted.toLowerCase(), name.toLowerCase()];
		// "items" for "itemsKey": a shortened name is what was meant.
		const score = a.length >= 3 && (b.startsWith(a) || a.startsWith(b)) ? 1 : distance(a, b);
		if (!best || score < best.score) best = { name, score };
	}
	return best && best.score <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

const didYouMean = (wanted: string, names: Iterable<string>) => {
	const guess = closest(wanted, names);
	return guess ? ` Did you mean ${quote(guess)}?` : '';
};

function unknownKeys(value: Record<string, unknown>, allowed: Set<string>, where: string, problems: string[]) {
	for (const key of Object.keys(value)) {
		if (!allowed.has(key)) problems.push(`${where}: unknown key ${quote(key)}.${didYouMean(key, allowed)} Allowed: ${[...allowed].join(', ')}.`);
	}
}

function findEndpoint(name: string): Endpoint | undefined {
	return BY_ID.get(name) ?? BY_CHINESE_NAME.get(name.trim());
}

function findField(endpoint: Endpoint, name: string): FieldSpec | undefined {
	return endpoint.fields.find((field) => field.key === name || parameterName(field) === name);
}

function fieldNames(endpoint: Endpoint): string[] {
	return endpoint.fields.map((field) => (field.key === parameterName(field) ? field.key : `${field.key} (or ${parameterName(field)})`));
}

function parseCodes(raw: unknown, where: string, problems: string[]): Map<number, CodeMeaning> {
	const codes = new Map<number, CodeMeaning>();
	if (raw === undefined) return codes;
	if (!isObject(raw)) {
		problems.push(`${where}: must be an object of code → kind, such as {"300000": "noData"}.`);
		return codes;
	}
	for (const [text, value] of Object.entries(raw as ProfileCodes)) {
		const code = Number(text);
		if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(code)) {
			problems.push(`${where} › ${quote(text)}: a code must be a whole number, such as "300000".`);
			continue;
		}
		const entry = typeof value === 'string' ? { kind: value } : value;
		if (!isObject(entry) || typeof entry.kind !== 'string' || !PROFILE_CODE_KINDS.includes(entry.kind as ProfileCodeKind)) {
			const given = isObject(entry) ? entry.kind : entry;
			problems.push(
				`${where} › ${quote(text)}: ${quote(String(given))} is not a code kind.${didYouMean(String(given), PROFILE_CODE_KINDS)} Use one of: ${PROFILE_CODE_KINDS.join(', ')}.`,
			);
			continue;
		}
		const kind = entry.kind as ProfileCodeKind;
		const known = GATEWAY_CODES[code];
		const sameKind = Object.values(GATEWAY_CODES).find((meaning) => meaning.kind === kind);
		codes.set(code, {
			kind,
			meaning: typeof entry.meaning === 'string' && entry.meaning.trim() ? entry.meaning.trim() : known?.kind === kind ? known.meaning : MEANING_OF_KIND[kind],
			hint: typeof entry.hint === 'string' ? entry.hint : (known?.kind === kind ? known.hint : sameKind?.hint) ?? '',
		});
	}
	return codes;
}

function checkKeyObject(raw: unknown, allowed: Set<string>, where: string, problems: string[]): Record<string, unknown> | undefined {
	if (raw === undefined) return undefined;
	if (!isObject(raw)) {
		problems.push(`${where}: must be an object with ${[...allowed].join(', ')}.`);
		return undefined;
	}
	unknownKeys(raw, allowed, where, problems);
	for (const [key, value] of Object.entries(raw)) {
		if (allowed.has(key) && !isKey(value)) problems.push(`${where} › ${key}: must be a non-empty key without surrounding spaces.`);
	}
	return raw;
}

function checkNotificationEntry(entry: Record<string, unknown>, where: string, problems: string[]) {
	for (const key of Object.keys(entry)) {
		if (key !== 'fields') problems.push(`${where}: the notification (异步通知) is posted to your CBT Trigger, so only "fields" applies, not ${quote(key)}.`);
	}
	checkKeyObject(entry.fields, new Set(NOTIFICATION_PARTS), `${where} › fields`, problems);
}

function checkEntry(endpoint: Endpoint, entry: Record<string, unknown>, where: string, problems: string[]) {
	unknownKeys(entry, ENTRY_KEYS, where, problems);
	if (entry.path !== undefined) {
		const path = entry.path;
		if (typeof path !== 'string' || !path.startsWith('/')) {
			problems.push(`${where} › path: ${JSON.stringify(path)} must start with "/", such as "/apis/tt/gw/ga/v1/twofactor" (the Base URL comes from the credential).`);
		} else if (/\s|[?#]/.test(path) || path.includes('://')) {
			problems.push(`${where} › path: ${quote(path)} must be a path only, without spaces, a query string or a host.`);
		}
	}
	const method = entry.method ?? endpoint.method;
	if (entry.method !== undefined && entry.method !== 'GET' && entry.method !== 'POST') {
		problems.push(`${where} › method: ${JSON.stringify(entry.method)} is not supported; use "GET" or "POST".`);
	}
	if (method === 'GET' && endpoint.fields.some((field) => field.kind === 'image' || field.kind === 'faceImage')) {
		problems.push(`${where} › method: this endpoint sends an image, which cannot travel in a GET query string; use "POST".`);
	}

	const wireKeys = new Map<string, string>();
	const renamed = new Set<string>();
	if (entry.fields !== undefined) {
		if (!isObject(entry.fields)) {
			problems.push(`${where} › fields: must be an object of field → gateway key, such as {"id_card": "certNo"}.`);
		} else {
			for (const [name, wire] of Object.entries(entry.fields)) {
				const field = findField(endpoint, name);
				if (!field) {
					problems.push(`${where} › fields › ${quote(name)}: no such field.${didYouMean(name, endpoint.fields.flatMap((f) => [f.key, parameterName(f)]))} Fields: ${fieldNames(endpoint).join(', ') || 'none'}.`);
					continue;
				}
				if (!isKey(wire)) {
					problems.push(`${where} › fields › ${quote(name)}: the gateway key must be a non-empty text without surrounding spaces.`);
					continue;
				}
				renamed.add(field.key);
				wireKeys.set(field.key, wire);
			}
		}
	}
	const dropped = new Set<string>();
	if (entry.drop !== undefined) {
		if (!Array.isArray(entry.drop)) {
			problems.push(`${where} › drop: must be a list of fields, such as ["mobile"].`);
		} else {
			for (const name of entry.drop) {
				const field = typeof name === 'string' ? findField(endpoint, name) : undefined;
				if (!field) {
					problems.push(`${where} › drop › ${JSON.stringify(name)}: no such field. Fields: ${fieldNames(endpoint).join(', ') || 'none'}.`);
				} else if (renamed.has(field.key)) {
					problems.push(`${where} › drop › ${quote(name)}: the field is both renamed (fields) and dropped; keep one.`);
				} else {
					dropped.add(field.key);
				}
			}
		}
	}
	const sent = new Map<string, string>();
	for (const field of endpoint.fields) {
		if (dropped.has(field.key)) continue;
		const wire = wireKeys.get(field.key) ?? field.key;
		const other = sent.get(wire);
		if (other) problems.push(`${where} › fields: ${quote(other)} and ${quote(field.key)} would both be sent as ${quote(wire)}; give each its own key.`);
		sent.set(wire, field.key);
	}
	if (entry.constants !== undefined) {
		if (!isObject(entry.constants)) {
			problems.push(`${where} › constants: must be an object of key → fixed value, such as {"product": "ID2"}.`);
		} else {
			for (const key of Object.keys(entry.constants)) {
				if (!isKey(key)) problems.push(`${where} › constants: ${quote(key)} is not a usable key.`);
				else if (sent.has(key)) problems.push(`${where} › constants › ${quote(key)}: the field ${quote(sent.get(key) as string)} is already sent under this key; rename one of them.`);
			}
		}
	}
	const list = checkKeyObject(entry.list, LIST_KEYS, `${where} › list`, problems);
	if (list && endpoint.output.kind !== 'list') problems.push(`${where} › list: this endpoint answers one record, not a list; remove "list".`);
	for (const key of ['pageKey', 'pageSizeKey'] as const) {
		const wire = list?.[key];
		if (typeof wire === 'string' && sent.has(wire)) problems.push(`${where} › list › ${key}: ${quote(wire)} is already the key of the field ${quote(sent.get(wire) as string)}.`);
	}
	const task = checkKeyObject(entry.task, TASK_KEYS, `${where} › task`, problems);
	if (task && endpoint.output.kind !== 'task') problems.push(`${where} › task: this endpoint does not start a task; remove "task".`);
}

/** Checks an entry's "verdict"; the table to use when it passes. */
function parseVerdict(raw: unknown, where: string, problems: string[]): VerdictRule | undefined {
	if (raw === undefined) return undefined;
	const example = '{"field": "result", "match": ["1"], "mismatch": ["2"], "noRecord": ["3"]}';
	if (!isObject(raw)) {
		problems.push(`${where}: must be an object such as ${example}.`);
		return undefined;
	}
	const before = problems.length;
	unknownKeys(raw, VERDICT_KEYS, where, problems);
	if (raw.field === undefined) problems.push(`${where}: "field" is missing; name the answer's field that holds the result, such as "result".`);
	else if (!isKey(raw.field)) problems.push(`${where} › field: must be a non-empty key without surrounding spaces, such as "result".`);
	const lists: Record<(typeof VERDICT_LISTS)[number], string[]> = { match: [], mismatch: [], noRecord: [] };
	const seen = new Map<string, string>();
	for (const name of VERDICT_LISTS) {
		const list = raw[name];
		if (list === undefined) continue;
		if (!Array.isArray(list)) {
			problems.push(`${where} › ${name}: must be a list of values, such as ["1", "一致"].`);
			continue;
		}
		for (const value of list) {
			const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
			if (typeof text !== 'string' || text.trim() === '') {
				problems.push(`${where} › ${name}: ${JSON.stringify(value)} is not a usable value; use codes or texts such as "1" or "一致".`);
				continue;
			}
			const key = text === ANY_VALUE ? text : text.trim().toLowerCase();
			const other = seen.get(key);
			if (other !== undefined) {
				problems.push(`${where} › ${name}: ${quote(text)} is also in ${other}; a value can mean only one verdict.`);
				continue;
			}
			seen.set(key, name);
			lists[name].push(text.trim());
		}
	}
	if (isKey(raw.field) && seen.size === 0) {
		problems.push(`${where}: lists no values; give at least one of "match", "mismatch" or "noRecord", such as ${example}.`);
	}
	if (problems.length > before) return undefined;
	return { field: raw.field as string, ...lists, assumed: false };
}

/**
 * Reads and checks a profile's text. An empty text is no profile (undefined). Nothing is thrown: a
 * profile that does not pass comes back as a ProfileError listing every problem, for the caller to
 * raise as the error its context needs (nodes raise n8n errors; the sandbox and the builders throw it).
 */
export function inspectProfileText(text: string | undefined | null): ParsedProfile | ProfileError | undefined {
	if (text === undefined || text === null || text.trim() === '') return undefined;
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		return new ProfileError([`is not valid JSON (${(error as Error).message}). Paste the JSON that "npm run profile" wrote, or fix the syntax.`]);
	}
	return inspectProfile(raw);
}

/** Checks a profile already parsed from JSON against the catalog. */
export function inspectProfile(raw: unknown): ParsedProfile | ProfileError {
	const problems: string[] = [];
	if (!isObject(raw)) return new ProfileError(['must be a JSON object with "endpoints" and/or "codes".']);
	unknownKeys(raw, TOP_KEYS, 'top level', problems);
	const codes = parseCodes(raw.codes, 'codes', problems);
	const endpoints = new Map<string, ProfileEndpoint>();
	const endpointCodes = new Map<string, Map<number, CodeMeaning>>();
	const verdicts = new Map<string, VerdictRule>();
	const addressedAs = new Map<string, string>();
	if (raw.endpoints !== undefined && !isObject(raw.endpoints)) {
		problems.push('endpoints: must be an object whose keys are endpoints, such as {"GA.twoFactor": {"path": "/..."}}.');
	}
	for (const [name, entry] of Object.entries(isObject(raw.endpoints) ? raw.endpoints : {})) {
		const where = `endpoints › ${quote(name)}`;
		const endpoint = findEndpoint(name);
		if (!endpoint) {
			problems.push(
				`${where}: no such endpoint.${didYouMean(name, [...BY_ID.keys(), ...BY_CHINESE_NAME.keys()])} Use a catalog ID such as "GA.twoFactor" or the gateway's Chinese name such as "公安实名二要素核验" (README, Endpoints).`,
			);
			continue;
		}
		const id = endpointId(endpoint);
		const earlier = addressedAs.get(id);
		if (earlier !== undefined) {
			problems.push(`${where}: the same endpoint as ${quote(earlier)}; merge the two entries.`);
			continue;
		}
		addressedAs.set(id, name);
		if (!isObject(entry)) {
			problems.push(`${where}: must be an object, such as {"path": "/...", "fields": {...}}.`);
			continue;
		}
		if (endpoint.output.kind === 'notification') checkNotificationEntry(entry, where, problems);
		else checkEntry(endpoint, entry, where, problems);
		endpoints.set(id, entry as ProfileEndpoint);
		const own = parseCodes(entry.codes, `${where} › codes`, problems);
		if (own.size > 0) endpointCodes.set(id, own);
		if (endpoint.output.kind !== 'notification') {
			const verdict = parseVerdict(entry.verdict, `${where} › verdict`, problems);
			if (verdict) verdicts.set(id, verdict);
		}
	}
	if (problems.length > 0) return new ProfileError(problems);
	return { raw: raw as GatewayProfile, endpoints, codes, endpointCodes, verdicts };
}

const cache = new Map<string, ParsedProfile | ProfileError>();

/** inspectProfileText, remembered per text: every run of every node reads the same credential. */
export function profileFromText(text: string | undefined | null): ParsedProfile | ProfileError | undefined {
	if (text === undefined || text === null || text.trim() === '') return undefined;
	let result = cache.get(text);
	if (!result) {
		result = inspectProfileText(text) as ParsedProfile | ProfileError;
		if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
		cache.set(text, result);
	}
	return result;
}

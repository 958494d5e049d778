/* eslint-disable @n8n/community-nodes/require-node-api-error -- a command-line tool, not node code */
import type { IDataObject } from 'n8n-workflow';

import { PAGING } from '../../nodes/shared/profile/paging';
import { CATALOG, type Endpoint, type FieldSpec } from '../../nodes/shared/catalog';
import { ID_CARD_SIDE_KEY } from '../../nodes/shared/catalog/ocr';
import { DEFAULT_FORMAT } from '../../nodes/CbtTrigger/notification';
import { endpointId } from '../../nodes/shared/profile/parse';
import { checkProfile, ProfileError } from '../../sandbox/profileCheck';
import type { GatewayProfile, NotificationPart, ProfileCodes, ProfileEndpoint, ProfileList, ProfileTask } from '../../nodes/shared/profile/types';
import { classify } from './codes';
import { listKeysOf, mapFields, matchOperations, notificationKeysOf, statusKeyOf, taskIdKeyOf, type Match } from './match';
import { emptyReport, type EndpointRef, type Report } from './report';
import type { DocProperty, DocSource, FoundCode } from './source';

/*
 * From a read document to a profile: each matched operation becomes what the document says about
 * its endpoint (Documented), and that becomes the profile entry holding only what differs from the
 * catalog. --merge applies the same Documented facts to an existing profile (merge.ts).
 */

/** What the document says about one endpoint, including what agrees with the catalog. */
export interface Documented {
	id: string;
	endpoint: Endpoint;
	path?: string;
	method?: 'GET' | 'POST';
	/** Catalog key → the key the document uses, for every field it mentions (the same key too). For the notification: part → key. */
	fields: Record<string, string>;
	drop: string[];
	constants: IDataObject;
	list: ProfileList;
	task: ProfileTask;
	codes: ProfileCodes;
}

export interface Built {
	profile: GatewayProfile;
	report: Report;
	documented: Map<string, Documented>;
	/** Codes for every endpoint, as emitted. */
	codes: ProfileCodes;
}

/** Thrown when the builder made a profile that does not pass checkProfile: a bug here, never printed. */
export class BuilderBug extends Error {}

export const NOTIFICATION_DEFAULTS: Record<NotificationPart, string> = {
	event: DEFAULT_FORMAT.eventField,
	id: DEFAULT_FORMAT.idField,
	orderId: DEFAULT_FORMAT.orderIdField,
	data: DEFAULT_FORMAT.dataField,
};

const refOf = (endpoint: Endpoint): EndpointRef => ({ id: endpointId(endpoint), chineseName: endpoint.chineseName });
const isEmpty = (value: object | undefined) => value === undefined || Object.keys(value).length === 0;

/** The profile entry for what a document says: only what differs from the catalog's assumptions. */
export function entryOf(documented: Documented): ProfileEndpoint {
	const { endpoint } = documented;
	const entry: ProfileEndpoint = {};
	if (endpoint.output.kind === 'notification') {
		const fields = Object.fromEntries(
			Object.entries(documented.fields).filter(([part, key]) => NOTIFICATION_DEFAULTS[part as NotificationPart] !== key),
		);
		if (!isEmpty(fields)) entry.fields = fields;
		return entry;
	}
	if (documented.path !== undefined && documented.path !== endpoint.path) entry.path = documented.path;
	if (documented.method !== undefined && documented.method !== endpoint.method) entry.method = documented.method;
	const fields = Object.fromEntries(Object.entries(documented.fields).filter(([key, wire]) => key !== wire));
	if (!isEmpty(fields)) entry.fields = fields;
	if (documented.drop.length > 0) entry.drop = [...documented.drop];
	if (!isEmpty(documented.constants)) entry.constants = { ...documented.constants };
	const list = listDifferences(endpoint, documented.list);
	if (!isEmpty(list)) entry.list = list;
	const task = taskDifferences(endpoint, documented.task);
	if (!isEmpty(task)) entry.task = task;
	if (!isEmpty(documented.codes)) entry.codes = { ...documented.codes };
	return entry;
}

export function listDefaults(endpoint: Endpoint): Required<ProfileList> | undefined {
	return endpoint.output.kind === 'list'
		? { itemsKey: endpoint.output.itemsKey, pageKey: PAGING.pageKey, pageSizeKey: PAGING.pageSizeKey, totalKey: PAGING.totalKey }
		: undefined;
}

export function taskDefaults(endpoint: Endpoint): Required<ProfileTask> | undefined {
	return endpoint.output.kind === 'task' ? { taskIdKey: endpoint.output.taskIdKey, statusKey: endpoint.output.statusKey } : undefined;
}

function listDifferences(endpoint: Endpoint, list: ProfileList): ProfileList {
	const defaults = listDefaults(endpoint);
	if (!defaults) return {};
	return Object.fromEntries(Object.entries(list).filter(([key, value]) => value !== defaults[key as keyof ProfileList]));
}

function taskDifferences(endpoint: Endpoint, task: ProfileTask): ProfileTask {
	const defaults = taskDefaults(endpoint);
	if (!defaults) return {};
	return Object.fromEntries(Object.entries(task).filter(([key, value]) => value !== defaults[key as keyof ProfileTask]));
}

/** The problems checkProfile finds in one entry, or none. */
export function entryProblems(id: string, entry: ProfileEndpoint): string[] {
	try {
		checkProfile({ endpoints: { [id]: entry } });
		return [];
	} catch (error) {
		if (error instanceof ProfileError) return error.problems;
		throw error;
	}
}

const example = (property: DocProperty) => {
	const value = property.examples.find((item) => item !== '' && item !== undefined && item !== null);
	if (value === undefined) return '';
	const text = JSON.stringify(value);
	return ` (example ${text.length > 40 ? `${text.slice(0, 37)}…` : text})`;
};

const describeField = (field: FieldSpec) => `${field.key}${field.kind === 'text' ? '' : ` (${field.kind})`}`;

function buildNotification(match: Match, report: Report): Documented {
	const { endpoint, operation } = match;
	const ref = refOf(endpoint);
	const keys = notificationKeysOf(operation.properties);
	for (const [part, key] of Object.entries(keys)) {
		report.fields.push({ ...ref, property: key, field: part, how: 'name', guessed: false, why: `the notification's ${part}` });
	}
	const used = new Set(Object.values(keys));
	for (const property of operation.properties) {
		if (!used.has(property.name)) report.unmapped.push({ ...ref, property: property.name, note: 'not one of the notification parts the CBT Trigger reads (event, id, orderId, data)' });
	}
	return { id: ref.id, endpoint, fields: keys, drop: [], constants: {}, list: {}, task: {}, codes: {} };
}

function buildEndpoint(match: Match, report: Report): Documented {
	const { endpoint, operation } = match;
	const ref = refOf(endpoint);
	const documented: Documented = { id: ref.id, endpoint, fields: {}, drop: [], constants: {}, list: {}, task: {}, codes: {} };
	const other = (text: string) => report.other.push({ ...ref, text });
	for (const note of operation.notes) other(`note: ${note}`);

	if (operation.path) {
		if (!operation.path.startsWith('/') || /\s|[?#]/.test(operation.path)) other(`path "${operation.path}" is not a usable path; kept ${endpoint.path}`);
		else {
			documented.path = operation.path;
			if (operation.path !== endpoint.path) other(`path: ${operation.path} (the catalog assumed ${endpoint.path})`);
			if (/\{[^}]*\}/.test(operation.path)) other(`note: the path has a template part ({…}); the node sends it as written`);
		}
	}
	if (operation.method === 'GET' || operation.method === 'POST') {
		const sendsImage = endpoint.fields.some((field) => field.kind === 'image' || field.kind === 'faceImage');
		if (operation.method === 'GET' && sendsImage) other('method: the document says GET, but an image cannot travel in a query string; kept POST');
		else {
			documented.method = operation.method;
			if (operation.method !== endpoint.method) other(`method: ${operation.method} (the catalog assumed ${endpoint.method})`);
		}
	} else if (operation.method) other(`method: ${operation.method} is not supported by the node (GET or POST); kept ${endpoint.method}`);

	const mapping = mapFields(endpoint, operation);
	for (const match of mapping.mapped) {
		documented.fields[match.field.key] = match.property.name;
		report.fields.push({ ...ref, property: match.property.name, field: describeField(match.field), how: match.how, guessed: match.guessed, why: match.why });
	}
	for (const guess of mapping.alternatives) {
		const taker = mapping.mapped.find((match) => match.field === guess.field)?.property.name;
		report.guesses.push({ ...ref, property: guess.property.name, field: guess.field.key, why: `${guess.why}${taker ? `; ${guess.field.key} went to ${taker}` : ''}` });
	}
	const mentioned = new Set(mapping.mapped.map((match) => match.field));
	const missing = endpoint.fields.filter((field) => !mentioned.has(field));
	if (operation.complete) {
		for (const field of missing) {
			// A field some property might be is mentioned, if unclearly: kept, never dropped on a guess.
			const maybe = mapping.candidates.filter((candidate) => candidate.field === field).map((candidate) => candidate.property.name);
			if (field.required === false) {
				other(`${field.key}: optional and ${maybe.length > 0 ? `only ${[...new Set(maybe)].join(' or ')} might be it` : 'not in the documentation'}; sent only when filled in`);
			} else if (maybe.length > 0) other(`${field.key}: not dropped, as ${[...new Set(maybe)].join(' or ')} might be it; check`);
			else {
				documented.drop.push(field.key);
				report.dropped.push({ ...ref, field: field.key });
			}
		}
	} else if (missing.length > 0) {
		other(`not dropped, as the documentation does not list the request keys completely: ${missing.map((field) => field.key).join(', ')}`);
	}

	for (const property of mapping.rest) {
		if (property.constant) {
			documented.constants[property.name] = property.constant.value as IDataObject[string];
			report.constants.push({ ...ref, key: property.name, value: property.constant.value, why: property.constant.from === 'const' ? 'const' : 'the only value of its enum' });
		} else if (property.required && property.default) {
			documented.constants[property.name] = property.default.value as IDataObject[string];
			report.constants.push({ ...ref, key: property.name, value: property.default.value, why: 'the default of a required property' });
		} else if (endpoint.category === 'OCR' && endpoint.operation === 'idCard' && property.name === ID_CARD_SIDE_KEY) {
			other(`${property.name}: sent by the node's ID Card Side option`);
		} else {
			const enumText = property.enum ? ` (one of ${property.enum.map((item) => JSON.stringify(item)).join(', ')})` : '';
			report.unmapped.push({
				...ref,
				property: property.name,
				note: `matches no field${property.required ? ', required' : ''}${enumText}${property.description ? ` — "${property.description.slice(0, 60)}"` : ''}${example(property)}`,
			});
		}
	}

	if (endpoint.output.kind === 'list') {
		if (mapping.pageKey) documented.list.pageKey = mapping.pageKey.name;
		if (mapping.pageSizeKey) documented.list.pageSizeKey = mapping.pageSizeKey.name;
		const found = listKeysOf(operation.response);
		if (found.itemsKey) documented.list.itemsKey = found.itemsKey;
		if (found.totalKey) documented.list.totalKey = found.totalKey;
		for (const note of found.notes) other(`list: ${note}`);
		for (const [key, value] of Object.entries(listDifferences(endpoint, documented.list))) other(`list: ${key} "${value}"`);
	} else if (endpoint.output.kind === 'task') {
		const taskIdKey = taskIdKeyOf(operation.response);
		if (taskIdKey) documented.task.taskIdKey = taskIdKey;
	}
	return documented;
}

/** Codes: the document's own table first, then operations'; a code an operation reads otherwise becomes that endpoint's. */
function buildCodes(source: DocSource, matches: Match[], documented: Map<string, Documented>, report: Report): ProfileCodes {
	const codes: ProfileCodes = {};
	const kinds = new Map<number, string | undefined>();
	const seen = new Set<string>();
	const take = (found: FoundCode, id?: string) => {
		const key = `${found.code}\u0000${found.text}`;
		const code = classify(found);
		const known = kinds.get(found.code);
		if (kinds.has(found.code)) {
			if (seen.has(key) || known === code.kind) return;
			const entry = id ? documented.get(id) : undefined;
			if (entry && code.kind && !code.known) {
				entry.codes[String(found.code)] = { kind: code.kind, meaning: code.text };
				report.codes.push({ ...code, outcome: 'endpoint', id });
			} else report.codes.push({ ...code, outcome: 'conflict' });
			seen.add(key);
			return;
		}
		seen.add(key);
		kinds.set(found.code, code.kind);
		if (!code.kind) report.codes.push({ ...code, outcome: 'unclassified' });
		else if (code.known) report.codes.push({ ...code, outcome: 'known' });
		else {
			codes[String(found.code)] = { kind: code.kind, meaning: code.text };
			report.codes.push({ ...code, outcome: 'emitted' });
		}
	};
	for (const found of source.codes) take(found);
	const byOperation = new Map(matches.map((match) => [match.operation, endpointId(match.endpoint)]));
	for (const operation of source.operations) for (const found of operation.codes) take(found, byOperation.get(operation));
	return codes;
}

export function build(source: DocSource, describedAs = source.title): Built {
	const report = emptyReport(source.title);
	report.notes.push(...source.notes);
	const { matches, unmatched } = matchOperations(source.operations);
	for (const item of unmatched) report.unmatched.push({ operation: item.operation.label, reason: item.reason });

	const documented = new Map<string, Documented>();
	const built: Match[] = [];
	for (const match of matches) {
		const { endpoint, operation } = match;
		if (endpoint.output.kind === 'notification' && source.format === 'curl') {
			report.skipped.push({
				what: `${operation.label} (${endpoint.chineseName})`,
				reason: 'the notification (异步通知) is sent by the gateway to your CBT Trigger, not called; it cannot be built from a cURL snippet (set its keys in the CBT Trigger, or give an OpenAPI document)',
			});
			continue;
		}
		report.matched.push({ ...refOf(endpoint), operation: operation.label, how: match.how, detail: match.detail });
		documented.set(endpointId(endpoint), endpoint.output.kind === 'notification' ? buildNotification(match, report) : buildEndpoint(match, report));
		built.push(match);
	}
	// A task's status key is in its result operation's answer.
	for (const entry of documented.values()) {
		const output = entry.endpoint.output;
		if (output.kind !== 'task') continue;
		const result = built.find((match) => match.endpoint.category === entry.endpoint.category && match.endpoint.operation === output.resultOperation);
		const statusKey = result ? statusKeyOf(result.operation.response) : undefined;
		if (statusKey) entry.task.statusKey = statusKey;
		for (const [key, value] of Object.entries(taskDifferences(entry.endpoint, entry.task))) report.other.push({ ...refOf(entry.endpoint), text: `task: ${key} "${value}"` });
	}

	// Two endpoints at one path is almost always a snippet saved under the wrong name.
	const byPath = new Map<string, string[]>();
	for (const endpoint of CATALOG) {
		if (endpoint.output.kind === 'notification') continue;
		const path = (documented.get(endpointId(endpoint))?.path ?? endpoint.path).toLowerCase();
		byPath.set(path, [...(byPath.get(path) ?? []), endpointId(endpoint)]);
	}
	for (const [path, ids] of byPath) {
		if (ids.length > 1 && ids.some((id) => documented.get(id)?.path !== undefined)) {
			report.notes.push(`${ids.join(' and ')} would ${ids.length === 2 ? 'both' : 'all'} be called at ${path}; check that each snippet or operation is the endpoint it is named after`);
		}
	}

	const codes = buildCodes(source, built, documented, report);
	const matchedIds = new Set([...matches.map((match) => endpointId(match.endpoint))]);
	report.notInDocument = CATALOG.filter((endpoint) => !matchedIds.has(endpointId(endpoint))).map(refOf);

	const endpoints: Record<string, ProfileEndpoint> = {};
	const order = (id: string) => CATALOG.findIndex((endpoint) => endpointId(endpoint) === id);
	for (const [id, entry] of [...documented].sort(([a], [b]) => order(a) - order(b))) {
		const profileEntry = entryOf(entry);
		const problems = entryProblems(id, profileEntry);
		if (problems.length > 0) {
			report.skipped.push({ what: `${entry.endpoint.chineseName} (${id})`, reason: `its entry would not pass the profile check, so it is left out: ${problems.join(' ')}` });
			documented.delete(id);
			continue;
		}
		if (!isEmpty(profileEntry)) endpoints[id] = profileEntry;
	}
	const profile: GatewayProfile = { description: `Built by "npm run profile" from the ${describedAs}.` };
	if (!isEmpty(codes)) profile.codes = codes;
	profile.endpoints = endpoints;
	assertValid(profile);
	return { profile, report, documented, codes };
}

/** The last guard: a profile that does not pass checkProfile is never printed. */
export function assertValid(profile: GatewayProfile): void {
	try {
		checkProfile(JSON.parse(JSON.stringify(profile)));
	} catch (error) {
		if (error instanceof ProfileError) throw new BuilderBug(`the built profile does not pass the profile check (a bug in the builder): ${error.problems.join(' ')}`);
		throw error;
	}
}

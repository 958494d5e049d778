import { CATALOG, type Endpoint } from '../../nodes/shared/catalog';
import { endpointId } from '../../nodes/shared/profile/parse';
import type { GatewayProfile, NotificationPart, ProfileEndpoint } from '../../nodes/shared/profile/types';
import { entryProblems, listDefaults, NOTIFICATION_DEFAULTS, taskDefaults, type Built, type Documented } from './build';

/*
 * --merge: a customer grows one profile over time, from several documents or a newer one. The
 * existing profile is the start; for each endpoint the new document describes, what it says replaces
 * what the profile said, field by field (a key the document now gives as the catalog's own removes
 * the old rename); whatever it does not mention stays.
 */

const BY_ID = new Map(CATALOG.map((endpoint) => [endpointId(endpoint), endpoint]));
const BY_NAME = new Map(CATALOG.map((endpoint) => [endpoint.chineseName, endpoint]));

const endpointOf = (key: string) => BY_ID.get(key) ?? BY_NAME.get(key.trim());
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const show = (value: unknown) => JSON.stringify(value);

/** The catalog key of a field named by key or parameter name. */
function fieldKey(endpoint: Endpoint, name: string): string {
	return endpoint.fields.find((field) => field.key === name || field.parameter === name)?.key ?? name;
}

/** The existing entry with what the document says applied. */
export function applyDocumented(before: ProfileEndpoint, documented: Documented): ProfileEndpoint {
	const { endpoint } = documented;
	const entry = clone(before);
	if (endpoint.output.kind === 'notification') {
		const fields = { ...(entry.fields ?? {}) };
		for (const [part, key] of Object.entries(documented.fields)) {
			if (NOTIFICATION_DEFAULTS[part as NotificationPart] === key) delete fields[part];
			else fields[part] = key;
		}
		entry.fields = fields;
		return tidy(entry);
	}
	for (const key of ['path', 'method'] as const) {
		const value = documented[key];
		if (value === undefined) continue;
		if (value === endpoint[key]) delete entry[key];
		else (entry as Record<string, unknown>)[key] = value;
	}
	const fields = { ...(entry.fields ?? {}) };
	let drop = [...(entry.drop ?? [])];
	const forget = (key: string) => {
		for (const name of Object.keys(fields)) if (fieldKey(endpoint, name) === key) delete fields[name];
		drop = drop.filter((name) => fieldKey(endpoint, name) !== key);
	};
	for (const [key, wire] of Object.entries(documented.fields)) {
		forget(key);
		if (wire !== key) fields[key] = wire;
	}
	for (const key of documented.drop) {
		forget(key);
		drop.push(key);
	}
	entry.fields = fields;
	entry.drop = drop;
	const constants = { ...(entry.constants ?? {}), ...documented.constants };
	// A constant under a key a field is now sent as would clash: the field wins.
	const sent = new Set(endpoint.fields.filter((field) => !drop.includes(field.key)).map((field) => fields[field.key] ?? field.key));
	for (const key of Object.keys(constants)) if (sent.has(key) && !(key in documented.constants)) delete constants[key];
	entry.constants = constants;
	const defaults = { list: listDefaults(endpoint), task: taskDefaults(endpoint) };
	for (const part of ['list', 'task'] as const) {
		const target: Record<string, string> = { ...((entry[part] as Record<string, string> | undefined) ?? {}) };
		for (const [key, value] of Object.entries(documented[part] as Record<string, string>)) {
			if ((defaults[part] as Record<string, string> | undefined)?.[key] === value) delete target[key];
			else target[key] = value;
		}
		(entry as Record<string, unknown>)[part] = target;
	}
	entry.codes = { ...(entry.codes ?? {}), ...documented.codes };
	return tidy(entry);
}

/** Drops empty parts, so that an entry back to the catalog's assumptions is empty. */
function tidy(entry: ProfileEndpoint): ProfileEndpoint {
	for (const [key, value] of Object.entries(entry)) {
		if ((Array.isArray(value) && value.length === 0) || (value && typeof value === 'object' && Object.keys(value).length === 0)) {
			delete (entry as Record<string, unknown>)[key];
		}
	}
	return entry;
}

/** What changed in one entry, as report lines. */
export function entryChanges(name: string, before: ProfileEndpoint | undefined, after: ProfileEndpoint | undefined): string[] {
	if (!before && !after) return [];
	if (!before) return [`${name}: added ${show(after)}`];
	if (!after) return [`${name}: removed (the document now agrees with the catalog)`];
	const lines: string[] = [];
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	for (const key of keys) {
		const old = (before as Record<string, unknown>)[key];
		const now = (after as Record<string, unknown>)[key];
		if (show(old) === show(now)) continue;
		if (key === 'drop') {
			const was = new Set((old as string[] | undefined) ?? []);
			const is = new Set((now as string[] | undefined) ?? []);
			for (const item of is) if (!was.has(item)) lines.push(`${name} › drop: + ${item}`);
			for (const item of was) if (!is.has(item)) lines.push(`${name} › drop: − ${item} (now documented)`);
		} else if ((old && typeof old === 'object') || (now && typeof now === 'object')) {
			const was = (old as Record<string, unknown> | undefined) ?? {};
			const is = (now as Record<string, unknown> | undefined) ?? {};
			for (const sub of new Set([...Object.keys(was), ...Object.keys(is)])) {
				if (show(was[sub]) === show(is[sub])) continue;
				if (!(sub in was)) lines.push(`${name} › ${key} › ${sub}: added ${show(is[sub])}`);
				else if (!(sub in is)) lines.push(`${name} › ${key} › ${sub}: removed (was ${show(was[sub])})`);
				else lines.push(`${name} › ${key} › ${sub}: ${show(was[sub])} → ${show(is[sub])}`);
			}
		} else if (old === undefined) lines.push(`${name} › ${key}: set to ${show(now)}`);
		else if (now === undefined) lines.push(`${name} › ${key}: removed (was ${show(old)}; the document agrees with the catalog)`);
		else lines.push(`${name} › ${key}: ${show(old)} → ${show(now)}`);
	}
	return lines;
}

/**
 * The existing profile (already checked) with the built document's facts applied. Entries keep the
 * key they had (a catalog ID or a Chinese name); new ones are keyed by catalog ID.
 */
export function mergeProfile(existing: GatewayProfile, built: Built): { profile: GatewayProfile; changes: string[]; skipped: Array<{ what: string; reason: string }> } {
	const profile = clone(existing);
	const changes: string[] = [];
	const skipped: Array<{ what: string; reason: string }> = [];
	const endpoints: Record<string, ProfileEndpoint> = profile.endpoints ?? {};
	const keyOf = new Map<string, string>();
	for (const key of Object.keys(endpoints)) {
		const endpoint = endpointOf(key);
		if (endpoint) keyOf.set(endpointId(endpoint), key);
	}
	for (const [id, documented] of built.documented) {
		const key = keyOf.get(id) ?? id;
		const before = endpoints[key];
		const after = applyDocumented(before ?? {}, documented);
		const empty = Object.keys(after).length === 0;
		if (!empty) {
			const problems = entryProblems(key, after);
			if (problems.length > 0) {
				skipped.push({ what: `${documented.endpoint.chineseName} (${id})`, reason: `merging would not pass the profile check, so the existing entry is kept as it was: ${problems.join(' ')}` });
				continue;
			}
		}
		changes.push(...entryChanges(key, before, empty ? undefined : after));
		if (empty) delete endpoints[key];
		else endpoints[key] = after;
	}
	const codes = { ...(profile.codes ?? {}) };
	for (const [code, meaning] of Object.entries(built.codes)) {
		const old = codes[code];
		if (show(old) === show(meaning)) continue;
		changes.push(old === undefined ? `codes › ${code}: added ${show(meaning)}` : `codes › ${code}: ${show(old)} → ${show(meaning)}`);
		codes[code] = meaning;
	}
	if (Object.keys(codes).length > 0) profile.codes = codes;
	const addition = built.profile.description ?? '';
	if (!profile.description) profile.description = addition;
	else if (addition && !profile.description.includes(addition)) profile.description = `${profile.description} Then: ${addition}`;
	profile.endpoints = endpoints;
	return { profile, changes, skipped };
}

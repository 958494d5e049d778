import type { IDataObject } from 'n8n-workflow';

import type { Endpoint } from '../catalog';
import { PAGING } from './paging';
import { describeCode, type CodeBook } from '../transport/codes';
import type { VerdictRule } from '../outcomes/verdict';
import { endpointId, type ParsedProfile } from './parse';
import type { NotificationPart } from './types';

export interface ListKeys {
	itemsKey: string;
	pageKey: string;
	pageSizeKey: string;
	totalKey: string;
}

/**
 * One endpoint as this gateway actually speaks it: the catalog entry with the profile applied.
 * The one place where a profile changes a request or the reading of an answer.
 */
export interface Contract {
	endpoint: Endpoint;
	method: 'GET' | 'POST';
	path: string;
	/** Catalog keys of fields the gateway does not take: not read, not checked, not sent. */
	dropped: ReadonlySet<string>;
	/** Catalog key → the key sent; only renamed fields. */
	renamed: ReadonlyMap<string, string>;
	constants: IDataObject;
	/** For list endpoints. */
	list?: ListKeys;
	/** For task endpoints. */
	task?: { taskIdKey: string; statusKey: string };
	codes: CodeBook;
	/** How an answer reads as a verdict: the profile's table for the endpoint, else the catalog's (assumed). */
	verdict?: VerdictRule;
}

/** How a gateway code reads: the profile's entry for the endpoint, then its global one, then the package's table. */
export function codeBook(profile: ParsedProfile | undefined, endpoint?: Endpoint): CodeBook {
	if (!profile) return describeCode;
	const own = endpoint ? profile.endpointCodes.get(endpointId(endpoint)) : undefined;
	if (!own && profile.codes.size === 0) return describeCode;
	return (code) => own?.get(code) ?? profile.codes.get(code) ?? describeCode(code);
}

export function contractFor(endpoint: Endpoint, profile?: ParsedProfile): Contract {
	const entry = profile?.endpoints.get(endpointId(endpoint));
	const keyOf = (name: string) => endpoint.fields.find((field) => field.key === name || field.parameter === name)?.key ?? name;
	const output = endpoint.output;
	return {
		endpoint,
		method: entry?.method ?? endpoint.method,
		path: entry?.path ?? endpoint.path,
		dropped: new Set((entry?.drop ?? []).map(keyOf)),
		renamed: new Map(Object.entries(entry?.fields ?? {}).map(([name, wire]) => [keyOf(name), wire])),
		constants: entry?.constants ?? {},
		list:
			output.kind === 'list'
				? {
						itemsKey: entry?.list?.itemsKey ?? output.itemsKey,
						pageKey: entry?.list?.pageKey ?? PAGING.pageKey,
						pageSizeKey: entry?.list?.pageSizeKey ?? PAGING.pageSizeKey,
						totalKey: entry?.list?.totalKey ?? PAGING.totalKey,
					}
				: undefined,
		task:
			output.kind === 'task'
				? { taskIdKey: entry?.task?.taskIdKey ?? output.taskIdKey, statusKey: entry?.task?.statusKey ?? output.statusKey }
				: undefined,
		codes: codeBook(profile, endpoint),
		verdict: profile?.verdicts.get(endpointId(endpoint)) ?? endpoint.verdict,
	};
}

/** A body with catalog keys, as the gateway wants it: fields renamed, dropped ones left out, constants added. */
export function toWire(contract: Contract, body: IDataObject): IDataObject {
	const wire: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (contract.dropped.has(key)) continue;
		wire[contract.renamed.get(key) ?? key] = value;
	}
	return Object.assign(wire, contract.constants);
}

/** The notification's body fields under a profile; the trigger's own options still win. */
export function notificationFields(profile: ParsedProfile | undefined, notification: Endpoint): Partial<Record<NotificationPart, string>> {
	return (profile?.endpoints.get(endpointId(notification))?.fields ?? {}) as Partial<Record<NotificationPart, string>>;
}

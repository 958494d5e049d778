import type { IDataObject } from 'n8n-workflow';

import { REPLAY_MAX_ENTRIES, REPLAY_RETENTION_MS } from './notification';

/**
 * What one n8n process knows about the notifications its CBT Triggers accepted, shared by every
 * webhook request the process serves (module state: n8n loads a node package once per process).
 *
 * Why it exists: for every webhook request n8n loads the workflow's static data from the database,
 * runs the trigger's `webhook()`, and writes the whole static data object back after the answer
 * (n8n 2.39: LiveWebhooks.executeWebhook → WorkflowStaticDataService.saveStaticData, last writer
 * wins, no lock). Two deliveries that arrive together both load a copy without each other's ID, so
 * static data alone lets both start the workflow, and one's save erases the other's entry.
 *
 * - `claim` checks and records an ID in one synchronous step (no `await` between the check and the
 *   record), so within this process exactly one of any number of deliveries of one ID wins.
 * - The static data a request writes is the union of what it loaded and what this process knows,
 *   and the static data objects of requests not yet saved are kept and given every ID claimed later,
 *   so the save that n8n makes last carries every ID, whatever order the saves run in.
 *
 * Other processes (a second webhook processor, the main process) have their own registry: across
 * processes only the static data in the database is shared (see docs/running-at-scale.md).
 */

export type AcceptedIds = Record<string, number>;

/** Keeps only valid, fresh entries, at most `maxEntries` (the newest). */
export function boundedIds(ids: AcceptedIds, nowMs: number, retentionMs = REPLAY_RETENTION_MS, maxEntries = REPLAY_MAX_ENTRIES): AcceptedIds {
	let kept = Object.entries(ids).filter(([, at]) => typeof at === 'number' && Number.isFinite(at) && nowMs - at <= retentionMs);
	if (kept.length > maxEntries) kept = kept.sort((a, b) => b[1] - a[1]).slice(0, maxEntries);
	return Object.fromEntries(kept);
}

/** The union of two ID sets (the earlier time of an ID kept), bounded. */
export function unionOfIds(a: AcceptedIds, b: AcceptedIds, nowMs: number): AcceptedIds {
	const merged: AcceptedIds = { ...a };
	for (const [id, at] of Object.entries(b)) {
		if (typeof at !== 'number') continue;
		const before = merged[id];
		merged[id] = typeof before === 'number' ? Math.min(before, at) : at;
	}
	return boundedIds(merged, nowMs);
}

/** A static data object handed to a request, still to be saved by n8n. */
interface PendingSave {
	data: IDataObject;
	key: string;
	at: number;
}

/** How long a request's static data object is kept up to date after the request (n8n saves it right after the answer). */
const PENDING_MS = 2 * 60 * 1000;
const PENDING_MAX = 200;

class Scope {
	ids: AcceptedIds = {};
	pending: PendingSave[] = [];
}

export class AcceptedNotifications {
	private readonly scopes = new Map<string, Scope>();

	private scope(name: string): Scope {
		let scope = this.scopes.get(name);
		if (!scope) {
			scope = new Scope();
			this.scopes.set(name, scope);
		}
		return scope;
	}

	/** Whether the ID was accepted before, by this process or (per `loaded`) by any process whose save n8n kept. */
	has(scopeName: string, id: string, loaded: AcceptedIds, nowMs: number = Date.now()): boolean {
		const at = this.scopes.get(scopeName)?.ids[id] ?? loaded[id];
		return typeof at === 'number' && nowMs - at <= REPLAY_RETENTION_MS;
	}

	/**
	 * Synchronous check-and-record: true for the one caller that accepts `id`, false for every
	 * later one. Callers must not `await` between reading `loaded` and this call's use of it.
	 */
	claim(scopeName: string, id: string, loaded: AcceptedIds, nowMs: number = Date.now()): boolean {
		if (this.has(scopeName, id, loaded, nowMs)) return false;
		const scope = this.scope(scopeName);
		scope.ids = boundedIds({ ...scope.ids, [id]: nowMs }, nowMs);
		this.refreshPending(scope, nowMs);
		return true;
	}

	/** Forgets an ID this process accepted (the request that claimed it could not be answered). */
	release(scopeName: string, id: string): void {
		const scope = this.scopes.get(scopeName);
		if (scope) delete scope.ids[id];
	}

	/**
	 * Writes into `data[key]` the union of what it holds and what this process knows, and keeps
	 * `data` up to date with IDs claimed later until n8n has had time to save it.
	 */
	writeInto(scopeName: string, data: IDataObject, key: string, nowMs: number = Date.now()): void {
		const scope = this.scope(scopeName);
		data[key] = unionOfIds((data[key] as AcceptedIds | undefined) ?? {}, scope.ids, nowMs);
		scope.pending = scope.pending.filter((entry) => entry.data !== data && nowMs - entry.at <= PENDING_MS).slice(-(PENDING_MAX - 1));
		scope.pending.push({ data, key, at: nowMs });
	}

	private refreshPending(scope: Scope, nowMs: number): void {
		scope.pending = scope.pending.filter((entry) => nowMs - entry.at <= PENDING_MS);
		for (const entry of scope.pending) {
			// Setting the property marks n8n's static data as changed, so it is saved with the new ID.
			entry.data[entry.key] = unionOfIds((entry.data[entry.key] as AcceptedIds | undefined) ?? {}, scope.ids, nowMs);
		}
	}

	/** Test hook: forget everything, as a restarted process would. */
	clear(): void {
		this.scopes.clear();
	}
}

/** The one registry of this process. */
export const acceptedNotifications = new AcceptedNotifications();

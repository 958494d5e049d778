import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { RPA_TAX_ENDPOINTS, RPA_TAX_RESULT_OPERATIONS } from '../shared/catalog/rpaTax';
import { contractFor, ProfileError, profileOf, toWire, type ParsedProfile } from '../shared/profile';
import { DEFAULT_RETRY, isRetryable, retryDelayMs } from '../shared/transport/retry';
import { credentialsFor, GatewayFailure, sendToGateway, toNodeError } from '../shared/transport/request';

/**
 * CBT Tax Data › Get Result Once: fetches the collected data of the order a CBT Trigger notification
 * names, at most once per notification ID, whatever number of times (or in however many executions)
 * that notification arrives. The trigger itself no longer fetches (version 2): a webhook cannot use
 * n8n's deduplication, an execution can.
 *
 * How "once" is kept, strongest first:
 * 1. In this process, the ID is claimed synchronously before anything is awaited, so two executions
 *    of one notification in the same n8n process (a worker, or the main process) never both fetch.
 * 2. Across executions and restarts, n8n's own deduplication store (`checkProcessedAndRecord`, scope
 *    node, in the database) records the ID before the billed call, and again after it. n8n reads and
 *    rewrites that one record per node without a lock (last writer wins), so each call also re-records
 *    the IDs this process recorded lately: an ID erased by a simultaneous write is written back.
 * 3. A fetch that cannot have been billed (not sent, or the gateway said charge 0) is forgotten again,
 *    so a later delivery or a retry fetches it. One that may have been billed is never repeated.
 *
 * What it cannot do: two n8n processes that check the same ID in the same instant can both fetch it
 * (n8n offers no atomic check-and-record across processes). docs/running-at-scale.md has the figures
 * and the deployment that avoids it.
 */

export const GET_RESULT_ONCE = 'getResultOnce';
const SHOW = { show: { operation: [GET_RESULT_ONCE] } };
/** How many IDs n8n's deduplication store keeps for the node (the oldest go first). */
const MAX_RECORDED = 10_000;
/** How long this process remembers an ID it fetched, and how many it re-records with each call. */
const MEMORY_MS = 24 * 3600 * 1000;
const MEMORY_MAX = 5_000;
const REPAIR_MAX = 200;
/** Tries of n8n's check-and-record before giving up (nothing is sent before it succeeds). */
const CHECK_ATTEMPTS = 4;

export const getResultOnceOperation = {
	name: 'Get Result Once',
	value: GET_RESULT_ONCE,
	action: 'Get the result of a notified order once',
	description:
		'Fetches the collected data of the order a CBT Trigger notification names, once per notification ID, however often the notification arrives. Put it right after CBT Trigger.',
};

export const getResultOnceProperties: INodeProperties[] = [
	{
		displayName: 'Notification ID',
		name: 'notificationId',
		type: 'string',
		required: true,
		default: '={{ $json._cbt.notificationId }}',
		displayOptions: SHOW,
		description: 'The notification’s unique ID. Each ID is fetched once. Default: the ID CBT Trigger puts on every item.',
	},
	{
		displayName: 'Order ID',
		name: 'notifiedOrderId',
		type: 'string',
		required: true,
		default: '={{ $json._cbt.orderId }}',
		displayOptions: SHOW,
		description: 'The order whose data is fetched. Default: the order ID of the CBT Trigger notification.',
	},
	{
		displayName: 'Result Operation',
		name: 'resultOperation',
		type: 'options',
		default: 'taxMerge',
		displayOptions: SHOW,
		options: RPA_TAX_RESULT_OPERATIONS.map((endpoint) => ({ name: endpoint.name, value: endpoint.operation, description: endpoint.chineseName })).sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		description: 'The CBT Tax Data operation whose answer is fetched for the order. Each call may be billed.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: SHOW,
		options: [
			{
				displayName: 'Include Response Metadata',
				name: 'includeMetadata',
				type: 'boolean',
				default: false,
				description: 'Whether to add the gateway’s request ID and whether the call was billed, under "resultMeta"',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: '/apis/tt/gw/rpa_tax/v1/taxmerge',
				description: 'Overrides the path called. Empty: the Result Operation’s path.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 600 },
				description: 'How long to wait for the gateway’s answer',
			},
		],
	},
];

interface OnceOptions {
	includeMetadata?: boolean;
	path?: string;
	timeoutSeconds?: number;
}

/**
 * IDs this process fetched (or is fetching), per workflow and node: when claimed, and whether n8n's
 * store has recorded them for this process (only those are written back when another write lost them;
 * an ID still being checked must not be, or its own check would find it "already fetched").
 */
interface Claim {
	at: number;
	recorded: boolean;
}
const claimed = new Map<string, Map<string, Claim>>();

/** Test hook: forget what this process fetched, as a restarted (or another) process would not know it. */
export function forgetFetchedInThisProcess(): void {
	claimed.clear();
}

function claimsOf(scope: string): Map<string, Claim> {
	let ids = claimed.get(scope);
	if (!ids) {
		ids = new Map();
		claimed.set(scope, ids);
	}
	return ids;
}

function claim(scope: string, id: string, nowMs: number): boolean {
	const ids = claimsOf(scope);
	const before = ids.get(id);
	if (before !== undefined && nowMs - before.at <= MEMORY_MS) return false;
	ids.set(id, { at: nowMs, recorded: false });
	if (ids.size > MEMORY_MAX) {
		for (const [old, when] of ids) {
			if (ids.size <= MEMORY_MAX || nowMs - when.at <= MEMORY_MS) break;
			ids.delete(old);
		}
		while (ids.size > MEMORY_MAX) ids.delete(ids.keys().next().value as string);
	}
	return true;
}

/** The IDs n8n's store recorded for this process most recently, but `id`. */
function recentClaims(scope: string, id: string): string[] {
	return [...claimsOf(scope)]
		.filter(([other, state]) => other !== id && state.recorded)
		.map(([other]) => other)
		.slice(-REPAIR_MAX);
}

function recordOf(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as IDataObject) } : { data: value as IDataObject[string] };
}

/** Sends the call, repeating only what the gateway cannot have billed. */
async function fetchOnce(
	context: IExecuteFunctions,
	request: Parameters<typeof sendToGateway>[1],
	timeoutMs: number,
	codes: Parameters<typeof sendToGateway>[3],
): Promise<Awaited<ReturnType<typeof sendToGateway>>> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await sendToGateway(context, request, timeoutMs, codes);
		if (!(outcome instanceof GatewayFailure) || attempt >= DEFAULT_RETRY.maxRetries || !isRetryable(outcome)) return outcome;
		await sleep(retryDelayMs(DEFAULT_RETRY, attempt, outcome.retryAfterMs));
	}
}

/** The credential's gateway profile, or the error to raise when it does not pass (nothing sent then). */
async function loadProfile(context: IExecuteFunctions): Promise<ParsedProfile | NodeOperationError | undefined> {
	let data;
	try {
		data = (await credentialsFor(context)).data;
	} catch {
		return undefined; // the call reports it
	}
	let profile: unknown;
	try {
		profile = profileOf(data);
	} catch (error) {
		profile = error;
	}
	if (profile instanceof ProfileError) {
		return new NodeOperationError(context.getNode(), `The CBT API credential's ${profile.message}`, {
			description: 'Nothing was sent to the gateway. Fix the Gateway Profile in the credential.',
		});
	}
	return profile as ParsedProfile | undefined;
}

export async function executeGetResultOnce(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const node = context.getNode();
	const scope = `${context.getWorkflow().id ?? ''}\u0000${node.id ?? node.name}`;
	const returnData: INodeExecutionData[] = [];
	const profile = await loadProfile(context);
	if (profile instanceof NodeOperationError) {
		if (!continueOnFail) throw profile;
		return [items.map((_, item) => ({ json: { error: profile.message, description: profile.description ?? null }, pairedItem: { item } }))];
	}

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const id = String(context.getNodeParameter('notificationId', itemIndex, '') ?? '').trim();
			const orderId = String(context.getNodeParameter('notifiedOrderId', itemIndex, '') ?? '').trim();
			if (!id) {
				throw new NodeOperationError(node, 'No notification ID', {
					itemIndex,
					description: 'Notification ID is empty, so the node cannot tell a repeat from a new notification. Nothing was sent or billed.',
				});
			}
			if (!orderId) {
				throw new NodeOperationError(node, `Notification ${id} names no order`, {
					itemIndex,
					description: 'Order ID is empty (a failed order may carry none). Nothing was sent or billed.',
				});
			}
			const operation = context.getNodeParameter('resultOperation', itemIndex, 'taxMerge') as string;
			const endpoint = RPA_TAX_ENDPOINTS.find((candidate) => candidate.operation === operation);
			if (!endpoint) throw new NodeOperationError(node, `Unknown result operation "${operation}"`, { itemIndex });
			const options = context.getNodeParameter('options', itemIndex, {}) as OnceOptions;

			// 1. This process: synchronous, nothing awaited between the check and the record.
			if (!claim(scope, id, Date.now())) continue;
			// 2. n8n's deduplication store, recorded before the billed call; lost entries of this process written back.
			let fresh: boolean | undefined;
			for (let attempt = 1; fresh === undefined; attempt++) {
				try {
					const checked = await context.helpers.checkProcessedAndRecord([id, ...recentClaims(scope, id)], 'node', {
						mode: 'entries',
						maxEntries: MAX_RECORDED,
					});
					fresh = checked.new.some((value) => String(value) === id);
					const state = claimsOf(scope).get(id);
					if (state) state.recorded = true;
				} catch (error) {
					// The node's first record is an insert: two processes inserting it at once, one fails
					// (the record exists now, so the next try updates it). Nothing was sent yet.
					if (attempt < CHECK_ATTEMPTS) {
						await sleep(50 + Math.floor(Math.random() * 150));
						continue;
					}
					claimsOf(scope).delete(id);
					throw new NodeOperationError(node, `Could not check whether notification ${id} was fetched before: ${(error as Error).message}`, {
						itemIndex,
						description: 'Nothing was sent to the gateway, so nothing was billed.',
					});
				}
			}
			if (!fresh) continue;

			const contract = contractFor(endpoint, profile);
			const fields = toWire(contract, { order_id: orderId });
			const outcome = await fetchOnce(
				context,
				{
					method: contract.method,
					path: options.path?.trim() || contract.path,
					...(contract.method === 'GET' ? { qs: fields } : { body: fields }),
				},
				Math.round((options.timeoutSeconds ?? 30) * 1000),
				contract.codes,
			);
			const notBilled = outcome instanceof GatewayFailure && (outcome.notSent || outcome.meta.billed === false);
			if (!notBilled) {
				// Record again after the call: n8n's store keeps one record per node, rewritten whole by every
				// call, so a simultaneous call (another execution or process) may have dropped this ID meanwhile.
				await context.helpers
					.checkProcessedAndRecord([id, ...recentClaims(scope, id)], 'node', { mode: 'entries', maxEntries: MAX_RECORDED })
					.catch(() => undefined);
			}
			if (outcome instanceof GatewayFailure) {
				if (notBilled) {
					// Not billed: forget the ID, so the next delivery (or a retry) fetches it.
					claimsOf(scope).delete(id);
					await context.helpers.removeProcessed([id], 'node', { mode: 'entries' }).catch(() => undefined);
					outcome.description = `${outcome.description} Notification ${id} was not marked as fetched: it is fetched when it arrives again.`;
				} else {
					outcome.description = `${outcome.description} Notification ${id} is marked as fetched and will not be fetched again automatically; fetch order ${orderId} with the ${endpoint.name} operation if needed.`;
				}
				throw toNodeError(context, outcome, itemIndex);
			}
			const json: IDataObject = { ...items[itemIndex].json, result: recordOf(outcome.data) };
			if (options.includeMetadata) json.resultMeta = { requestId: outcome.meta.requestId ?? null, billed: outcome.meta.billed ?? null };
			returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(node, error as Error, { itemIndex });
			if (!continueOnFail) throw failure;
			returnData.push({ json: { error: failure.message, description: failure.description ?? null }, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, jsonParse } from 'n8n-workflow';

import { createHash } from 'node:crypto';

import type { Endpoint } from '../catalog';
import { strategyFor, type CallOutcome, type CallPlan, type NodeOptions } from './calls';
import { MAX_BODY_BYTES_IN_PROGRESS } from '../transport/concurrency';
import { runPool } from './pool';
import { MASK_OPTION, maskRecord } from '../outcomes/mask';
import { noDataItem, ON_NO_DATA, ON_NO_DATA_OPTION, ON_NO_DATA_VALUES, type OnNoData } from '../outcomes/noData';
import { withVerdict } from '../outcomes/verdict';
import { contractFor, ProfileError, profileOf, toWire, type Contract, type ParsedProfile } from '../profile';
import { base64Length, type ImagePayload } from '../fields/imagePayload';
import { BodyBuffer, encodeBody, imagesIn } from '../transport/body';
import { DEFAULT_ITEM_RETRIES, DEFAULT_RETRY, Throttle } from '../transport/retry';
import { forAgent } from './toolErrors';
import { credentialsFor } from '../transport/request';
import { checkField, findEndpoint, isDeferred, readField } from './validate';

/** A value read only when the item's turn comes (a file), to keep memory flat; checked as it is read. */
export interface DeferredValue {
	key: string;
	read(): Promise<unknown>;
	check(raw: unknown): unknown;
}

/** What an operation's parameters make of one item, checked: the request without its files. */
export interface PreparedRequest {
	endpoint: Endpoint;
	contract: Contract;
	/** Where the call goes (the node's Path option, a profile's path or the catalog's). */
	path: string;
	body: IDataObject;
	/** Sent as the query string next to a POST body (a GET sends the body there). */
	query?: IDataObject;
	deferred: DeferredValue[];
}

/**
 * An operation of a node that is not a catalog entry (Custom Request): it makes an item's request from
 * its own parameters; the executor then runs it as it runs the catalog's (checks first, the pool,
 * retries, deduplication, options). Throws an error naming the item and the field for bad input.
 */
export type OwnOperation = (context: IExecuteFunctions, itemIndex: number, options: NodeOptions, profile: ParsedProfile | undefined) => PreparedRequest;

/** Everything about one item that can be known without reading files or calling the gateway. */
interface PreparedItem extends PreparedRequest {
	options: NodeOptions;
	extraBody: IDataObject;
	/** What a "no data" answer becomes (option On No Data). */
	onNoData: OnNoData;
	/** Option Mask Personal Data: the output's personal numbers are masked (never the request's). */
	mask: boolean;
}

export interface OutputContext {
	endpoint: Endpoint;
	options: NodeOptions;
	itemIndex: number;
}

/** How the node's calls run together; read once per execution from the first item's options. */
interface RunSettings {
	concurrency: number;
	batchPauseMs: number;
	maxRetries: number;
	deduplicate: boolean;
	throttle: Throttle;
	/** Identical requests in flight or done in this execution, by request key. */
	shared: Map<string, { owner: number; outcome: Promise<CallOutcome> }>;
	/** One reusable body buffer per lane, for requests that carry an image. */
	bodyBuffers: BodyBuffer[];
	/** An item's image bytes as they go out (base64): items start while those in progress hold at most maxWeight. */
	weigh: (loaded: LoadedItem | undefined) => number;
	maxWeight: number;
	profile?: ParsedProfile;
}

/** Calls in flight at the start (option Concurrency); the width then adapts (concurrency.ts). */
export const DEFAULT_CONCURRENCY = 10;
/** Option Max Concurrency's default: why 200, see docs/concurrency.md. */
export const DEFAULT_MAX_CONCURRENCY = 200;
/** The most either option may be set to. */
export const MAX_CONCURRENCY = 1000;

function runSettings(context: IExecuteFunctions, profile: ParsedProfile | undefined): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as NodeOptions;
	const number = (value: unknown, fallback: number, min: number, max: number) =>
		Math.min(max, Math.max(min, Math.round(typeof value === 'number' && Number.isFinite(value) ? value : fallback)));
	// Concurrency is where the width starts, Max Concurrency the most it may reach (a start above it is lowered).
	const ceiling = number(options.maxConcurrency, DEFAULT_MAX_CONCURRENCY, 1, MAX_CONCURRENCY);
	const startWidth = Math.min(ceiling, number(options.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY));
	const batchPauseMs = number(options.batchPauseMs, 0, 0, 3_600_000);
	return {
		concurrency: startWidth,
		batchPauseMs,
		maxRetries: number(options.maxRetries, DEFAULT_ITEM_RETRIES, 0, 10),
		deduplicate: options.deduplicate !== false,
		// Batches with a pause keep their size; otherwise the width adapts between 1 and Max Concurrency.
		throttle: new Throttle({ initial: startWidth, max: batchPauseMs > 0 ? startWidth : ceiling, adaptive: batchPauseMs === 0 }),
		shared: new Map(),
		bodyBuffers: [],
		weigh: (loaded) => (loaded?.images ?? []).reduce((sum, image) => sum + base64Length(image.size), 0),
		maxWeight: MAX_BODY_BYTES_IN_PROGRESS,
		profile,
	};
}

/**
 * Same endpoint, same parameters, same options: the same answer, so one paid call. Values are fed
 * to the hash one by one, so a 4 MB image is hashed without first being copied into one big string.
 */
function requestKey(context: IExecuteFunctions, plan: CallPlan, itemIndex: number): string {
	const { endpoint, request, options } = plan;
	const settings = strategyFor(endpoint).keyParameters.map((name) => context.getNodeParameter(name, itemIndex, null));
	const hash = createHash('sha256').update(JSON.stringify([endpoint.category, endpoint.operation, request.method, request.path, options, settings]));
	if (Buffer.isBuffer(request.body)) return hash.update(JSON.stringify(request.qs ?? {})).update(request.body).digest('hex');
	for (const part of [request.qs ?? {}, request.body ?? {}]) {
		for (const [key, value] of Object.entries(part)) {
			hash.update(`\u0000${key}\u0000`).update(typeof value === 'string' ? value : JSON.stringify(value));
		}
		hash.update('\u0001');
	}
	return hash.digest('hex');
}

/** What the executor needs of a node: the endpoints its Operation parameter chooses from. */
export interface ExecutableNode {
	readonly endpoints: readonly Endpoint[];
	/** Operations beside the catalog's, by operation value. */
	readonly ownOperations?: Readonly<Record<string, OwnOperation>>;
}

/** Reshapes the records of a successful call (OCR's simplified output, for example). */
export type ShapeOutput = (records: IDataObject[], context: OutputContext) => IDataObject[];

function parseExtraBody(context: IExecuteFunctions, itemIndex: number, raw: NodeOptions['extraBody']): IDataObject {
	if (raw === undefined || raw === '') return {};
	const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}, option 'Extra Body Fields': is not a JSON object`, {
			itemIndex,
			description: 'Enter a JSON object such as {"auth_code": "..."}. Nothing was sent to the gateway for this item.',
		});
	}
	return value as IDataObject;
}

/** The options that shape the output, checked like the fields: a bad value stops the run before any call. */
function outcomeSettings(context: IExecuteFunctions, itemIndex: number, options: NodeOptions): { onNoData: OnNoData; mask: boolean } {
	const onNoData = options[ON_NO_DATA_OPTION] ?? ON_NO_DATA.outputItem;
	if (!ON_NO_DATA_VALUES.includes(onNoData as OnNoData)) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}, option 'On No Data': ${JSON.stringify(onNoData)} is not one of ${ON_NO_DATA_VALUES.join(', ')}`, {
			itemIndex,
			description: 'Pick a value from the list, or have the expression give one of these values. Nothing was sent to the gateway for this item.',
		});
	}
	const mask = options[MASK_OPTION] ?? false;
	if (typeof mask !== 'boolean') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}, option 'Mask Personal Data': ${JSON.stringify(mask)} is not true or false`, {
			itemIndex,
			description: 'Turn the option on or off, or have the expression give true or false. Nothing was sent to the gateway for this item.',
		});
	}
	return { onNoData: onNoData as OnNoData, mask };
}

/**
 * The credential's gateway profile, checked before anything is sent; the error to raise when it does
 * not pass. A credential that cannot be read is left to the first call, which reports it for its item.
 */
export async function loadProfile(context: IExecuteFunctions): Promise<ParsedProfile | NodeOperationError | undefined> {
	let data;
	try {
		data = (await credentialsFor(context)).data;
	} catch {
		return undefined;
	}
	const profile = profileOf(data);
	if (!(profile instanceof ProfileError)) return profile;
	return new NodeOperationError(context.getNode(), `The CBT API credential's ${profile.message}`, {
		description: `${profile.problems.length > 1 ? `All problems: ${profile.problems.join(' ')} ` : ''}Nothing was sent to the gateway. Fix the Gateway Profile in the credential (README: Matching your gateway's documentation).`,
	});
}

/** A catalog endpoint's request for one item: its fields read and checked, files left for later. */
function catalogRequest(context: IExecuteFunctions, endpoint: Endpoint, itemIndex: number, options: NodeOptions, profile: ParsedProfile | undefined): PreparedRequest {
	const contract = contractFor(endpoint, profile);
	const skipValidation = options.skipValidation === true;
	const body: IDataObject = {};
	const deferred: DeferredValue[] = [];
	for (const field of endpoint.fields) {
		if (contract.dropped.has(field.key)) continue;
		if (isDeferred(field)) {
			deferred.push({
				key: field.key,
				read: async () => await readField(context, itemIndex, field),
				check: (raw) => checkField(context, itemIndex, field, raw, skipValidation),
			});
			continue;
		}
		const raw = context.getNodeParameter(field.parameter ?? field.key, itemIndex, '', { extractValue: true });
		const value = checkField(context, itemIndex, field, raw, skipValidation);
		if (value !== undefined) body[field.key] = value as IDataObject[string];
	}
	return { endpoint, contract, path: options.path?.trim() || contract.path, body, deferred };
}

function prepare(context: IExecuteFunctions, spec: ExecutableNode, itemIndex: number, profile: ParsedProfile | undefined): PreparedItem {
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const options = context.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const own = spec.ownOperations?.[operation];
	const endpoint = own ? undefined : findEndpoint(spec.endpoints, operation);
	if (!own && !endpoint) {
		throw new NodeOperationError(context.getNode(), `Unknown operation "${operation}"`, { itemIndex });
	}
	const request = own ? own(context, itemIndex, options, profile) : catalogRequest(context, endpoint!, itemIndex, options, profile);
	return { ...request, options, extraBody: parseExtraBody(context, itemIndex, options.extraBody), ...outcomeSettings(context, itemIndex, options) };
}

/** An item's values once its files are open and checked; what remains is to call. */
interface LoadedItem {
	body: IDataObject;
	images: ImagePayload[];
}

function disposeImages(loaded: LoadedItem): void {
	// An image whose item was not sent still holds its file open.
	for (const image of loaded.images) image.dispose();
}

/** Reads and checks the fields that come from files. Nothing is sent here. */
async function load(prepared: PreparedItem): Promise<LoadedItem> {
	const loaded: LoadedItem = { body: { ...prepared.body }, images: [] };
	let checked = false;
	try {
		for (const value of prepared.deferred) {
			const raw = await value.read();
			// Taken before the check, so that an image the check refuses is still closed.
			loaded.images.push(...imagesIn(raw));
			const checkedValue = value.check(raw);
			if (checkedValue !== undefined) loaded.body[value.key] = checkedValue as IDataObject[string];
		}
		checked = true;
	} finally {
		if (!checked) disposeImages(loaded);
	}
	return loaded;
}

async function run(
	context: IExecuteFunctions,
	prepared: PreparedItem,
	loaded: LoadedItem,
	itemIndex: number,
	lane: number,
	settings: RunSettings,
	shapeOutput: ShapeOutput | undefined,
): Promise<IDataObject[]> {
	try {
		return await call(context, prepared, loaded, itemIndex, lane, settings, shapeOutput);
	} finally {
		disposeImages(loaded);
	}
}

async function call(
	context: IExecuteFunctions,
	prepared: PreparedItem,
	{ body, images }: LoadedItem,
	itemIndex: number,
	lane: number,
	settings: RunSettings,
	shapeOutput: ShapeOutput | undefined,
): Promise<IDataObject[]> {
	const { endpoint, contract, options, onNoData, mask, path, query } = prepared;
	// Checked and transformed under the catalog's keys, then put in the gateway's own terms.
	const sent = toWire(contract, endpoint.transformBody ? endpoint.transformBody(body, options) : body);
	Object.assign(sent, prepared.extraBody);
	// A body with an image is built once, into the lane's buffer, and those bytes are what is hashed,
	// signed and sent (by every retry too).
	const bodyBytes = images.length > 0 ? await encodeBody(sent, (settings.bodyBuffers[lane] ??= new BodyBuffer())) : undefined;
	const plan: CallPlan = {
		endpoint,
		contract,
		profile: settings.profile,
		options,
		request:
			contract.method === 'GET'
				? { method: 'GET', path, qs: { ...query, ...sent } }
				: { method: contract.method, path, body: bodyBytes ?? sent, ...(query && Object.keys(query).length > 0 ? { qs: query } : {}) },
		call: {
			timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000),
			retry: { ...DEFAULT_RETRY, maxRetries: settings.maxRetries },
			throttle: settings.throttle,
			codes: contract.codes,
		},
	};

	const key = settings.deduplicate ? requestKey(context, plan, itemIndex) : undefined;
	const earlier = key ? settings.shared.get(key) : undefined;
	let outcome: CallOutcome;
	if (earlier) {
		try {
			outcome = await earlier.outcome;
		} catch (error) {
			const cause = error as { message?: string; description?: string };
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: same request as item ${earlier.owner}, which failed: ${cause.message ?? ''}`, {
				itemIndex,
				description: `This item was not sent separately. ${cause.description ?? ''}`.trim(),
			});
		}
	} else {
		const pending = strategyFor(endpoint).call(context, plan, itemIndex);
		if (key) settings.shared.set(key, { owner: itemIndex, outcome: pending });
		outcome = await pending;
	}

	let records: IDataObject[];
	if (outcome.noData) {
		// "No data" is an answer: an item saying so, no item, or the gateway error, as the user chose.
		if (onNoData === ON_NO_DATA.raiseError) {
			if (!earlier) throw outcome.noData.error;
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: same request as item ${earlier.owner}: ${outcome.noData.error.message.replace(/^Item \d+: /, '')}`, {
				itemIndex,
				description: `This item was not sent separately. ${outcome.noData.error.description ?? ''}`.trim(),
			});
		}
		if (onNoData === ON_NO_DATA.outputNothing) return [];
		records = [noDataItem(outcome.noData.answer, contract.verdict !== undefined)];
	} else {
		const verdict = contract.verdict;
		const checked = verdict ? outcome.records.map((record) => withVerdict(record, verdict)) : outcome.records;
		const shaped = shapeOutput ? shapeOutput(checked, { endpoint, options, itemIndex }) : checked;
		records = mask ? shaped.map(maskRecord) : shaped;
	}
	if (options.includeMetadata) {
		const meta: IDataObject = { requestId: outcome.meta.requestId ?? null, billed: outcome.meta.billed ?? null };
		if (earlier) meta.sameRequestAsItem = earlier.owner;
		return records.map((record) => ({ ...record, _cbt: meta }));
	}
	return records;
}

/** Errors raised here are already n8n errors; anything else is wrapped so it names the item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex, message: `Item ${itemIndex}: ${(error as Error).message}` });
}

function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const err = error as { message?: string; description?: string };
	return {
		json: { error: err.message ?? String(error), ...(err.description ? { errorDetails: err.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs a catalog-driven node. Every item's parameters are checked before the first call, so that
 * a bad value in item 500 stops the run before items 0–499 are paid for. Files are read one item
 * ahead in each lane, and streamed into one reused body buffer per lane, so memory stays flat.
 * Calls run a few at a time; output order and pairing are those of the input. A "no data" answer is
 * an item like any other (On No Data), so each input item gives its items; only On No Data › Output
 * Nothing leaves an input item without one (the rest keep their pairedItem).
 */
export async function executeCatalogNode(
	context: IExecuteFunctions,
	spec: ExecutableNode,
	shapeOutput?: ShapeOutput,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const profile = await loadProfile(context);
	if (profile instanceof NodeOperationError) {
		if (!continueOnFail) throw forAgent(context, profile);
		return [items.map((_, itemIndex) => errorItem(profile, itemIndex))];
	}
	const prepared: Array<PreparedItem | Error> = items.map((_, itemIndex) => {
		try {
			return prepare(context, spec, itemIndex, profile);
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw forAgent(context, nodeError);
			return nodeError;
		}
	});

	const settings = runSettings(context, profile);
	const results: INodeExecutionData[][] = items.map(() => []);
	let stopped: { itemIndex: number; error: NodeApiError | NodeOperationError } | undefined;
	await runPool(
		items.length,
		settings,
		{
			load: async (itemIndex) => {
				const item = prepared[itemIndex];
				return item instanceof Error ? undefined : await load(item);
			},
			work: async (itemIndex, lane, loading) => {
				const item = prepared[itemIndex];
				if (item instanceof Error) {
					results[itemIndex] = [errorItem(item, itemIndex)];
					return;
				}
				try {
					const loaded = await loading;
					if (!loaded) return;
					const records = await run(context, item, loaded, itemIndex, lane, settings, shapeOutput);
					// Items that carried a file keep it, so it can be archived next to its result.
					const binary = item.deferred.length > 0 ? items[itemIndex].binary : undefined;
					results[itemIndex] = records.map((json) => ({ json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } }));
				} catch (error) {
					const nodeError = asNodeError(context, error, itemIndex);
					if (continueOnFail) {
						results[itemIndex] = [errorItem(nodeError, itemIndex)];
					} else if (!stopped || itemIndex < stopped.itemIndex) {
						stopped = { itemIndex, error: nodeError };
					}
				}
			},
			discard: (loaded) => loaded && disposeImages(loaded),
		},
		// Once an item has failed the run will stop, so no further item is sent (and paid for).
		() => stopped !== undefined,
	);
	if (stopped) throw forAgent(context, stopped.error);
	return [results.flat()];
}

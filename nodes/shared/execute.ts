import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, jsonParse } from 'n8n-workflow';

import type { Endpoint } from './catalog';
import type { CatalogNodeSpec } from './description';
import { strategyFor, type CallPlan, type NodeOptions } from './calls';
import { checkField, findEndpoint, isDeferred, readField } from './validate';

/** Everything about one item that can be known without reading files or calling the gateway. */
interface PreparedItem {
	endpoint: Endpoint;
	options: NodeOptions;
	body: IDataObject;
	extraBody: IDataObject;
}

export interface OutputContext {
	endpoint: Endpoint;
	options: NodeOptions;
	itemIndex: number;
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

function prepare(context: IExecuteFunctions, spec: CatalogNodeSpec, itemIndex: number): PreparedItem {
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const endpoint = findEndpoint(spec.endpoints, operation);
	if (!endpoint) {
		throw new NodeOperationError(context.getNode(), `Unknown operation "${operation}"`, { itemIndex });
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const body: IDataObject = {};
	for (const field of endpoint.fields) {
		if (isDeferred(field)) continue;
		const raw = context.getNodeParameter(field.parameter ?? field.key, itemIndex, '');
		const value = checkField(context, itemIndex, field, raw, options.skipValidation === true);
		if (value !== undefined) body[field.key] = value as IDataObject[string];
	}
	return { endpoint, options, body, extraBody: parseExtraBody(context, itemIndex, options.extraBody) };
}

async function run(
	context: IExecuteFunctions,
	prepared: PreparedItem,
	itemIndex: number,
	shapeOutput: ShapeOutput | undefined,
): Promise<IDataObject[]> {
	const { endpoint, options } = prepared;
	const body: IDataObject = { ...prepared.body };
	for (const field of endpoint.fields.filter(isDeferred)) {
		const raw = await readField(context, itemIndex, field);
		const value = checkField(context, itemIndex, field, raw, options.skipValidation === true);
		if (value !== undefined) body[field.key] = value as IDataObject[string];
	}
	const sent = endpoint.transformBody ? endpoint.transformBody(body, options) : body;
	Object.assign(sent, prepared.extraBody);
	const path = options.path?.trim() || endpoint.path;
	const plan: CallPlan = {
		endpoint,
		options,
		request: endpoint.method === 'GET' ? { method: 'GET', path, qs: sent } : { method: endpoint.method, path, body: sent },
		timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000),
	};
	const outcome = await strategyFor(endpoint)(context, plan, itemIndex);
	const records = shapeOutput ? shapeOutput(outcome.records, { endpoint, options, itemIndex }) : outcome.records;
	if (options.includeMetadata) {
		const meta: IDataObject = { requestId: outcome.meta.requestId ?? null, billed: outcome.meta.billed ?? null };
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
 * a bad value in item 500 stops the run before items 0–499 are paid for; files are read only when
 * their item's turn comes.
 */
export async function executeCatalogNode(
	context: IExecuteFunctions,
	spec: CatalogNodeSpec,
	shapeOutput?: ShapeOutput,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const prepared: Array<PreparedItem | Error> = items.map((_, itemIndex) => {
		try {
			return prepare(context, spec, itemIndex);
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			return nodeError;
		}
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = prepared[itemIndex];
		if (item instanceof Error) {
			output.push(errorItem(item, itemIndex));
			continue;
		}
		try {
			const records = await run(context, item, itemIndex, shapeOutput);
			// Items that carried a file keep it, so it can be archived next to its result.
			const binary = item.endpoint.fields.some(isDeferred) ? items[itemIndex].binary : undefined;
			for (const json of records) output.push({ json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push(errorItem(nodeError, itemIndex));
		}
	}
	return [output];
}

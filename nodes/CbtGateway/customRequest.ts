import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, jsonParse } from 'n8n-workflow';

import { asRecord } from '../shared/execution/calls/single';
import type { NodeOptions } from '../shared/execution/calls';
import { binaryPayload } from '../shared/fields/imageSource';
import type { ImagePayload } from '../shared/fields/imagePayload';
import { encodeBody } from '../shared/transport/body';
import { loadProfile } from '../shared/execution/executor';
import { forAgent } from '../shared/execution/toolErrors';
import { codeBook } from '../shared/profile';
import { callGateway, type GatewayRequest } from '../shared/transport/request';

/*
 * Custom Request: a signed call to any gateway path, for endpoints the nodes do not model (or whose
 * real paths and keys differ from our guesses). It is not a catalog endpoint: nothing is known about
 * its parameters, so it checks only the request's shape, before any call.
 */

export const CUSTOM_REQUEST = 'customRequest';

const show = { show: { operation: [CUSTOM_REQUEST] } };

export const CUSTOM_REQUEST_OPTION = {
	name: 'Custom Request',
	value: CUSTOM_REQUEST,
	action: 'Send a signed request to any gateway path',
	description: 'Any path and JSON body, signed by the credential. Each call may be billed.',
};

export const CUSTOM_REQUEST_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'customMethod',
		type: 'options',
		default: 'POST',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
		displayOptions: show,
	},
	{
		displayName: 'Path',
		name: 'customPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/apis/tt/gw/ocr/v1/invoice',
		description: 'The path on the gateway; the credential adds its Base URL and signs the request',
		displayOptions: show,
	},
	{
		displayName: 'Query Parameters',
		name: 'customQuery',
		type: 'json',
		default: '{}',
		description: 'A JSON object sent as the query string',
		displayOptions: show,
	},
	{
		displayName: 'Body',
		name: 'customBody',
		type: 'json',
		default: '{}',
		description: 'The JSON object sent as the request body',
		displayOptions: { show: { operation: [CUSTOM_REQUEST], customMethod: ['POST'] } },
	},
	{
		displayName: 'Binary Fields as Base64',
		name: 'customFiles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add File',
		description: 'Files from the input item added to the body as base64 text, as the gateway takes images',
		displayOptions: { show: { operation: [CUSTOM_REQUEST], customMethod: ['POST'] } },
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'Body Key',
						name: 'bodyKey',
						type: 'string',
						default: 'image',
						description: 'The key in the body that receives the base64 text',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field containing the file to be sent',
					},
				],
			},
		],
	},
];

interface PreparedRequest {
	request: GatewayRequest & { body?: IDataObject };
	files: Array<{ bodyKey: string; binaryPropertyName: string }>;
	options: NodeOptions;
}

function parameterError(context: IExecuteFunctions, itemIndex: number, label: string, problem: string) {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}, field '${label}': ${problem}`, {
		itemIndex,
		description: 'Nothing was sent to the gateway for this item, so it was not billed.',
	});
}

function jsonObject(context: IExecuteFunctions, itemIndex: number, name: string, label: string): IDataObject {
	const raw = context.getNodeParameter(name, itemIndex, '{}') as unknown;
	if (raw === undefined || raw === null || raw === '') return {};
	const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw parameterError(context, itemIndex, label, 'is not a JSON object; enter an object such as {"name": "张三"}');
	}
	return value as IDataObject;
}

/**
 * As an AI agent tool, a billed call goes only to a path the user fixed: a Path filled by an
 * expression (such as $fromAI) would let the model send paid calls anywhere.
 */
function checkToolPath(context: IExecuteFunctions, itemIndex: number) {
	const node = context.getNode();
	const raw = node.parameters.customPath;
	if (node.type.endsWith('Tool') && typeof raw === 'string' && raw.startsWith('=')) {
		throw parameterError(context, itemIndex, 'Path', 'is an expression; as an AI agent tool, Custom Request only calls a fixed Path that you enter');
	}
}

function prepare(context: IExecuteFunctions, itemIndex: number, item: INodeExecutionData): PreparedRequest {
	checkToolPath(context, itemIndex);
	const method = context.getNodeParameter('customMethod', itemIndex, 'POST') as 'GET' | 'POST';
	const path = String(context.getNodeParameter('customPath', itemIndex, '') ?? '').trim();
	if (path === '') throw parameterError(context, itemIndex, 'Path', 'is empty; enter a gateway path such as /apis/tt/gw/ocr/v1/invoice');
	if (/^[a-z]+:\/\//i.test(path)) {
		throw parameterError(context, itemIndex, 'Path', 'is a full URL; enter only the path, the Base URL comes from the credential');
	}
	if (!path.startsWith('/')) throw parameterError(context, itemIndex, 'Path', `must start with "/" (for example /${path})`);
	const qs = jsonObject(context, itemIndex, 'customQuery', 'Query Parameters');
	const options = context.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	if (method === 'GET') return { request: { method, path, qs }, files: [], options };

	const body = jsonObject(context, itemIndex, 'customBody', 'Body');
	const files = ((context.getNodeParameter('customFiles', itemIndex, {}) as { file?: PreparedRequest['files'] }).file ?? []).map(
		(file) => ({ bodyKey: file.bodyKey.trim(), binaryPropertyName: file.binaryPropertyName.trim() }),
	);
	for (const file of files) {
		if (file.bodyKey === '') throw parameterError(context, itemIndex, 'Body Key', 'is empty; enter the body key that takes the file');
		if (!item.binary?.[file.binaryPropertyName]) {
			throw parameterError(context, itemIndex, 'Input Binary Field', `the item has no binary field "${file.binaryPropertyName}"`);
		}
	}
	return { request: { method, path, body, ...(Object.keys(qs).length ? { qs } : {}) }, files, options };
}

async function run(context: IExecuteFunctions, itemIndex: number, prepared: PreparedRequest): Promise<IDataObject> {
	const { files, options } = prepared;
	const body: IDataObject | undefined = prepared.request.body ? { ...prepared.request.body } : undefined;
	const payloads: ImagePayload[] = [];
	let request: GatewayRequest;
	try {
		for (const file of files) {
			const payload = await binaryPayload(context, itemIndex, file.binaryPropertyName);
			payloads.push(payload);
			if (payload.size === 0) {
				throw parameterError(context, itemIndex, 'Input Binary Field', `file in "${file.binaryPropertyName}" is empty (0 bytes)`);
			}
			body![file.bodyKey] = payload as unknown as IDataObject[string];
		}
		// Files go in as base64, written straight into the body's bytes.
		request = { ...prepared.request, body: payloads.length > 0 && body ? await encodeBody(body) : body };
	} finally {
		for (const payload of payloads) payload.dispose();
	}
	const profile = await loadProfile(context);
	if (profile instanceof NodeOperationError) throw profile;
	const { data, meta } = await callGateway(context, request, itemIndex, {
		timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000),
		// Not a catalog endpoint: only the profile's codes for every endpoint apply.
		codes: codeBook(profile),
	});
	const record = asRecord(data);
	return options.includeMetadata ? { ...record, _cbt: { requestId: meta.requestId ?? null, billed: meta.billed ?? null } } : record;
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex, message: `Item ${itemIndex}: ${(error as Error).message}` });
}

/** Runs Custom Request for every item, one call at a time; every item is checked before the first call. */
export async function executeCustomRequest(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const prepared = items.map((item, itemIndex) => {
		try {
			return prepare(context, itemIndex, item);
		} catch (error) {
			if (!continueOnFail) throw forAgent(context, asNodeError(context, error, itemIndex));
			return asNodeError(context, error, itemIndex);
		}
	});
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, item] of prepared.entries()) {
		try {
			if (item instanceof Error) throw item;
			const json = await run(context, itemIndex, item);
			const binary = item.files.length ? items[itemIndex].binary : undefined;
			output.push({ json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw forAgent(context, nodeError);
			output.push({
				json: { error: nodeError.message, ...(nodeError.description ? { errorDetails: nodeError.description } : {}) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}

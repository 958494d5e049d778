import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import type { Endpoint } from '../shared/catalog';
import type { NodeOptions } from '../shared/execution/calls';
import type { DeferredValue, OwnOperation } from '../shared/execution/executor';
import { binaryPayload } from '../shared/fields/imageSource';
import type { ImagePayload } from '../shared/fields/imagePayload';
import { codeBook, type Contract } from '../shared/profile';

/*
 * Custom Request: a signed call to any gateway path, for endpoints the nodes do not model (or whose
 * real paths and keys differ from our guesses). It is not a catalog endpoint: nothing is known about
 * its parameters, so it checks only the request's shape, before any call. It then runs through the
 * shared executor like every operation, so all of its options work (concurrency, retries,
 * deduplication, Extra Body Fields, metadata, timeout).
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

function readPath(context: IExecuteFunctions, itemIndex: number): string {
	const path = String(context.getNodeParameter('customPath', itemIndex, '') ?? '').trim();
	if (path === '') throw parameterError(context, itemIndex, 'Path', 'is empty; enter a gateway path such as /apis/tt/gw/ocr/v1/invoice');
	if (/^[a-z]+:\/\//i.test(path)) {
		throw parameterError(context, itemIndex, 'Path', 'is a full URL; enter only the path, the Base URL comes from the credential');
	}
	if (!path.startsWith('/')) throw parameterError(context, itemIndex, 'Path', `must start with "/" (for example /${path})`);
	return path;
}

/** The item's files, checked for presence now and read (as base64 into the body) when its turn comes. */
function files(context: IExecuteFunctions, itemIndex: number): DeferredValue[] {
	const entries = (context.getNodeParameter('customFiles', itemIndex, {}) as { file?: Array<{ bodyKey: string; binaryPropertyName: string }> }).file ?? [];
	const binary = context.getInputData()[itemIndex]?.binary;
	return entries.map((entry) => {
		const key = entry.bodyKey.trim();
		const field = entry.binaryPropertyName.trim();
		if (key === '') throw parameterError(context, itemIndex, 'Body Key', 'is empty; enter the body key that takes the file');
		if (!binary?.[field]) throw parameterError(context, itemIndex, 'Input Binary Field', `the item has no binary field "${field}"`);
		return {
			key,
			read: async () => await binaryPayload(context, itemIndex, field),
			check: (payload) => {
				if ((payload as ImagePayload).size === 0) throw parameterError(context, itemIndex, 'Input Binary Field', `file in "${field}" is empty (0 bytes)`);
				return payload;
			},
		};
	});
}

/** Custom Request as an operation of the executor: the request from this item's parameters. */
export const customRequest: OwnOperation = (context, itemIndex, _options: NodeOptions, profile) => {
	checkToolPath(context, itemIndex);
	const method = context.getNodeParameter('customMethod', itemIndex, 'POST') as 'GET' | 'POST';
	const path = readPath(context, itemIndex);
	const query = jsonObject(context, itemIndex, 'customQuery', 'Query Parameters');
	const endpoint: Endpoint = {
		category: 'MISC',
		operation: CUSTOM_REQUEST,
		name: CUSTOM_REQUEST_OPTION.name,
		chineseName: '自定义请求',
		action: CUSTOM_REQUEST_OPTION.action,
		method,
		path,
		pathConfirmed: false,
		fields: [],
		output: { kind: 'object' },
	};
	// Not a catalog endpoint: keys go as written, and only the profile's codes for every endpoint apply.
	const contract: Contract = { endpoint, method, path, dropped: new Set(), renamed: new Map(), constants: {}, codes: codeBook(profile) };
	if (method === 'GET') return { endpoint, contract, path, body: {}, query, deferred: [] };
	const body = jsonObject(context, itemIndex, 'customBody', 'Body');
	return { endpoint, contract, path, body, query, deferred: files(context, itemIndex) };
};

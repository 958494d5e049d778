import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ImageBytes, READ_CHUNK_BYTES, StoredImage, type ImagePayload } from './imagePayload';
import { imageProblem, type ImageInput, type ImageLimits, type ImageSource } from './imageCheck';

/** The sibling parameters that say where an image field's image comes from. */
export const IMAGE_SOURCE_PARAMETERS = {
	source: { name: 'imageSource', displayName: 'Image Source' },
	url: { name: 'imageUrl', displayName: 'Image URL' },
	base64: { name: 'imageBase64', displayName: 'Image (Base64)' },
} as const;

const NOT_SENT = 'Nothing was sent to the gateway for this item, so it was not billed.';

function sourceError(context: IExecuteFunctions, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}, field '${field}': ${problem}`, { itemIndex, description: NOT_SENT });
}

function sourceOf(context: IExecuteFunctions, itemIndex: number): ImageSource {
	// Nodes without the Image Source parameter (face photos in the GA node) read binary files only.
	const source = context.getNodeParameter(IMAGE_SOURCE_PARAMETERS.source.name, itemIndex, 'binary') as ImageSource;
	return source === 'url' || source === 'base64' ? source : 'binary';
}

// ---- binary ----

function binaryFieldName(context: IExecuteFunctions, itemIndex: number, parameterName: string): string {
	const name = String(context.getNodeParameter(parameterName, itemIndex, '')).trim();
	if (!context.getInputData()[itemIndex]?.binary?.[name]) {
		const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		const found = present.length ? `it has ${present.map((key) => `"${key}"`).join(', ')}` : 'it has no binary data at all';
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: there is no binary field "${name}" (${found})`, {
			itemIndex,
			description: `Set the binary field name to the one holding the image, or change ${IMAGE_SOURCE_PARAMETERS.source.displayName}. ${NOT_SENT}`,
		});
	}
	return name;
}

/**
 * n8n keeps large files in its binary store (on disk, in a database or object storage); those are
 * streamed into the request body when it is written, so the file is never held whole in memory.
 */
export async function binaryPayload(context: IExecuteFunctions, itemIndex: number, name: string): Promise<ImagePayload> {
	const binary = context.getInputData()[itemIndex].binary?.[name];
	if (binary?.id) {
		const size = typeof binary.bytes === 'number' ? binary.bytes : (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
		// Chunks no larger than the file: a small one is read whole in one go.
		const chunk = Math.min(Math.max(size, 1), READ_CHUNK_BYTES);
		return await StoredImage.open(await context.helpers.getBinaryStream(binary.id, chunk), size);
	}
	return new ImageBytes(await context.helpers.getBinaryDataBuffer(itemIndex, name));
}

async function fromBinary(context: IExecuteFunctions, itemIndex: number, parameterName: string, limits: ImageLimits): Promise<ImageInput> {
	const name = binaryFieldName(context, itemIndex, parameterName);
	const metadata = context.getInputData()[itemIndex].binary?.[name];
	return { image: await binaryPayload(context, itemIndex, name), label: `file "${metadata?.fileName ?? name}"`, source: 'binary', ...limits };
}

// ---- URL ----

function imageUrl(context: IExecuteFunctions, itemIndex: number): URL {
	const field = IMAGE_SOURCE_PARAMETERS.url.displayName;
	const raw = context.getNodeParameter(IMAGE_SOURCE_PARAMETERS.url.name, itemIndex, '');
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') throw sourceError(context, itemIndex, field, 'is empty; enter the address of the image');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw sourceError(context, itemIndex, field, `"${text.slice(0, 80)}" is not a URL; enter a full address such as https://example.com/invoice.jpg`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw sourceError(context, itemIndex, field, `only http and https addresses can be downloaded, not ${url.protocol}`);
	}
	return url;
}

/**
 * Why a download failed, in words. n8n replaces a whole error message that mentions a system
 * error code (ECONNREFUSED, …) with a generic sentence, which would lose the item and the URL.
 */
const DOWNLOAD_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the server refused the connection',
	ECONNRESET: 'the server closed the connection',
	ENOTFOUND: 'the host name could not be found',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'the download timed out',
	ECONNABORTED: 'the download timed out',
	EHOSTUNREACH: 'the host cannot be reached',
	CERT_HAS_EXPIRED: 'the server’s TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s TLS certificate is self-signed',
};

function downloadFailure(error: unknown): string {
	const { code, message } = error as { code?: string; message?: string };
	if (code && DOWNLOAD_FAILURES[code]) return DOWNLOAD_FAILURES[code];
	if (message && /timeout/i.test(message)) return 'the download timed out';
	return (message ?? 'the request failed').replace(/\b(E[A-Z_]{3,}|GETADDRINFO)\b/g, 'network error');
}

/** The URL without its query, which often carries an access token that must not land in error logs. */
function shownUrl(url: URL): string {
	return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

async function fromUrl(context: IExecuteFunctions, itemIndex: number, limits: ImageLimits): Promise<ImageInput> {
	const field = IMAGE_SOURCE_PARAMETERS.url.displayName;
	const url = imageUrl(context, itemIndex);
	const label = `the image at "${shownUrl(url)}"`;
	const options = context.getNodeParameter('options', itemIndex, {}) as { timeoutSeconds?: number };
	let response: { body: unknown; statusCode: number; statusMessage?: string };
	try {
		// A plain download: the image host is not the gateway, so no CBT credential goes with it.
		response = (await context.helpers.httpRequest({
			method: 'GET',
			url: url.href,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: Math.round((options.timeoutSeconds ?? 30) * 1000),
		})) as typeof response;
	} catch (error) {
		throw sourceError(context, itemIndex, field, `could not download ${label}: ${downloadFailure(error)}`);
	}
	if (response.statusCode >= 400) {
		const status = `HTTP ${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
		throw sourceError(context, itemIndex, field, `could not download ${label}: the server answered ${status}`);
	}
	const body = response.body;
	const bytes = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: Buffer.from(typeof body === 'string' ? body : '');
	const input: ImageInput = { image: new ImageBytes(bytes), label, source: 'url', ...limits };
	const problem = imageProblem(input);
	if (problem) throw sourceError(context, itemIndex, field, problem);
	return input;
}

// ---- base64 ----

/** Bytes from base64 text (a data: URL prefix and line breaks allowed), or what is wrong with it. */
export function decodeBase64Text(raw: string): { bytes: Buffer } | { problem: string } {
	let text = raw.trim();
	const dataUrl = /^data:([^,]*),/i.exec(text);
	if (dataUrl) {
		if (!/;base64$/i.test(dataUrl[1])) return { problem: 'is a data: URL that is not base64-encoded; give the image as base64' };
		text = text.slice(dataUrl[0].length);
	}
	text = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
	if (text === '') return { problem: 'is empty; check the expression that gives the text' };
	const bad = /[^A-Za-z0-9+/=]/.exec(text);
	if (bad) return { problem: `is not base64 (it has "${bad[0]}" at position ${bad.index + 1}); give the image's bytes encoded as base64` };
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) {
		return { problem: 'is not complete base64 (its length or padding is wrong); check that it was not cut off' };
	}
	return { bytes: Buffer.from(text, 'base64') };
}

function fromBase64(context: IExecuteFunctions, itemIndex: number, limits: ImageLimits): ImageInput {
	const field = IMAGE_SOURCE_PARAMETERS.base64.displayName;
	const raw = context.getNodeParameter(IMAGE_SOURCE_PARAMETERS.base64.name, itemIndex, '');
	if (typeof raw !== 'string') throw sourceError(context, itemIndex, field, `is ${raw === null ? 'null' : typeof raw}, not base64 text`);
	const decoded = decodeBase64Text(raw);
	if ('problem' in decoded) throw sourceError(context, itemIndex, field, `the base64 text ${decoded.problem}`);
	const input: ImageInput = { image: new ImageBytes(decoded.bytes), label: 'the base64 text', source: 'base64', ...limits };
	const problem = imageProblem(input);
	if (problem) throw sourceError(context, itemIndex, field, problem);
	return input;
}

/** Reads an image field's image from the source the node's Image Source parameter names. */
export async function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	limits: ImageLimits,
): Promise<ImageInput> {
	switch (sourceOf(context, itemIndex)) {
		case 'url':
			return await fromUrl(context, itemIndex, limits);
		case 'base64':
			return fromBase64(context, itemIndex, limits);
		default:
			return await fromBinary(context, itemIndex, parameterName, limits);
	}
}

/**
 * The checks that need no download and no file read: a missing binary field, a malformed URL,
 * bad base64. Run for every item before the first call, so a typo in item 500 stops the run
 * before items 0–499 are paid for.
 */
export function precheckImage(context: IExecuteFunctions, itemIndex: number, parameterName: string, limits: ImageLimits): void {
	switch (sourceOf(context, itemIndex)) {
		case 'url':
			imageUrl(context, itemIndex);
			return;
		case 'base64':
			fromBase64(context, itemIndex, limits);
			return;
		default:
			binaryFieldName(context, itemIndex, parameterName);
	}
}

/** The Image Source, Image URL and Image (Base64) parameters, shown where `show` says. */
export function imageSourceProperties(show: NonNullable<INodeProperties['displayOptions']>['show'] = {}): INodeProperties[] {
	const { source, url, base64 } = IMAGE_SOURCE_PARAMETERS;
	const sourceProperty: INodeProperties = {
		displayName: source.displayName,
		name: source.name,
		type: 'options',
		noDataExpression: true,
		default: 'binary',
		displayOptions: { show: { ...show }, hide: { '@tool': [true] } },
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A file in a binary field of the input item' },
			{ name: 'URL', value: 'url', description: 'An image downloaded from a web address' },
			{ name: 'Base64 Text', value: 'base64', description: 'Base64 text, with or without a data: URL prefix' },
		],
	};
	return [
		sourceProperty,
		// As an AI agent tool the image comes from the model's call, which cannot carry a file: a URL by default.
		{ ...sourceProperty, default: 'url', displayOptions: { show: { ...show, '@tool': [true] } } },
		{
			displayName: url.displayName,
			name: url.name,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/invoice.jpg',
			description: 'The address of a JPG, PNG or BMP image. It is downloaded without credentials and checked before the gateway is called.',
			displayOptions: { show: { ...show, [source.name]: ['url'] } },
		},
		{
			displayName: base64.displayName,
			name: base64.name,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'iVBORw0KGgo…',
			description: 'The image as base64 text. A data:image/…;base64, prefix and line breaks are removed.',
			displayOptions: { show: { ...show, [source.name]: ['base64'] } },
		},
	];
}

/**
 * Adds the Image Source parameters to a node's properties, just before the binary field
 * parameter, which is then shown only for the Binary File source.
 */
export function withImageSources(properties: INodeProperties[], binaryParameterName: string): INodeProperties[] {
	const index = properties.findIndex((property) => property.name === binaryParameterName);
	if (index === -1) return properties;
	const binaryProperty = properties[index];
	const operations = binaryProperty.displayOptions?.show ?? {};
	const shown = { ...operations, [IMAGE_SOURCE_PARAMETERS.source.name]: ['binary'] };
	return [
		...properties.slice(0, index),
		...imageSourceProperties(operations),
		{ ...binaryProperty, displayOptions: { ...binaryProperty.displayOptions, show: shown } },
		...properties.slice(index + 1),
	];
}

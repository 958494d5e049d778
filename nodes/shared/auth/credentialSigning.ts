import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	DEFAULT_SIGNATURE,
	signatureHeaders,
	type SignatureAlgorithm,
	type SignatureEncoding,
	type SignatureSettings,
	type SignatureString,
	type TimestampUnit,
} from './signing';
import { clock } from '../transport/clock';

export interface CbtCredentials {
	appKey: string;
	appSecret: string;
	baseUrl: string;
	signature: SignatureSettings;
}

export const DEFAULT_BASE_URL = 'https://gw.datapis.com';

export function readCredentials(raw: ICredentialDataDecryptedObject): CbtCredentials {
	const text = (key: string, fallback = '') => (typeof raw[key] === 'string' ? (raw[key] as string) : fallback);
	return {
		appKey: text('appKey').trim(),
		appSecret: text('appSecret'),
		baseUrl: (text('baseUrl') || DEFAULT_BASE_URL).trim().replace(/\/+$/, ''),
		signature: {
			algorithm: text('signatureAlgorithm', DEFAULT_SIGNATURE.algorithm) as SignatureAlgorithm,
			stringToSign: text('stringToSign', DEFAULT_SIGNATURE.stringToSign) as SignatureString,
			template: text('signatureTemplate') || undefined,
			encoding: text('signatureEncoding', DEFAULT_SIGNATURE.encoding) as SignatureEncoding,
			timestampUnit: text('timestampUnit', DEFAULT_SIGNATURE.timestampUnit) as TimestampUnit,
		},
	};
}

/**
 * The body exactly as it goes on the wire: serialised once here, signed, and sent as these bytes.
 * A Buffer (the nodes send one) is signed as it is, never turned into a string.
 */
export function serialiseBody(body: IHttpRequestOptions['body']): string | Buffer | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	if (typeof body === 'object' && !(body instanceof URLSearchParams) && typeof (body as { getHeaders?: unknown }).getHeaders !== 'function') {
		return JSON.stringify(body);
	}
	return undefined;
}

function isAbsolute(url: string): boolean {
	return /^https?:\/\//i.test(url);
}

/**
 * Applies the CBT signature to a request. Nodes pass a path as `url`; the base URL comes from the
 * credential so that the same request works against the gateway and the sandbox. Requests made in
 * n8n's HTTP Request node carry a full URL and keep it.
 */
export function signRequest(
	raw: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	nowMs: number = clock.now(),
): IHttpRequestOptions {
	const credentials = readCredentials(raw);
	const signed: IHttpRequestOptions = { ...requestOptions };
	if (!isAbsolute(signed.url) && !signed.baseURL) signed.baseURL = credentials.baseUrl;
	const target = new URL(signed.url, signed.baseURL ?? credentials.baseUrl);

	const method = (signed.method ?? 'GET').toUpperCase();
	const body = serialiseBody(signed.body);
	const headers: Record<string, unknown> = { ...(signed.headers ?? {}) };
	if (typeof body === 'string' && typeof signed.body === 'object') {
		// Sent as the very bytes that were signed. A Buffer also spares axios from parsing a JSON string
		// again just to check it, which for a 4 MB image costs more than the signing itself.
		signed.body = Buffer.from(body, 'utf8');
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
	}

	Object.assign(
		headers,
		signatureHeaders(
			credentials.signature,
			{
				appKey: credentials.appKey,
				appSecret: credentials.appSecret,
				method,
				path: target.pathname,
				body: body ?? '',
			},
			nowMs,
		),
	);
	signed.headers = headers as IHttpRequestOptions['headers'];
	return signed;
}

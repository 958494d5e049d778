import { createHash, createHmac } from 'node:crypto';

/**
 * Request signing for the CBT gateway.
 *
 * The gateway documents the three headers but not how the signature is computed, so everything here
 * is a configurable choice (see README, "What is confirmed and what is assumed"). Every preset is a
 * template over the same tokens, so a user holding the gateway's signing document can express it
 * without code changes.
 */

export type SignatureAlgorithm = 'md5' | 'sha256' | 'sm3' | 'hmacSha256' | 'hmacSm3';
export type SignatureString = 'standard' | 'standardWithBody' | 'custom';
export type SignatureEncoding = 'hexLower' | 'hexUpper' | 'base64';
export type TimestampUnit = 'seconds' | 'milliseconds';

export interface SignatureSettings {
	algorithm: SignatureAlgorithm;
	stringToSign: SignatureString;
	/** Used when stringToSign is 'custom'. Tokens: {appKey} {appSecret} {timestamp} {method} {path} {body} */
	template?: string;
	encoding: SignatureEncoding;
	timestampUnit: TimestampUnit;
}

export const DEFAULT_SIGNATURE: SignatureSettings = {
	algorithm: 'md5',
	stringToSign: 'standard',
	encoding: 'hexLower',
	timestampUnit: 'seconds',
};

export interface SignatureInput {
	appKey: string;
	appSecret: string;
	timestamp: string;
	method: string;
	/** Path without host or query, e.g. /apis/tt/gw/ocr/v1/invoice */
	path: string;
	/** The exact request body bytes as sent ('' when there is none). */
	body: string | Buffer;
}

const HMAC_ALGORITHMS: ReadonlySet<SignatureAlgorithm> = new Set(['hmacSha256', 'hmacSm3']);

export function isHmac(algorithm: SignatureAlgorithm): boolean {
	return HMAC_ALGORITHMS.has(algorithm);
}

/**
 * The template each preset stands for. With HMAC the secret is the key, so it is not repeated in
 * the signed string.
 */
export function templateFor(settings: SignatureSettings): string {
	if (settings.stringToSign === 'custom') {
		if (!settings.template) throw new Error('A custom signature needs a template');
		return settings.template;
	}
	const withBody = settings.stringToSign === 'standardWithBody';
	const secret = isHmac(settings.algorithm) ? '' : '{appSecret}';
	return `{appKey}{timestamp}${withBody ? '{body}' : ''}${secret}`;
}

const TOKEN = /\{(appKey|appSecret|timestamp|method|path|body)\}/g;

/** The string to sign, with the tokens filled in, as pieces; the body stays a Buffer if it is one. */
function piecesToSign(settings: SignatureSettings, input: SignatureInput): Array<string | Buffer> {
	const pieces: Array<string | Buffer> = [];
	let last = 0;
	const template = templateFor(settings);
	for (const match of template.matchAll(TOKEN)) {
		pieces.push(template.slice(last, match.index));
		const token = match[1] as keyof SignatureInput;
		pieces.push(token === 'method' ? input.method.toUpperCase() : input[token]);
		last = match.index + match[0].length;
	}
	pieces.push(template.slice(last));
	return pieces;
}

export function stringToSign(settings: SignatureSettings, input: SignatureInput): string {
	return piecesToSign(settings, input)
		.map((piece) => (typeof piece === 'string' ? piece : piece.toString('utf8')))
		.join('');
}

/**
 * Feeds the pieces to the hash one by one: the digest is that of the joined string, but a 5 MB image
 * body is never copied into one.
 */
function digest(algorithm: SignatureAlgorithm, secret: string, pieces: Array<string | Buffer>): Buffer {
	const hash = (() => {
		switch (algorithm) {
			case 'md5':
				return createHash('md5');
			case 'sha256':
				return createHash('sha256');
			case 'sm3':
				return createHash('sm3');
			case 'hmacSha256':
				return createHmac('sha256', secret);
			case 'hmacSm3':
				return createHmac('sm3', secret);
		}
	})();
	for (const piece of pieces) {
		if (typeof piece === 'string') hash.update(piece, 'utf8');
		else hash.update(piece);
	}
	return hash.digest();
}

function encode(bytes: Buffer, encoding: SignatureEncoding): string {
	if (encoding === 'base64') return bytes.toString('base64');
	const hex = bytes.toString('hex');
	return encoding === 'hexUpper' ? hex.toUpperCase() : hex;
}

export function computeSignature(settings: SignatureSettings, input: SignatureInput): string {
	return encode(digest(settings.algorithm, input.appSecret, piecesToSign(settings, input)), settings.encoding);
}

export function makeTimestamp(unit: TimestampUnit, nowMs: number = Date.now()): string {
	return String(unit === 'milliseconds' ? nowMs : Math.floor(nowMs / 1000));
}

export const HEADER_APP_KEY = 'X-CBT-APPKEY';
export const HEADER_TIMESTAMP = 'X-CBT-TIMESTAMP';
export const HEADER_SIGNATURE = 'X-CBT-SIGNATURE';

export function signatureHeaders(
	settings: SignatureSettings,
	input: Omit<SignatureInput, 'timestamp'>,
	nowMs: number = Date.now(),
): Record<string, string> {
	const timestamp = makeTimestamp(settings.timestampUnit, nowMs);
	return {
		[HEADER_APP_KEY]: input.appKey,
		[HEADER_TIMESTAMP]: timestamp,
		[HEADER_SIGNATURE]: computeSignature(settings, { ...input, timestamp }),
	};
}

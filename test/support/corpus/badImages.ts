import { makePng } from '../images';

/**
 * Images as they arrive from mailboxes, web forms and download steps: empty files, files over the
 * size limit, HTML error pages saved as ".png", GIFs and PDFs where only JPG/PNG/BMP are taken, and
 * base64 text with data: prefixes, line breaks, the URL-safe alphabet or garbage. Sizes are relative
 * to the node's default limit of 4 MB.
 */

export const LIMIT_BYTES = 4 * 1024 * 1024;

export interface ImageCase {
	family: string;
	/** Binary source: the file; base64 and URL sources: the text or URL path (see `via`). */
	bytes?: Buffer;
	mimeType?: string;
	text?: unknown;
	/** The bytes the gateway must receive (base64-encoded), or 'reject'. */
	expect: Buffer | 'reject';
}

const PNG = makePng(16, 16, 3);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000', 'latin1'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
const BMP = Buffer.concat([Buffer.from('BM', 'latin1'), Buffer.alloc(60, 2)]);
const HTML = Buffer.from('<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>');
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32, 0)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
const JSON_TEXT = Buffer.from('{"error":"not found"}');
/** A PNG header followed by padding: over the limit without compressing megabytes of noise. */
const padded = (bytes: number) => Buffer.concat([PNG, Buffer.alloc(bytes - PNG.length, 0)]);

export const OVERSIZE = padded(LIMIT_BYTES + 1);
export const AT_LIMIT = padded(LIMIT_BYTES);

export function binaryImageCases(): ImageCase[] {
	return [
		{ family: 'valid PNG', bytes: PNG, mimeType: 'image/png', expect: PNG },
		{ family: 'valid JPG', bytes: JPEG, mimeType: 'image/jpeg', expect: JPEG },
		{ family: 'valid BMP', bytes: BMP, mimeType: 'image/bmp', expect: BMP },
		{ family: 'PNG saved with the wrong MIME type', bytes: PNG, mimeType: 'application/octet-stream', expect: PNG },
		{ family: 'exactly at the size limit', bytes: AT_LIMIT, mimeType: 'image/png', expect: AT_LIMIT },
		{ family: 'one byte over the size limit', bytes: OVERSIZE, mimeType: 'image/png', expect: 'reject' },
		{ family: 'zero-byte file', bytes: Buffer.alloc(0), mimeType: 'image/png', expect: 'reject' },
		{ family: 'HTML page saved as an image', bytes: HTML, mimeType: 'image/png', expect: 'reject' },
		{ family: 'GIF', bytes: GIF, mimeType: 'image/gif', expect: 'reject' },
		{ family: 'PDF where images are expected', bytes: PDF, mimeType: 'application/pdf', expect: 'reject' },
		{ family: 'SVG', bytes: SVG, mimeType: 'image/svg+xml', expect: 'reject' },
		{ family: 'JSON error body saved as an image', bytes: JSON_TEXT, mimeType: 'image/png', expect: 'reject' },
		{ family: 'truncated PNG header', bytes: PNG.subarray(0, 4), mimeType: 'image/png', expect: 'reject' },
		{ family: 'no binary field at all', expect: 'reject' },
	];
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

export function base64ImageCases(): ImageCase[] {
	const lines = b64(PNG).replace(/(.{76})/g, '$1\r\n');
	return [
		{ family: 'plain base64', text: b64(PNG), expect: PNG },
		{ family: 'data: URL prefix', text: `data:image/png;base64,${b64(PNG)}`, expect: PNG },
		{ family: 'MIME line breaks', text: lines, expect: PNG },
		{ family: 'URL-safe alphabet', text: b64(JPEG).replace(/\+/g, '-').replace(/\//g, '_'), expect: JPEG },
		{ family: 'stray spaces', text: `  ${b64(BMP)}\n`, expect: BMP },
		{ family: 'data: URL that is not base64', text: 'data:image/png,hello', expect: 'reject' },
		{ family: 'not base64 at all', text: 'this is not base64!!', expect: 'reject' },
		{ family: 'cut-off base64', text: b64(PNG).slice(0, 41), expect: 'reject' },
		{ family: 'base64 of an HTML page', text: b64(HTML), expect: 'reject' },
		{ family: 'base64 of a GIF', text: b64(GIF), expect: 'reject' },
		{ family: 'base64 over the size limit', text: b64(OVERSIZE), expect: 'reject' },
		{ family: 'empty text', text: '', expect: 'reject' },
		{ family: 'null', text: null, expect: 'reject' },
		{ family: 'SQL fragment', text: "' OR '1'='1", expect: 'reject' },
		{ family: 'script fragment', text: '<script>alert(1)</script>', expect: 'reject' },
	];
}

/** Files the URL cases' server serves: path → body and the Content-Type it claims. */
export const SERVED_FILES: Record<string, { body: Buffer; type: string }> = {
	'/invoice.png': { body: PNG, type: 'image/png' },
	'/invoice.jpg': { body: JPEG, type: 'image/jpeg' },
	'/error-page.png': { body: HTML, type: 'image/png' },
	'/empty.png': { body: Buffer.alloc(0), type: 'image/png' },
	'/big.png': { body: OVERSIZE, type: 'image/png' },
	'/animated.gif': { body: GIF, type: 'image/gif' },
};

/** `text` is a path on the file server (starting with /) or a whole URL. */
export function urlImageCases(): ImageCase[] {
	return [
		{ family: 'PNG', text: '/invoice.png', expect: PNG },
		{ family: 'JPG with a query string', text: '/invoice.jpg?token=abc', expect: JPEG },
		{ family: 'URL with stray spaces', text: ' /invoice.png ', expect: PNG },
		{ family: 'HTML page served as an image', text: '/error-page.png', expect: 'reject' },
		{ family: 'zero-byte download', text: '/empty.png', expect: 'reject' },
		{ family: 'download over the size limit', text: '/big.png', expect: 'reject' },
		{ family: 'GIF', text: '/animated.gif', expect: 'reject' },
		{ family: 'HTTP 404', text: '/missing.png', expect: 'reject' },
		{ family: 'not http', text: 'ftp://127.0.0.1/invoice.png', expect: 'reject' },
		{ family: 'not a URL', text: 'invoice.png', expect: 'reject' },
		{ family: 'script fragment', text: 'javascript:alert(1)', expect: 'reject' },
		{ family: 'empty', text: '', expect: 'reject' },
	];
}

export function faceImageCases(): ImageCase[] {
	return [
		{ family: 'valid PNG', bytes: makePng(12, 12, 9), mimeType: 'image/png', expect: makePng(12, 12, 9) },
		{ family: 'zero-byte file', bytes: Buffer.alloc(0), mimeType: 'image/png', expect: 'reject' },
		{ family: 'HTML page saved as an image', bytes: HTML, mimeType: 'image/jpeg', expect: 'reject' },
		{ family: 'one byte over the size limit', bytes: OVERSIZE, mimeType: 'image/png', expect: 'reject' },
	];
}

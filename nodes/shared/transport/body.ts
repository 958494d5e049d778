import type { IDataObject } from 'n8n-workflow';

import { base64Length, ImagePayload } from '../fields/imagePayload';

/**
 * A buffer kept for one lane of concurrent calls and reused by its items, so that image bodies do
 * not pile up as garbage between collections: memory stays at about one body per lane.
 */
export class BodyBuffer {
	private buffer: Buffer | undefined;

	take(size: number): Buffer {
		if (!this.buffer || this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
		return this.buffer.subarray(0, size);
	}
}

/** The images in a value, at any depth: a body, or a field's raw value before it is checked. */
export function imagesIn(value: unknown, found: ImagePayload[] = []): ImagePayload[] {
	if (value instanceof ImagePayload) found.push(value);
	else if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
		for (const inner of Object.values(value)) imagesIn(inner, found);
	}
	return found;
}

const MARKER_IN_JSON = /"(cbt-image:[0-9a-f-]{36})"/g;

/**
 * The JSON bytes of a body, with each image written in as base64. Into `into` when given (the
 * bytes are then only valid until the lane's next item), else into a new Buffer.
 */
export async function encodeBody(body: IDataObject, into?: BodyBuffer): Promise<Buffer> {
	const json = JSON.stringify(body);
	const images = imagesIn(body);
	if (images.length === 0) return Buffer.from(json, 'utf8');
	const byMarker = new Map(images.map((image) => [image.marker, image]));
	const pieces: Array<string | ImagePayload> = [];
	let last = 0;
	for (const match of json.matchAll(MARKER_IN_JSON)) {
		const image = byMarker.get(match[1]);
		if (!image) continue;
		// The quotes stay: the base64 goes between them.
		pieces.push(json.slice(last, match.index + 1), image);
		last = match.index + match[0].length - 1;
	}
	pieces.push(json.slice(last));
	const size = pieces.reduce((sum, piece) => sum + (typeof piece === 'string' ? Buffer.byteLength(piece, 'utf8') : base64Length(piece.size)), 0);
	const target = into ? into.take(size) : Buffer.allocUnsafe(size);
	let offset = 0;
	for (const piece of pieces) {
		offset = typeof piece === 'string' ? offset + target.write(piece, offset, 'utf8') : await piece.writeBase64(target, offset);
	}
	return target;
}

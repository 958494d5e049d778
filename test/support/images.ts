/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** Encodes RGB pixel rows (each prefixed by its filter byte) as a PNG file. */
export function encodePng(width: number, height: number, rows: Buffer, level = 6): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * A real PNG: width × height RGB pixels from a seed, so different seeds give different files.
 * `noise` makes the pixels random, which keeps the file large after compression (for size limits).
 */
export function makePng(width: number, height: number, seed = 1, noise = false): Buffer {
	const row = width * 3 + 1;
	const pixels = Buffer.alloc(row * height);
	let state = seed >>> 0 || 1;
	for (let y = 0; y < height; y++) {
		pixels[y * row] = 0;
		for (let x = 0; x < width * 3; x++) {
			if (noise) {
				state ^= state << 13;
				state ^= state >>> 17;
				state ^= state << 5;
				pixels[y * row + 1 + x] = state & 0xff;
			} else {
				pixels[y * row + 1 + x] = (x * 7 + y * 3 + seed * 31) & 0xff;
			}
		}
	}
	return encodePng(width, height, pixels, noise ? 0 : 6);
}

/** A PNG of at least `bytes` bytes (random pixels, stored uncompressed). */
export function makePngOfSize(bytes: number, seed = 7): Buffer {
	const side = Math.ceil(Math.sqrt(bytes / 3)) + 1;
	return makePng(side, side, seed, true);
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a dev script, not node code */
/**
 * Draws the sample images under examples/files: plain pictures that look like an invoice or an ID
 * card (no real text). The sandbox answers by a hash of the image, so each file's small "serial"
 * mark is varied until the file gets the sample answer it is meant to show.
 *
 *   npx tsx scripts/make-sample-images.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { OCR_FIXTURES } from '../sandbox/fixtures/ocr';
import { encodePng } from '../test/support/images';

type Rgb = [number, number, number];

class Canvas {
	readonly pixels: Buffer;
	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb,
	) {
		this.pixels = Buffer.alloc(width * height * 3);
		this.rect(0, 0, width, height, background);
	}

	rect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb) {
		for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
			for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++) {
				const at = (row * this.width + col) * 3;
				this.pixels[at] = r;
				this.pixels[at + 1] = g;
				this.pixels[at + 2] = b;
			}
		}
	}

	frame(x: number, y: number, w: number, h: number, colour: Rgb) {
		this.rect(x, y, w, 1, colour);
		this.rect(x, y + h - 1, w, 1, colour);
		this.rect(x, y, 1, h, colour);
		this.rect(x + w - 1, y, 1, h, colour);
	}

	/** A line of "text": dashes of varying length, like words seen from afar. */
	text(x: number, y: number, width: number, colour: Rgb, seed: number) {
		let at = x;
		let state = seed;
		while (at < x + width) {
			state = (state * 1103515245 + 12345) & 0x7fffffff;
			const word = 6 + (state % 18);
			this.rect(at, y, Math.min(word, x + width - at), 3, colour);
			at += word + 4;
		}
	}

	png(): Buffer {
		const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
		for (let y = 0; y < this.height; y++) this.pixels.copy(rows, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
		return encodePng(this.width, this.height, rows, 9);
	}
}

const INK: Rgb = [60, 60, 70];
const BROWN: Rgb = [150, 90, 60];

function invoice(serial: number): Buffer {
	const canvas = new Canvas(480, 300, [252, 250, 245]);
	canvas.rect(180, 14, 120, 6, BROWN);
	canvas.frame(20, 40, 440, 240, BROWN);
	for (const y of [100, 190, 230]) canvas.rect(20, y, 440, 1, BROWN);
	canvas.rect(60, 40, 1, 60, BROWN);
	canvas.rect(300, 40, 1, 60, BROWN);
	for (let line = 0; line < 4; line++) canvas.text(70, 52 + line * 12, 220, INK, serial + line);
	for (let line = 0; line < 5; line++) canvas.text(30, 110 + line * 15, 410, INK, serial * 7 + line);
	canvas.text(30, 205, 300, INK, serial * 13);
	canvas.text(30, 245, 200, INK, serial * 17);
	// The serial number in red, as printed in the top right corner of a real invoice.
	canvas.text(360, 16, 80, [200, 40, 40], serial);
	return canvas.png();
}

function idCardFront(serial: number): Buffer {
	const canvas = new Canvas(428, 270, [226, 236, 244]);
	canvas.frame(4, 4, 420, 262, [170, 190, 210]);
	canvas.rect(290, 40, 110, 140, [200, 205, 212]);
	canvas.rect(318, 60, 54, 60, [150, 155, 165]);
	for (let line = 0; line < 5; line++) canvas.text(30, 40 + line * 28, line === 3 ? 240 : 160, INK, serial + line);
	canvas.text(110, 220, 260, INK, serial * 3);
	return canvas.png();
}

type Target = { file: string; draw: (serial: number) => Buffer; operation: string; body?: Record<string, unknown>; wants: (data: Record<string, unknown>) => boolean };

const TARGETS: Target[] = [
	{ file: 'invoices/invoice-seed-page.png', draw: invoice, operation: 'invoice', wants: (d) => d.invoiceCode === '5106532891' },
	{ file: 'invoices/invoice-special-vat.png', draw: invoice, operation: 'invoice', wants: (d) => d.invoiceNo === '08471562' },
	{ file: 'invoices/invoice-general-photo.png', draw: invoice, operation: 'invoice', wants: (d) => d.invoiceNo === '62815309' },
	{ file: 'invoices/invoice-fully-digital.png', draw: invoice, operation: 'invoice', wants: (d) => String(d.invoiceNo).length === 20 },
	{ file: 'id-cards/id-card-front-1.png', draw: idCardFront, operation: 'idCard', body: { side: 'front' }, wants: (d) => d.idNumber === '110101199003074477' },
	{ file: 'id-cards/id-card-front-2.png', draw: idCardFront, operation: 'idCard', body: { side: 'front' }, wants: (d) => d.idNumber === '310115198511224321' },
];

const root = resolve(__dirname, '../examples/files');
for (const target of TARGETS) {
	let serial = 1;
	for (; serial < 10_000; serial++) {
		const bytes = target.draw(serial);
		const answer = OCR_FIXTURES[target.operation]({ ...target.body, image: bytes.toString('base64') });
		if ('data' in answer && target.wants(answer.data as Record<string, unknown>)) {
			mkdirSync(join(root, target.file, '..'), { recursive: true });
			writeFileSync(join(root, target.file), bytes);
			process.stdout.write(`${target.file}: ${bytes.length} bytes (serial ${serial})\n`);
			break;
		}
	}
	if (serial === 10_000) throw new Error(`no serial gives ${target.file} its sample answer`);
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { randomUUID } from 'node:crypto';

type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** How many bytes of base64 `size` bytes become. */
export function base64Length(size: number): number {
	return Math.ceil(size / 3) * 4;
}

/** How much of an image the type check looks at. */
const HEAD_BYTES = 64;

/** The largest chunk a stored image is read in. */
export const READ_CHUNK_BYTES = 64 * 1024;

/** Raw bytes encoded per step: a multiple of 3, so the pieces of base64 join without padding inside. */
const ENCODE_STEP = 48 * 1024;

function writeBase64Of(bytes: Buffer, target: Buffer, offset: number): number {
	let at = offset;
	for (let start = 0; start < bytes.length; start += ENCODE_STEP) {
		at += target.write(bytes.subarray(start, start + ENCODE_STEP).toString('base64'), at, 'latin1');
	}
	return at;
}

/**
 * An image in a request body. It goes into the JSON as base64, but is written straight into the
 * body's bytes when they are built (see encodeBody), so a 4 MB image never exists as a 5 MB string,
 * and one read from n8n's binary store is never held whole in memory before that.
 */
export abstract class ImagePayload {
	/** Stands in for the image in JSON.stringify's output, until encodeBody replaces it. */
	readonly marker = `cbt-image:${randomUUID()}`;

	/** Size in bytes, before base64. */
	abstract readonly size: number;

	/** The first bytes, for the type check. */
	abstract readonly head: Buffer;

	/** Writes the image as base64 at `offset`; returns the offset after it. */
	abstract writeBase64(target: Buffer, offset: number): Promise<number>;

	/** Releases what an unsent image holds open. */
	dispose(): void {}

	toJSON(): string {
		return this.marker;
	}
}

/** An image already in memory: downloaded, decoded from base64 text, or kept in the item. */
export class ImageBytes extends ImagePayload {
	readonly size: number;

	readonly head: Buffer;

	constructor(private readonly bytes: Buffer) {
		super();
		this.size = bytes.length;
		this.head = bytes.subarray(0, HEAD_BYTES);
	}

	async writeBase64(target: Buffer, offset: number): Promise<number> {
		return writeBase64Of(this.bytes, target, offset);
	}
}

/**
 * An image in n8n's binary store, read as a stream when its body is written. Opening reads the
 * first chunk only, for the type check.
 */
export class StoredImage extends ImagePayload {
	private constructor(
		readonly size: number,
		readonly head: Buffer,
		private readonly first: Buffer,
		private readonly stream: BinaryStream,
		/** The chunks after the first; undefined when the first held the whole file. */
		private readonly rest: AsyncIterator<unknown> | undefined,
	) {
		super();
	}

	static async open(stream: BinaryStream, size: number): Promise<StoredImage> {
		const rest = stream[Symbol.asyncIterator]();
		let first: Buffer | undefined;
		try {
			const step = await rest.next();
			first = step.done ? Buffer.alloc(0) : (step.value as Buffer);
		} finally {
			if (!first) stream.destroy();
		}
		// A small file is whole after its first chunk: it is closed now, and its body is written
		// later without waiting on the disk again.
		const whole = first.length >= size;
		if (whole) stream.destroy();
		return new StoredImage(size, first.subarray(0, HEAD_BYTES), first, stream, whole ? undefined : rest);
	}

	async writeBase64(target: Buffer, offset: number): Promise<number> {
		let at = offset;
		let read = 0;
		// Chunks are encoded as they come; the 0–2 bytes that do not fill a base64 quantum wait for the next.
		let carry = Buffer.alloc(0);
		const take = (chunk: Buffer) => {
			read += chunk.length;
			if (read > this.size) throw new Error(`the file is larger than the ${this.size} bytes n8n recorded for it; it may have changed while it was read`);
			const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
			const whole = joined.length - (joined.length % 3);
			at = writeBase64Of(joined.subarray(0, whole), target, at);
			carry = Buffer.from(joined.subarray(whole));
		};
		try {
			take(this.first);
			if (this.rest) {
				for (let step = await this.rest.next(); !step.done; step = await this.rest.next()) take(step.value as Buffer);
			}
		} finally {
			this.stream.destroy();
		}
		if (read !== this.size) throw new Error(`the file has ${read} bytes, not the ${this.size} n8n recorded for it; it may have changed while it was read`);
		return writeBase64Of(carry, target, at);
	}

	dispose(): void {
		this.stream.destroy();
	}
}

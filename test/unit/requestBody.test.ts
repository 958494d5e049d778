/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';

import { signRequest } from '../../nodes/shared/auth/credentialSigning';
import { base64Length, ImageBytes, StoredImage } from '../../nodes/shared/fields/imagePayload';
import { BodyBuffer, encodeBody } from '../../nodes/shared/transport/body';
import { computeSignature, DEFAULT_SIGNATURE, type SignatureSettings } from '../../nodes/shared/auth/signing';

/** A stream that hands out `bytes` in chunks of the given sizes, in turn, like a file read. */
function chunked(bytes: Buffer, sizes: number[]): Readable {
	const chunks: Buffer[] = [];
	for (let at = 0, turn = 0; at < bytes.length; turn++) {
		const size = sizes[turn % sizes.length];
		chunks.push(bytes.subarray(at, at + size));
		at += size;
	}
	return Readable.from(chunks, { objectMode: false });
}

describe('request bodies with images', () => {
	it('an image in memory is written as the base64 JSON.stringify would give', async () => {
		const bytes = randomBytes(200_003);
		const body = { name: '张三', image: new ImageBytes(bytes), side: 'front' };
		const encoded = await encodeBody(body);
		assert.equal(encoded.toString('utf8'), JSON.stringify({ name: '张三', image: bytes.toString('base64'), side: 'front' }));
	});

	it('a stored image is streamed in, whatever the chunk sizes, and two images keep their places', async () => {
		for (const sizes of [[65_536], [1], [2, 5, 7], [100_000, 3, 4]]) {
			const first = randomBytes(150_001);
			const second = randomBytes(2);
			const body = {
				a: await StoredImage.open(chunked(first, sizes), first.length),
				nested: { b: await StoredImage.open(chunked(second, sizes), second.length) },
				c: 'text "quoted"',
			};
			const encoded = await encodeBody(body);
			const expected = JSON.stringify({ a: first.toString('base64'), nested: { b: second.toString('base64') }, c: 'text "quoted"' });
			assert.equal(encoded.toString('utf8'), expected, `chunks ${sizes.join(',')}`);
		}
	});

	it('the first bytes are there for the type check before the rest is read', async () => {
		const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1000)]);
		const image = await StoredImage.open(chunked(bytes, [10, 990]), bytes.length);
		assert.equal(image.size, 1008);
		assert.deepEqual(image.head.subarray(0, 8), bytes.subarray(0, 8));
		image.dispose();
	});

	it('a file that is not the size n8n recorded is an error, not a corrupt body', async () => {
		const bytes = randomBytes(3000);
		await assert.rejects(encodeBody({ image: await StoredImage.open(chunked(bytes, [1000]), 2000) }), /larger than the 2000 bytes/);
		await assert.rejects(encodeBody({ image: await StoredImage.open(chunked(bytes, [1000]), 4000) }), /has 3000 bytes, not the 4000/);
	});

	it('a lane buffer is reused: the next body of the same size or smaller takes no new memory', async () => {
		const lane = new BodyBuffer();
		const first = await encodeBody({ image: new ImageBytes(randomBytes(3000)) }, lane);
		const second = await encodeBody({ image: new ImageBytes(randomBytes(2000)) }, lane);
		assert.equal(first.buffer, second.buffer);
		assert.equal(second.length, JSON.stringify({ image: '' }).length + base64Length(2000));
	});

	it('a body sent as bytes is signed over those bytes, the same as the text they spell', () => {
		const credential = { appKey: 'k', appSecret: 's', baseUrl: 'http://gateway.test' };
		const text = JSON.stringify({ image: randomBytes(3000).toString('base64') });
		const withBody: SignatureSettings = { ...DEFAULT_SIGNATURE, algorithm: 'sha256', stringToSign: 'standardWithBody' };
		const input = { appKey: 'k', appSecret: 's', timestamp: '1700000000', method: 'POST', path: '/p' };
		assert.equal(computeSignature(withBody, { ...input, body: Buffer.from(text) }), computeSignature(withBody, { ...input, body: text }));
		const bytes = Buffer.from(text);
		const signed = signRequest(credential, { method: 'POST', url: '/p', body: bytes }, 1_700_000_000_000);
		assert.equal(signed.body, bytes, 'sent as the same Buffer, not copied');
	});
});

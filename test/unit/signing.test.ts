/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';

import { signRequest } from '../../nodes/shared/auth/credentialSigning';
import {
	computeSignature,
	DEFAULT_SIGNATURE,
	stringToSign,
	type SignatureInput,
	type SignatureSettings,
} from '../../nodes/shared/auth/signing';
import { SIGNING_EXAMPLE, signingPresets } from '../../scripts/docs/signingVectors';

const input: SignatureInput = SIGNING_EXAMPLE;

describe('signing presets', () => {
	it('defaults to md5(appKey + timestamp + appSecret), lowercase hex, seconds', () => {
		assert.deepEqual(DEFAULT_SIGNATURE, {
			algorithm: 'md5',
			stringToSign: 'standard',
			encoding: 'hexLower',
			timestampUnit: 'seconds',
		});
		const expected = createHash('md5').update(`${input.appKey}${input.timestamp}${input.appSecret}`).digest('hex');
		assert.equal(computeSignature(DEFAULT_SIGNATURE, input), expected);
	});

	it('SM3 matches the GB/T 32905 test vector for "abc"', () => {
		const settings: SignatureSettings = { ...DEFAULT_SIGNATURE, algorithm: 'sm3', stringToSign: 'custom', template: 'abc' };
		assert.equal(
			computeSignature(settings, input),
			'66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
		);
	});

	it('HMAC-SHA256 matches RFC 4231 test case 2', () => {
		const settings: SignatureSettings = {
			...DEFAULT_SIGNATURE,
			algorithm: 'hmacSha256',
			stringToSign: 'custom',
			template: 'what do ya want for nothing?',
		};
		assert.equal(
			computeSignature(settings, { ...input, appSecret: 'Jefe' }),
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		);
	});

	it('HMAC presets use the secret as the key and leave it out of the string', () => {
		const settings: SignatureSettings = { ...DEFAULT_SIGNATURE, algorithm: 'hmacSm3', stringToSign: 'standardWithBody' };
		assert.equal(stringToSign(settings, input), `${input.appKey}${input.timestamp}${input.body}`);
		const expected = createHmac('sm3', input.appSecret).update(stringToSign(settings, input)).digest('hex');
		assert.equal(computeSignature(settings, input), expected);
	});

	it('custom templates substitute every token and upper-case the method', () => {
		const settings: SignatureSettings = {
			...DEFAULT_SIGNATURE,
			stringToSign: 'custom',
			template: '{method}&{path}&{appKey}&{timestamp}&{body}&{appSecret}',
		};
		assert.equal(
			stringToSign(settings, { ...input, method: 'post' }),
			`POST&${input.path}&${input.appKey}&${input.timestamp}&${input.body}&${input.appSecret}`,
		);
	});

	it('encodes as lowercase hex, uppercase hex or base64', () => {
		const hex = computeSignature(DEFAULT_SIGNATURE, input);
		assert.equal(computeSignature({ ...DEFAULT_SIGNATURE, encoding: 'hexUpper' }, input), hex.toUpperCase());
		assert.equal(
			computeSignature({ ...DEFAULT_SIGNATURE, encoding: 'base64' }, input),
			Buffer.from(hex, 'hex').toString('base64'),
		);
	});

	it('every documented preset gives a distinct signature (the README table comes from these)', () => {
		const signatures = signingPresets().map((preset) => preset.signature);
		assert.equal(new Set(signatures).size, signatures.length);
	});
});

describe('signRequest (the credential’s authenticate)', () => {
	const credentials = { appKey: 'key-1', appSecret: 'secret-1', baseUrl: 'http://127.0.0.1:9/' };

	it('serialises the body once, signs those bytes and sends the same string', () => {
		const signed = signRequest(
			{ ...credentials, stringToSign: 'standardWithBody' },
			{ method: 'POST', url: '/apis/tt/gw/ocr/v1/invoice', body: { image: 'aGVsbG8=', 中文: '值' } },
			1_729_761_327_000,
		);
		assert.ok(Buffer.isBuffer(signed.body), 'sent as the exact bytes');
		const body = (signed.body as Buffer).toString('utf8');
		assert.deepEqual(JSON.parse(body), { image: 'aGVsbG8=', 中文: '值' });
		const headers = signed.headers as Record<string, string>;
		assert.equal(headers['X-CBT-APPKEY'], 'key-1');
		assert.equal(headers['X-CBT-TIMESTAMP'], '1729761327');
		assert.equal(
			headers['X-CBT-SIGNATURE'],
			createHash('md5').update(`key-11729761327${body}secret-1`).digest('hex'),
		);
		assert.equal(headers['Content-Type'], 'application/json');
		assert.equal(signed.baseURL, 'http://127.0.0.1:9');
	});

	it('keeps a full URL (n8n’s HTTP Request node) and signs its path', () => {
		const signed = signRequest(
			{ ...credentials, stringToSign: 'custom', signatureTemplate: '{path}' },
			{ method: 'GET', url: 'https://gw.example.com/apis/tt/gw/x/v1/y?a=1' },
			0,
		);
		assert.equal(signed.baseURL, undefined);
		const headers = signed.headers as Record<string, string>;
		assert.equal(headers['X-CBT-SIGNATURE'], createHash('md5').update('/apis/tt/gw/x/v1/y').digest('hex'));
	});

	// That every attempt of a run is signed afresh, at its own time, is seen through n8n and the sandbox's
	// ledger in test/batching.test.ts ("every retry of an item is signed afresh").
	it('uses milliseconds when asked: the timestamp is the time it signs at, to the millisecond', () => {
		const signed = signRequest({ ...credentials, timestampUnit: 'milliseconds' }, { url: '/a' }, 1_729_761_327_123);
		const headers = signed.headers as Record<string, string>;
		assert.equal(headers['X-CBT-TIMESTAMP'], '1729761327123');
		assert.equal(headers['X-CBT-SIGNATURE'], createHash('md5').update('key-11729761327123secret-1').digest('hex'));
	});

	it('never puts the secret in the request', () => {
		const signed = signRequest(credentials, { method: 'POST', url: '/a', body: { x: 1 } });
		assert.ok(!JSON.stringify(signed).includes('secret-1'));
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	protectFields,
	protectValue,
	readSmSettings,
	revealValue,
	sm3,
	sm4Decrypt,
	sm4Encrypt,
	SmSettingsError,
	type SmSettings,
} from '../../nodes/shared/fields/protection';

// The standard's test vector doubles as key and plaintext.
const VECTOR = '0123456789abcdeffedcba9876543210';
const KEY = VECTOR;
const IV = '00112233445566778899aabbccddeeff';

describe('SM3 and SM4 (GB/T 32905, GB/T 32907 test vectors)', () => {
	it('SM3("abc") and SM3 of 64 bytes', () => {
		assert.equal(sm3('abc').toString('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
		assert.equal(sm3('abcd'.repeat(16)).toString('hex'), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
	});

	it('SM4-ECB with key = plaintext = 0123…3210 gives 681edf34…4246, and decrypts back', () => {
		const key = Buffer.from(KEY, 'hex');
		const cipher = sm4Encrypt(key, key, 'ecb', undefined, false);
		assert.equal(cipher.toString('hex'), '681edf34d206965e86b3e94f536e4246');
		assert.equal(sm4Decrypt(cipher, key, 'ecb', undefined, false).toString('hex'), KEY);
	});
});

describe('field protection settings', () => {
	it('defaults to SM4-ECB, lowercase hex, and needs the key', () => {
		const settings = readSmSettings({ sm4KeyHex: KEY.toUpperCase() });
		assert.equal(settings.protection, 'sm4');
		assert.equal(settings.mode, 'ecb');
		assert.equal(settings.encoding, 'hex');
		assert.equal(settings.key?.toString('hex'), KEY);
		assert.throws(() => readSmSettings({}), (error: Error) => error instanceof SmSettingsError && /option 'SM4 Key \(Hex\)' is empty/.test(error.message));
	});

	it('rejects a key or IV that is not 16 bytes of hex, without repeating it', () => {
		const secret = '00ffzz11';
		assert.throws(
			() => readSmSettings({ sm4KeyHex: secret }),
			(error: Error) => /must be 32 hexadecimal characters .* has 8 characters and characters other than 0-9 and a-f/.test(error.message) && !error.message.includes(secret),
		);
		assert.throws(() => readSmSettings({ sm4KeyHex: KEY, sm4Mode: 'cbc' }), /option 'SM4 IV \(Hex\)' is empty/);
		assert.throws(() => readSmSettings({ sm4KeyHex: KEY, sm4Mode: 'gcm' }), /option 'SM4 Mode' has the unknown value "gcm"/);
	});

	it('SM3 digests need no key', () => {
		assert.deepEqual(readSmSettings({ smProtection: 'sm3', smEncoding: 'base64' }), { protection: 'sm3', mode: 'ecb', encoding: 'base64' });
	});
});

describe('protecting values', () => {
	const settingsFor = (mode: 'ecb' | 'cbc', encoding: 'hex' | 'hexUpper' | 'base64'): SmSettings =>
		readSmSettings({ sm4KeyHex: KEY, sm4Mode: mode, sm4IvHex: IV, smEncoding: encoding });

	it('SM4 round-trips UTF-8 names and IDs in every mode and encoding, padded to whole blocks', () => {
		for (const mode of ['ecb', 'cbc'] as const) {
			for (const encoding of ['hex', 'hexUpper', 'base64'] as const) {
				const settings = settingsFor(mode, encoding);
				for (const value of ['张三', '阿卜杜拉·艾买提', '11010519491231002X']) {
					const sent = protectValue(value, settings);
					assert.notEqual(sent, value);
					assert.equal(revealValue(sent, settings), value, `${mode}/${encoding}/${value}`);
				}
				// 18 bytes of ID number: two blocks, as PKCS#7 pads 2..16 bytes.
				assert.equal(Buffer.from(protectValue('11010519491231002X', settings), encoding === 'base64' ? 'base64' : 'hex').length, 32);
			}
		}
		assert.match(protectValue('张三', settingsFor('ecb', 'hexUpper')), /^[0-9A-F]{32}$/);
	});

	it('ECB is deterministic per value; CBC with another IV gives other bytes', () => {
		assert.equal(protectValue('张三', settingsFor('ecb', 'hex')), protectValue('张三', settingsFor('ecb', 'hex')));
		const other = readSmSettings({ sm4KeyHex: KEY, sm4Mode: 'cbc', sm4IvHex: 'ff'.repeat(16) });
		assert.notEqual(protectValue('张三', settingsFor('cbc', 'hex')), protectValue('张三', other));
	});

	it('a wrong key does not reveal the value', () => {
		const sent = protectValue('11010519491231002X', settingsFor('ecb', 'hex'));
		const wrong = readSmSettings({ sm4KeyHex: 'ab'.repeat(16) });
		assert.notEqual(revealValue(sent, wrong), '11010519491231002X');
	});

	it('SM3 sends the digest of the UTF-8 value', () => {
		const settings = readSmSettings({ smProtection: 'sm3' });
		assert.equal(protectValue('张三', settings), sm3(Buffer.from('张三', 'utf8')).toString('hex'));
		assert.equal(revealValue(protectValue('张三', settings), settings), undefined);
	});

	it('protects only the named keys', () => {
		const settings = settingsFor('ecb', 'hex');
		const body = protectFields({ name: '张三', id_card: '11010519491231002X', channel: 'web' }, ['name', 'id_card'], settings);
		assert.equal(body.channel, 'web');
		assert.equal(revealValue(String(body.name), settings), '张三');
		assert.equal(revealValue(String(body.id_card), settings), '11010519491231002X');
	});
});

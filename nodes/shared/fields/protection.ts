import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/*
 * Field protection for the SM (国密) version of the two-factor check (公安实名二要素核验-SM版本).
 * The gateway's scheme is not documented. Chosen default, unconfirmed: each protected field is
 * encrypted on its own with SM4 (128-bit key, ECB, PKCS#7 padding) over its UTF-8 bytes and sent as
 * lowercase hex under its usual key. CBC with a fixed IV, base64 output and SM3 digests instead of
 * encryption are options, so a user holding the gateway's document can match it. SM2 is not offered:
 * Node's crypto has no SM2 and node code may not add packages.
 */

export type SmProtection = 'sm4' | 'sm3';
export type Sm4Mode = 'ecb' | 'cbc';
export type SmEncoding = 'hex' | 'hexUpper' | 'base64';

export interface SmSettings {
	protection: SmProtection;
	/** 16 bytes; only for SM4. */
	key?: Buffer;
	mode: Sm4Mode;
	/** 16 bytes; only for SM4-CBC. */
	iv?: Buffer;
	encoding: SmEncoding;
}

export const SM_DEFAULTS = { protection: 'sm4', mode: 'ecb', encoding: 'hex' } as const;

/** The node options that carry the settings (names of the entries in the node's Options collection). */
export interface SmOptionValues {
	smProtection?: string;
	sm4KeyHex?: string;
	sm4Mode?: string;
	sm4IvHex?: string;
	smEncoding?: string;
}

export function sm3(data: Buffer | string): Buffer {
	return createHash('sm3').update(data).digest();
}

/** SM4 over whole blocks: `padding` false needs a multiple of 16 bytes (used for test vectors). */
export function sm4Encrypt(data: Buffer, key: Buffer, mode: Sm4Mode, iv?: Buffer, padding = true): Buffer {
	const cipher = createCipheriv(`sm4-${mode}`, key, mode === 'cbc' ? (iv ?? null) : null);
	cipher.setAutoPadding(padding);
	return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Throws when the key, IV or padding do not fit: a wrong key almost always ends in a padding error. */
export function sm4Decrypt(data: Buffer, key: Buffer, mode: Sm4Mode, iv?: Buffer, padding = true): Buffer {
	const decipher = createDecipheriv(`sm4-${mode}`, key, mode === 'cbc' ? (iv ?? null) : null);
	decipher.setAutoPadding(padding);
	return Buffer.concat([decipher.update(data), decipher.final()]);
}

export function encodeBytes(bytes: Buffer, encoding: SmEncoding): string {
	if (encoding === 'base64') return bytes.toString('base64');
	const hex = bytes.toString('hex');
	return encoding === 'hexUpper' ? hex.toUpperCase() : hex;
}

/** Reads hex or base64 text back into bytes; undefined when it is neither. */
export function decodeText(text: string, encoding: SmEncoding): Buffer | undefined {
	if (encoding === 'base64') {
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
		return Buffer.from(text, 'base64');
	}
	if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2 !== 0) return undefined;
	return Buffer.from(text, 'hex');
}

/** Protects one value as the settings say; the result is what goes on the wire. */
export function protectValue(value: string, settings: SmSettings): string {
	const bytes = Buffer.from(value, 'utf8');
	if (settings.protection === 'sm3') return encodeBytes(sm3(bytes), settings.encoding);
	if (!settings.key) throw new Error('SM4 needs a key');
	return encodeBytes(sm4Encrypt(bytes, settings.key, settings.mode, settings.iv), settings.encoding);
}

/** Recovers an SM4-protected value, or undefined when it does not decrypt to UTF-8 text with these settings. */
export function revealValue(text: string, settings: SmSettings): string | undefined {
	if (settings.protection !== 'sm4' || !settings.key) return undefined;
	const bytes = decodeText(text, settings.encoding);
	if (!bytes || bytes.length === 0 || bytes.length % 16 !== 0) return undefined;
	try {
		const plain = sm4Decrypt(bytes, settings.key, settings.mode, settings.iv);
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		return undefined;
	}
}

/** Why option values cannot be used; the text completes "Option …" and never repeats the key. */
export class SmSettingsError extends Error {}

function hexBytes(raw: string | undefined, label: string, what: string): Buffer {
	const text = (raw ?? '').replace(/\s+/g, '');
	if (text === '') throw new SmSettingsError(`option '${label}' is empty; enter the ${what} the gateway gave you as 32 hexadecimal characters`);
	if (!/^[0-9a-fA-F]{32}$/.test(text)) {
		throw new SmSettingsError(
			`option '${label}' must be 32 hexadecimal characters (16 bytes); the value entered has ${text.length} characters${/^[0-9a-fA-F]*$/.test(text) ? '' : ' and characters other than 0-9 and a-f'}`,
		);
	}
	return Buffer.from(text, 'hex');
}

function oneOf<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T, label: string): T {
	if (raw === undefined || raw === '') return fallback;
	if ((allowed as readonly string[]).includes(raw)) return raw as T;
	throw new SmSettingsError(`option '${label}' has the unknown value "${raw}"; choose one of ${allowed.join(', ')}`);
}

/** Turns the node's options into settings, or throws an SmSettingsError saying which option to fix. */
export function readSmSettings(options: Readonly<SmOptionValues>): SmSettings {
	const protection = oneOf(options.smProtection, ['sm4', 'sm3'], SM_DEFAULTS.protection, 'Field Protection');
	const encoding = oneOf(options.smEncoding, ['hex', 'hexUpper', 'base64'], SM_DEFAULTS.encoding, 'Protected Value Encoding');
	const mode = oneOf(options.sm4Mode, ['ecb', 'cbc'], SM_DEFAULTS.mode, 'SM4 Mode');
	if (protection === 'sm3') return { protection, mode, encoding };
	const key = hexBytes(options.sm4KeyHex, 'SM4 Key (Hex)', 'SM4 key');
	const iv = mode === 'cbc' ? hexBytes(options.sm4IvHex, 'SM4 IV (Hex)', 'SM4 initialisation vector') : undefined;
	return { protection, key, mode, iv, encoding };
}

/** The body with each of `keys` protected; other keys are left alone. */
export function protectFields(body: IDataObject, keys: readonly string[], settings: SmSettings): IDataObject {
	const protectedBody: IDataObject = { ...body };
	for (const key of keys) {
		const value = body[key];
		if (typeof value === 'string' && value !== '') protectedBody[key] = protectValue(value, settings);
	}
	return protectedBody;
}

import type { INodeProperties } from 'n8n-workflow';

/** The operations whose fields travel SM-protected (catalog entry ga.ts: twoFactorSm); the options show only for them. */
export const SM_OPERATIONS = ['twoFactorSm'];

const onlySm: INodeProperties['displayOptions'] = { show: { '/operation': SM_OPERATIONS } };

/**
 * How the SM version of the two-factor check protects the name and ID number. The gateway's scheme
 * is not documented: these options let a user match it (defaults: SM4-ECB, PKCS#7, lowercase hex).
 */
export const SM_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Field Protection',
		name: 'smProtection',
		displayOptions: onlySm,
		type: 'options',
		default: 'sm4',
		options: [
			{ name: 'SM4 Encryption', value: 'sm4', description: 'Encrypt the name and the ID number with the SM4 key' },
			{ name: 'SM3 Digest', value: 'sm3', description: 'Send SM3 digests of the name and the ID number instead' },
		],
		description: 'How the name and ID number are protected. The gateway’s scheme is not documented, so match your gateway document.',
	},
	{
		displayName: 'SM4 Key (Hex)',
		name: 'sm4KeyHex',
		displayOptions: onlySm,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: '32 hexadecimal characters',
		description: 'The 128-bit SM4 key the gateway issued, as 32 hexadecimal characters',
	},
	{
		displayName: 'SM4 Mode',
		name: 'sm4Mode',
		displayOptions: onlySm,
		type: 'options',
		default: 'ecb',
		options: [
			{ name: 'ECB', value: 'ecb' },
			{ name: 'CBC', value: 'cbc' },
		],
		description: 'The SM4 block mode, both with PKCS#7 padding. CBC needs the SM4 IV.',
	},
	{
		displayName: 'SM4 IV (Hex)',
		name: 'sm4IvHex',
		displayOptions: onlySm,
		type: 'string',
		default: '',
		placeholder: '32 hexadecimal characters',
		description: 'The initialisation vector for CBC mode, as 32 hexadecimal characters',
	},
	{
		displayName: 'Protected Value Encoding',
		name: 'smEncoding',
		displayOptions: onlySm,
		type: 'options',
		default: 'hex',
		options: [
			{ name: 'Hex (Lowercase)', value: 'hex' },
			{ name: 'Hex (Uppercase)', value: 'hexUpper' },
			{ name: 'Base64', value: 'base64' },
		],
		description: 'How the encrypted bytes or digests are written in the request',
	},
];

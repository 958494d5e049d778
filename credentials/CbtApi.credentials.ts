import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signRequest } from '../nodes/shared/auth/credentialSigning';
import { CREDENTIAL_TEST_REQUEST, CREDENTIAL_TEST_RULES, probeAsProfiled } from '../nodes/shared/auth/credentialTest';
import { ProfileError } from '../nodes/shared/profile';

export class CbtApi implements ICredentialType {
	name = 'cbtApi';

	displayName = 'CBT API';

	icon: Icon = { light: 'file:../icons/cbt.svg', dark: 'file:../icons/cbt.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-cbt/n8n-nodes-cbt#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The App Key issued by the CBT gateway (sent as X-CBT-APPKEY)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The App Secret issued with the App Key. Only used to sign requests, never sent.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://gw.datapis.com',
			description:
				'The gateway address. Point it at a sandbox (for example http://127.0.0.1:8787) to build workflows without paying for calls.',
		},
		{
			displayName:
				'The gateway does not publish its signature rules to us. The defaults below are an assumption; change them to match the signing document you received with your App Key.',
			name: 'signatureNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Signature Algorithm',
			name: 'signatureAlgorithm',
			type: 'options',
			default: 'md5',
			options: [
				{ name: 'HMAC-SHA256 (Secret as Key)', value: 'hmacSha256' },
				{ name: 'HMAC-SM3 (Secret as Key)', value: 'hmacSm3' },
				{ name: 'MD5', value: 'md5' },
				{ name: 'SHA-256', value: 'sha256' },
				{ name: 'SM3', value: 'sm3' },
			],
		},
		{
			displayName: 'String to Sign',
			name: 'stringToSign',
			type: 'options',
			default: 'standard',
			options: [
				{
					name: 'App Key + Timestamp + App Secret',
					value: 'standard',
					description: 'With HMAC the secret is the key and is left out of the string',
				},
				{
					name: 'App Key + Timestamp + Body + App Secret',
					value: 'standardWithBody',
					description: 'Includes the exact JSON body sent. With HMAC the secret is left out of the string.',
				},
				{
					name: 'Custom Template',
					value: 'custom',
				},
			],
		},
		{
			displayName: 'Template',
			name: 'signatureTemplate',
			type: 'string',
			default: '{appKey}{timestamp}{appSecret}',
			displayOptions: { show: { stringToSign: ['custom'] } },
			description:
				'The string to sign. Tokens: {appKey}, {appSecret}, {timestamp}, {method}, {path}, {body}.',
		},
		{
			displayName: 'Signature Encoding',
			name: 'signatureEncoding',
			type: 'options',
			default: 'hexLower',
			options: [
				{ name: 'Base64', value: 'base64' },
				{ name: 'Hex (Lowercase)', value: 'hexLower' },
				{ name: 'Hex (Uppercase)', value: 'hexUpper' },
			],
		},
		{
			displayName: 'Timestamp Unit',
			name: 'timestampUnit',
			type: 'options',
			default: 'seconds',
			options: [
				{ name: 'Seconds', value: 'seconds' },
				{ name: 'Milliseconds', value: 'milliseconds' },
			],
		},
		{
			displayName: 'Gateway Profile',
			name: 'gatewayProfile',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			placeholder: '{"endpoints": {"GA.twoFactor": {"path": "/…", "fields": {"id_card": "certNo"}}}}',
			description:
				'Optional. JSON describing your gateway’s real paths, body keys and codes where they differ from the package’s assumptions; every node using this credential applies it. Build it from your gateway documentation with npm run profile (see the README).',
		},
	];

	// Signing needs the exact body bytes and a fresh timestamp on every attempt, which the generic
	// header template cannot express.
	authenticate: IAuthenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => {
		const request = probeAsProfiled(credentials, requestOptions);
		// Only the credential test's request is checked here; the nodes check the profile before they build a request.
		if (request instanceof ProfileError) throw new Error(`The ${request.message} ${request.problems.slice(1).join(' ')}`.trim());
		return signRequest(credentials, request);
	};

	// Sent through authenticate above: signed, and shaped by the Gateway Profile.
	test: ICredentialTestRequest = {
		request: CREDENTIAL_TEST_REQUEST,
		rules: CREDENTIAL_TEST_RULES,
	};
}

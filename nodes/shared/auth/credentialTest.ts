import type { ICredentialDataDecryptedObject, ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';

import { OCR_ENDPOINTS } from '../catalog';
import { GATEWAY_CODES } from '../transport/codes';
import { contractFor, ProfileError, profileOf, toWire } from '../profile';

/**
 * The credential test, declarative as n8n's verification wants it: n8n sends the probe through the
 * credential's `authenticate` (so it is signed like every call) and fails the test on any rule.
 *
 * The probe: Invoice OCR (the one documented path) with an empty image, as the gateway profile says
 * to send it. The gateway checks the key and signature first; a parameter error afterwards means
 * the credential is good, and an empty image should not be billed. Both are assumptions about the
 * gateway, stated in the README.
 */
const PROBE_ENDPOINT = OCR_ENDPOINTS.find((endpoint) => endpoint.operation === 'invoice') as (typeof OCR_ENDPOINTS)[number];
export const CREDENTIAL_TEST_PATH = PROBE_ENDPOINT.path;

/** Marks the credential test's request, so that `authenticate` can apply the profile to it. Never sent. */
export const PROBE_HEADER = 'X-CBT-Credential-Probe';

export const CREDENTIAL_TEST_REQUEST: ICredentialTestRequest['request'] = {
	method: 'POST',
	url: CREDENTIAL_TEST_PATH,
	headers: { [PROBE_HEADER]: 'invoice' },
	body: { image: '' },
	json: true,
};

/**
 * An HTTP 200 can still carry an authentication or clock code: each fails the test with its
 * meaning and what to do. These are the package's codes; a profile's own auth codes are reported
 * by the nodes at run time (n8n's rules are fixed per credential type).
 */
export const CREDENTIAL_TEST_RULES: ICredentialTestRequest['rules'] = Object.entries(GATEWAY_CODES)
	.filter(([, meaning]) => meaning.kind === 'auth' || meaning.kind === 'clock')
	.map(([code, meaning]) => ({
		type: 'responseSuccessBody' as const,
		properties: { key: 'code', value: Number(code), message: `Gateway error ${code} (${meaning.meaning}). ${meaning.hint}` },
	}));

function hasProbeHeader(headers: IHttpRequestOptions['headers']): boolean {
	return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === PROBE_HEADER.toLowerCase());
}

/**
 * The credential test's request as the gateway profile says to send it (path, method, the image's
 * key); other requests come back unchanged. A profile that does not pass comes back as its
 * ProfileError, and nothing is sent.
 */
export function probeAsProfiled(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions | ProfileError {
	if (!hasProbeHeader(requestOptions.headers)) return requestOptions;
	const headers = Object.fromEntries(Object.entries(requestOptions.headers ?? {}).filter(([name]) => name.toLowerCase() !== PROBE_HEADER.toLowerCase()));
	const profile = profileOf(credentials);
	if (profile instanceof ProfileError) return profile;
	const contract = contractFor(PROBE_ENDPOINT, profile);
	const fields = toWire(contract, { image: '' });
	return {
		...requestOptions,
		headers,
		method: contract.method,
		url: contract.path,
		...(contract.method === 'GET' ? { qs: fields, body: undefined } : { body: fields }),
	};
}

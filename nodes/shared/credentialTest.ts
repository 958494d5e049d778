import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { OCR_ENDPOINTS } from './catalog';
import { readCredentials } from './credentialSigning';
import { parseEnvelope } from './envelope';
import { contractFor, ProfileError, profileOf, toWire, type ParsedProfile } from './profile';
import { signatureHeaders } from './signing';
import { clockSkewHint } from './transport';

/**
 * The probe: Invoice OCR (the one documented path) with an empty image, as the gateway profile says
 * to send it. The gateway checks the key and signature first; a parameter error afterwards means
 * the credential is good, and an empty image should not be billed. Both are assumptions about the
 * gateway, stated in the README.
 */
const PROBE_ENDPOINT = OCR_ENDPOINTS.find((endpoint) => endpoint.operation === 'invoice') as (typeof OCR_ENDPOINTS)[number];
export const CREDENTIAL_TEST_PATH = PROBE_ENDPOINT.path;

function probe(profile: ParsedProfile | undefined) {
	const contract = contractFor(PROBE_ENDPOINT, profile);
	const fields = toWire(contract, { image: '' });
	const url = new URL(contract.path, 'http://probe');
	if (contract.method === 'GET') for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, String(value));
	return { contract, method: contract.method, path: contract.path, query: url.search, body: contract.method === 'GET' ? '' : JSON.stringify(fields) };
}

export async function cbtApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	if (!credentials.appKey || !credentials.appSecret) {
		return { status: 'Error', message: 'Enter both the App Key and the App Secret' };
	}
	let profile: ParsedProfile | undefined;
	try {
		profile = profileOf(credential.data);
	} catch (error) {
		if (!(error instanceof ProfileError)) throw error;
		return { status: 'Error', message: `${error.message} ${error.problems.slice(1).join(' ')}`.trim() };
	}
	const { contract, method, path, query, body: probeBody } = probe(profile);
	let body: unknown;
	try {
		// ICredentialTestFunctions offers only `request` (no httpRequest) in every n8n 2.x release.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		body = await this.helpers.request({
			method,
			uri: `${credentials.baseUrl}${path}${query}`,
			...(method === 'GET' ? {} : { body: probeBody }),
			headers: {
				'Content-Type': 'application/json',
				...signatureHeaders(credentials.signature, {
					appKey: credentials.appKey,
					appSecret: credentials.appSecret,
					method,
					path: new URL(path, credentials.baseUrl).pathname,
					body: probeBody,
				}),
			},
			simple: false,
			timeout: 15_000,
		});
	} catch (error) {
		return { status: 'Error', message: `Could not reach ${credentials.baseUrl}: ${(error as Error).message}` };
	}
	const envelope = parseEnvelope(body);
	if (!envelope) {
		return { status: 'Error', message: `${credentials.baseUrl} did not answer like the CBT gateway; check the Base URL` };
	}
	const meaning = contract.codes(envelope.code);
	if (meaning.kind === 'auth' || meaning.kind === 'clock') {
		const hint = (meaning.kind === 'clock' ? clockSkewHint(envelope.timestamp) : undefined) ?? meaning.hint;
		return {
			status: 'Error',
			message: `Gateway error ${envelope.code} (${meaning.meaning}): ${envelope.message ?? ''} ${hint}`.trim(),
		};
	}
	return { status: 'OK', message: 'The gateway accepted the App Key and signature' };
}

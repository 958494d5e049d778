import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { readCredentials } from './credentialSigning';
import { describeCode } from './gatewayCodes';
import { parseEnvelope } from './envelope';
import { signatureHeaders } from './signing';
import { clockSkewHint } from './transport';

/**
 * The probe: Invoice OCR (the one documented path) with an empty image. The gateway checks the key
 * and signature first; a parameter error afterwards means the credential is good, and an empty
 * image should not be billed. Both are assumptions about the gateway, stated in the README.
 */
export const CREDENTIAL_TEST_PATH = '/apis/tt/gw/ocr/v1/invoice';
const PROBE_BODY = JSON.stringify({ image: '' });

export async function cbtApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	if (!credentials.appKey || !credentials.appSecret) {
		return { status: 'Error', message: 'Enter both the App Key and the App Secret' };
	}
	let body: unknown;
	try {
		// ICredentialTestFunctions offers only `request` (no httpRequest) in every n8n 2.x release.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		body = await this.helpers.request({
			method: 'POST',
			uri: `${credentials.baseUrl}${CREDENTIAL_TEST_PATH}`,
			body: PROBE_BODY,
			headers: {
				'Content-Type': 'application/json',
				...signatureHeaders(credentials.signature, {
					appKey: credentials.appKey,
					appSecret: credentials.appSecret,
					method: 'POST',
					path: new URL(CREDENTIAL_TEST_PATH, credentials.baseUrl).pathname,
					body: PROBE_BODY,
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
	const meaning = describeCode(envelope.code);
	if (meaning.kind === 'auth' || meaning.kind === 'clock') {
		const hint = (meaning.kind === 'clock' ? clockSkewHint(envelope.timestamp) : undefined) ?? meaning.hint;
		return {
			status: 'Error',
			message: `Gateway error ${envelope.code} (${meaning.meaning}): ${envelope.message ?? ''} ${hint}`.trim(),
		};
	}
	return { status: 'OK', message: 'The gateway accepted the App Key and signature' };
}

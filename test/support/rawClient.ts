import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { signRequest } from '../../nodes/shared/auth/credentialSigning';

export interface RawResponse {
	status: number;
	body: Record<string, unknown>;
}

/** Sends one request signed exactly as the credential would, bypassing n8n: for sandbox tests. */
export async function signedFetch(
	credential: ICredentialDataDecryptedObject,
	method: 'GET' | 'POST',
	path: string,
	body?: Record<string, unknown>,
	tamper?: (signed: { headers: Record<string, string>; body?: string }) => void,
): Promise<RawResponse> {
	const signed = signRequest(credential, { method, url: path, body });
	const request = { headers: signed.headers as Record<string, string>, body: (signed.body as Buffer | undefined)?.toString('utf8') };
	tamper?.(request);
	const response = await fetch(new URL(path, signed.baseURL), { method, headers: request.headers, body: request.body });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

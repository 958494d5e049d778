/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import { createServer } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export { SANDBOX_APP_KEY, SANDBOX_APP_SECRET };

export function credentialFor(sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { appKey: SANDBOX_APP_KEY, appSecret: SANDBOX_APP_SECRET, baseUrl: sandbox.url, ...extra };
}

export async function withSandbox<T>(options: SandboxOptions, body: (sandbox: Sandbox) => Promise<T>): Promise<T> {
	const sandbox = await startSandbox(options);
	try {
		return await body(sandbox);
	} finally {
		await sandbox.close();
	}
}

/** A port nothing listens on (for "connection refused" faults). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

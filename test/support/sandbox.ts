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

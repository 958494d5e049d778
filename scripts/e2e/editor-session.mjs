// A running n8n editor with this package: the sandbox gateway (in this process), a scratch n8n home
// with the package, the sandbox credential and the example workflows, `n8n start`, and an owner account
// made through n8n's REST API. Used by `npm run editor` and the editor check (test:editor).
// Load with tsx (the sandbox is TypeScript): `node --import tsx ...`.

import { startSandbox } from '../../sandbox/server.ts';
import { exampleWorkflows, importWorkflows, prepareCbtHome } from './cbt-home.mjs';
import { ensureN8n } from './n8n-install.mjs';
import { startN8n } from './n8n-runner.mjs';

/** The local owner account; a sandbox-only login for a scratch n8n on 127.0.0.1. */
export const EDITOR_LOGIN = { email: 'owner@example.com', password: 'CbtSandbox2026', firstName: 'CBT', lastName: 'Tester' };

/**
 * n8n 2.x makes a "shell" owner at its first start; POST /rest/owner/setup turns it into a real account
 * (allowed only while no owner is set up). Returns the cookie of the logged-in owner.
 */
export async function setUpOwner(url, login = EDITOR_LOGIN) {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(login),
	});
	if (!response.ok) throw new Error(`owner setup failed: HTTP ${response.status} ${await response.text()}`);
	return response.headers.get('set-cookie') ?? '';
}

/**
 * @param {{n8nPort?: number, sandboxPort?: number, dir?: string, via?: 'nodes'|'custom', importExamples?: boolean}} [opts]
 */
export async function startEditorSession(opts = {}) {
	const install = await ensureN8n();
	const sandbox = await startSandbox({ port: opts.sandboxPort ?? 0 });
	let cbt;
	let n8n;
	try {
		cbt = await prepareCbtHome({ install, sandboxUrl: sandbox.url, dir: opts.dir, via: opts.via });
		const examples = opts.importExamples === false ? [] : exampleWorkflows();
		const workflowIds = examples.length
			? await importWorkflows(
					cbt.home,
					examples.map(({ workflow }) => cbt.adapt(workflow)),
				)
			: [];
		n8n = await startN8n(cbt.home, opts.n8nPort);
		await setUpOwner(n8n.url);
		return {
			url: n8n.url,
			login: EDITOR_LOGIN,
			sandbox,
			home: cbt.home,
			credential: cbt.credential,
			nodeType: cbt.nodeType,
			workflows: examples.map(({ file, workflow }, i) => ({ file, name: workflow.name, id: workflowIds[i], url: `${n8n.url}/workflow/${workflowIds[i]}` })),
			logs: n8n.logs,
			logFile: n8n.logFile,
			async stop({ keepHome = false } = {}) {
				await n8n.stop();
				await sandbox.close();
				if (!keepHome) cbt.home.cleanup();
			},
		};
	} catch (error) {
		await n8n?.stop();
		await sandbox.close();
		cbt?.home.cleanup();
		throw error;
	}
}

#!/usr/bin/env node
// `npm run editor`: try the package in a real n8n editor. Starts the sandbox gateway and n8n 2.39.10
// (installed once into a cache outside the repository, ~6.5 minutes the first time) with this package,
// a "CBT Sandbox" credential pointing at the sandbox and the example workflows imported, then prints
// the editor's URL and the login it made. Runs until Ctrl-C; the scratch n8n folder is removed then
// (unless --keep).
//
//   npm run editor [-- --port 5678] [--sandbox-port 8787] [--keep]
import { parseArgs } from 'node:util';

import { startEditorSession } from './e2e/editor-session.mjs';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '8787' },
		keep: { type: 'boolean', default: false },
	},
});

const session = await startEditorSession({ n8nPort: Number(values.port), sandboxPort: Number(values['sandbox-port']) });
const lines = [
	'',
	`n8n ${'2.39.10'} editor with n8n-nodes-cbt: ${session.url}`,
	`  Log in as ${session.login.email} / ${session.login.password}`,
	`  Credential "${session.credential.name}" points at the sandbox gateway ${session.sandbox.url} (ledger: ${session.sandbox.url}/__sandbox/ledger)`,
	`  Example workflows (their files are in ${session.home.filesDir}/cbt-examples):`,
	...session.workflows.map((w) => `    ${w.name}: ${w.url}`),
	`  n8n log: ${session.logFile}`,
	'Press Ctrl-C to stop.',
	'',
];
process.stdout.write(lines.join('\n'));

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	process.stdout.write('\nstopping n8n and the sandbox...\n');
	await session.stop({ keepHome: values.keep });
	if (values.keep) process.stdout.write(`kept the n8n folder ${session.home.dir}\n`);
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

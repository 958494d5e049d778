/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a command-line entry point */
import { parseArgs } from 'node:util';

import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox } from './server';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8787' },
		host: { type: 'string', default: '127.0.0.1' },
		'app-key': { type: 'string', default: SANDBOX_APP_KEY },
		'app-secret': { type: 'string', default: SANDBOX_APP_SECRET },
		window: { type: 'string', default: '300' },
		latency: { type: 'string', default: '0' },
	},
});

startSandbox({
	port: Number(values.port),
	host: values.host,
	apps: [{ appKey: values['app-key'] as string, appSecret: values['app-secret'] as string }],
	windowSeconds: Number(values.window),
	latencyMs: Number(values.latency),
}).then((sandbox) => {
	console.log(`CBT sandbox gateway listening on ${sandbox.url}`);
	console.log(`Credential: App Key "${values['app-key']}", Base URL ${sandbox.url}, default signature (MD5)`);
	console.log(`Ledger: ${sandbox.url}/__sandbox/ledger`);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a command-line entry point */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { ProfileError } from '../nodes/shared/profile/parse';
import type { GatewayProfile } from '../nodes/shared/profile/types';
import { DEFAULT_SIGNATURE, type SignatureSettings } from '../nodes/shared/auth/signing';
import { SandboxContract } from './contract';
import { SANDBOX_APP_KEY, SANDBOX_APP_SECRET, startSandbox } from './server';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '8787' },
		host: { type: 'string', default: '127.0.0.1' },
		'app-key': { type: 'string', default: SANDBOX_APP_KEY },
		'app-secret': { type: 'string', default: SANDBOX_APP_SECRET },
		window: { type: 'string', default: '300' },
		latency: { type: 'string', default: '0' },
		// Rate limiting (sandbox/faults.ts): a share of calls refused at random, a cap on calls at once.
		'rate-limit': { type: 'string', default: '0' },
		'concurrency-limit': { type: 'string' },
		'retry-after': { type: 'string', default: '1' },
		'rate-limit-answer': { type: 'string', default: 'http' },
		/** A gateway profile (JSON): the sandbox then speaks the gateway it describes. */
		profile: { type: 'string' },
		// The signature the sandbox expects: the same values as the credential's fields (option values).
		'signature-algorithm': { type: 'string', default: DEFAULT_SIGNATURE.algorithm },
		'string-to-sign': { type: 'string', default: DEFAULT_SIGNATURE.stringToSign },
		'signature-template': { type: 'string' },
		'signature-encoding': { type: 'string', default: DEFAULT_SIGNATURE.encoding },
		'timestamp-unit': { type: 'string', default: DEFAULT_SIGNATURE.timestampUnit },
	},
});

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
	if (allowed.includes(value as T)) return value as T;
	console.error(`--${name} ${value}: use one of ${allowed.join(', ')} (the credential's option values)`);
	process.exit(1);
}

const signature: SignatureSettings = {
	algorithm: choice('signature-algorithm', values['signature-algorithm'], ['md5', 'sha256', 'sm3', 'hmacSha256', 'hmacSm3'] as const),
	stringToSign: choice('string-to-sign', values['string-to-sign'], ['standard', 'standardWithBody', 'custom'] as const),
	template: values['signature-template'],
	encoding: choice('signature-encoding', values['signature-encoding'], ['hexLower', 'hexUpper', 'base64'] as const),
	timestampUnit: choice('timestamp-unit', values['timestamp-unit'], ['seconds', 'milliseconds'] as const),
};
const signatureText = JSON.stringify(signature) === JSON.stringify(DEFAULT_SIGNATURE) ? 'default signature (MD5)' : `signature ${JSON.stringify(signature)}`;

function fail(lines: string[]): never {
	for (const line of lines) console.error(line);
	process.exit(1);
}

/** Reads and checks the profile file; exits with every problem listed when it does not pass. */
function loadProfile(file: string): { profile: GatewayProfile; contract: SandboxContract } {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		fail([`Cannot read the gateway profile ${file}: ${(error as Error).message}`]);
	}
	let profile: GatewayProfile;
	try {
		profile = JSON.parse(text) as GatewayProfile;
	} catch (error) {
		fail([`The gateway profile ${file} is not valid JSON: ${(error as Error).message}`]);
	}
	try {
		return { profile, contract: SandboxContract.fromProfile(profile) };
	} catch (error) {
		if (error instanceof ProfileError) {
			fail([`The gateway profile ${file} has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:`, ...error.problems.map((problem) => `  - ${problem}`)]);
		}
		fail([`The gateway profile ${file} cannot be served: ${(error as Error).message}`]);
	}
}

const loaded = values.profile === undefined ? undefined : loadProfile(values.profile);

startSandbox({
	port: Number(values.port),
	host: values.host,
	apps: [{ appKey: values['app-key'] as string, appSecret: values['app-secret'] as string, signature }],
	windowSeconds: Number(values.window),
	latencyMs: Number(values.latency),
	profile: loaded?.profile,
	rateLimit: {
		rate: Number(values['rate-limit']),
		concurrency: values['concurrency-limit'] === undefined ? undefined : Number(values['concurrency-limit']),
		retryAfterSeconds: Number(values['retry-after']),
		answer: choice('rate-limit-answer', values['rate-limit-answer'], ['http', 'code'] as const),
	},
}).then((sandbox) => {
	console.log(`CBT sandbox gateway listening on ${sandbox.url}`);
	console.log(`Credential: App Key "${values['app-key']}", Base URL ${sandbox.url}, ${signatureText}`);
	console.log(`Ledger: ${sandbox.url}/__sandbox/ledger`);
	const limit = values['concurrency-limit'];
	if (Number(values['rate-limit']) > 0 || limit !== undefined) {
		console.log(
			`Rate limit: ${Number(values['rate-limit']) * 100}% of calls refused at random${limit === undefined ? '' : `, and every call above ${limit} at once`} (${values['rate-limit-answer'] === 'code' ? 'rate-limit code, HTTP 200' : 'HTTP 429'}, Retry-After ${values['retry-after']} s); counts at ${sandbox.url}/__sandbox/load`,
		);
	}
	if (loaded) {
		const changes = sandbox.contract.changes();
		const moved = changes.filter((change) => change.moved);
		const profile = sandbox.contract.profile;
		console.log(
			`Gateway profile ${values.profile}: changes ${changes.length} endpoint${changes.length === 1 ? '' : 's'} (${moved.length} on another path or method)` +
				(profile && profile.codes.size > 0 ? `, ${profile.codes.size} global code${profile.codes.size === 1 ? '' : 's'}` : ''),
		);
		for (const change of changes) {
			const where = change.moved ? `${change.to}   (was ${change.from})` : change.to;
			console.log(`  ${change.id} ${change.chineseName}: ${where}`);
			for (const detail of change.details) console.log(`      ${detail}`);
		}
		if (changes.length > 0) console.log('  Old paths of moved endpoints answer 404 (unknown endpoint), unbilled.');
	}
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});

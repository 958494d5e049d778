/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { CATALOG } from '../nodes/shared/catalog';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { PACKAGE_ROOT, runWorkflow } from './harness/harness';
import { sampleCase } from './support/operationCases';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

/*
 * The request every operation sends, pinned: method, path and the sorted body (or query) keys, as
 * the sandbox received them from a real node run. Any change to a path or a key in the catalog, the
 * request builder or the profile code fails here, so contract changes are always deliberate.
 * After a deliberate change: UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs contract, and review the diff.
 */

interface SentRequest {
	method: string;
	path: string;
	keys: string[];
}

const EXAMPLE_PROFILE = join(PACKAGE_ROOT, 'examples/profiles/example-profile.json');
const OPERATIONS = CATALOG.filter((endpoint) => endpoint.output.kind !== 'notification');

async function sentRequests(sandbox: Sandbox, profileText?: string): Promise<Record<string, SentRequest>> {
	const credential = credentialFor(sandbox, profileText ? { gatewayProfile: profileText } : {});
	const sent: Record<string, SentRequest> = {};
	for (const endpoint of OPERATIONS) {
		const id = `${endpoint.category}.${endpoint.operation}`;
		sandbox.reset();
		const { node, parameters, items } = sampleCase(endpoint);
		const result = await runWorkflow(singleNodeWorkflow(node, parameters), { credentials: { cbtApi: credential }, inputs: { Input: items } });
		const entries = sandbox.ledger.entries;
		assert.equal(entries.length, 1, `${id}: expected one call, got ${entries.length} (${result.error('CBT')?.message ?? 'no error'})`);
		// The sandbox took the request's keys as its contract's: no missing, stale or dropped key, no unknown path.
		// (An order or task ID it never issued is refused for its value, which is not what is checked here.)
		const refusedKeys = /缺少参数|不应出现|应为/.test(entries[0].message ?? '');
		assert.ok(entries[0].operation === id && !refusedKeys, `${id}: the sandbox refused the request: ${JSON.stringify(entries[0])}`);
		sent[id] = { method: entries[0].method, path: entries[0].path, keys: entries[0].keys };
	}
	return sent;
}

function compareWithSnapshot(file: string, actual: Record<string, SentRequest>) {
	const path = join(PACKAGE_ROOT, 'test/snapshots', file);
	if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
		writeFileSync(path, `${JSON.stringify(actual, null, '\t')}\n`);
		if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`${file} did not exist; it was written now. Review it and commit it.`);
		return;
	}
	const expected = JSON.parse(readFileSync(path, 'utf8')) as Record<string, SentRequest>;
	const changed = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter(
		(id) => JSON.stringify(expected[id]) !== JSON.stringify(actual[id]),
	);
	assert.deepEqual(
		changed.map((id) => ({ id, snapshot: expected[id] ?? null, now: actual[id] ?? null })),
		[],
		`the request contract changed for ${changed.join(', ')}; if that is deliberate, run UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs contract`,
	);
}

describe('the request contract of all 108 operations, pinned', () => {
	const sandboxes: Sandbox[] = [];
	after(() => Promise.all(sandboxes.map((sandbox) => sandbox.close())));

	it('without a profile: the catalog’s paths and keys', async () => {
		const sandbox = await startSandbox();
		sandboxes.push(sandbox);
		const sent = await sentRequests(sandbox);
		assert.equal(Object.keys(sent).length, 108);
		compareWithSnapshot('contract.default.json', sent);
	});

	it('under the example profile (examples/profiles/example-profile.json): the profile’s paths and keys', async () => {
		const text = readFileSync(EXAMPLE_PROFILE, 'utf8');
		const sandbox = await startSandbox({ profile: JSON.parse(text) });
		sandboxes.push(sandbox);
		compareWithSnapshot('contract.example-profile.json', await sentRequests(sandbox, text));
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from './harness/harness';

/*
 * Saved workflows hold parameter names and option values, so neither may change or disappear once
 * released: a breaking change means a new node version (README, Parameter stability). This pins
 * every node's and the credential's, as n8n loads them from dist/.
 * After a deliberate addition: UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs parameters.
 */

type Pinned = Record<string, Record<string, string[]>>;

const SNAPSHOT = join(PACKAGE_ROOT, 'test/snapshots/parameters.json');
const IDENTIFIER = /^(mode:)?[A-Za-z][A-Za-z0-9_.]*$/;

/** "options.concurrency": [], "operation": ["twoFactor", …]: a parameter path and its option values. */
function collect(properties: INodeProperties[], prefix: string, into: Record<string, Set<string>>) {
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const path = `${prefix}${property.name}`;
		const values = (into[path] ??= new Set());
		// A resource locator's modes are saved in workflows too (`{"mode": "keyword", …}`).
		for (const mode of property.modes ?? []) values.add(`mode:${mode.name}`);
		for (const option of property.options ?? []) {
			if ('value' in option) values.add(String((option as INodePropertyOptions).value));
			else if ('values' in option) collect((option as INodePropertyCollection).values, `${path}.${option.name}.`, into);
			else collect([option as INodeProperties], `${path}.`, into);
		}
	}
}

function pinnedOf(properties: INodeProperties[]): Record<string, string[]> {
	const found: Record<string, Set<string>> = {};
	collect(properties, '', found);
	return Object.fromEntries(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)).map(([path, values]) => [path, [...values].sort()]));
}

describe('parameter names and option values are stable', () => {
	let current: Pinned;
	before(async () => {
		const pkg = await loadPackage();
		current = {};
		for (const [name, type] of [...pkg.nodes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
			current[name] = pinnedOf((type as INodeType).description.properties);
		}
		for (const [name, type] of pkg.credentials) current[`credential ${name}`] = pinnedOf(type.properties);
	});

	it('every option value is an identifier, never display text', () => {
		const bad = Object.entries(current).flatMap(([node, parameters]) =>
			Object.entries(parameters).flatMap(([path, values]) => values.filter((value) => !IDENTIFIER.test(value)).map((value) => `${node} ${path}: ${JSON.stringify(value)}`)),
		);
		assert.deepEqual(bad, []);
	});

	it('no parameter or option value disappeared or changed since the snapshot, and the snapshot is complete', () => {
		if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(SNAPSHOT)) {
			writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, '\t')}\n`);
			if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail('test/snapshots/parameters.json did not exist; it was written now. Review and commit it.');
			return;
		}
		const pinned = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Pinned;
		const removed: string[] = [];
		const added: string[] = [];
		for (const node of new Set([...Object.keys(pinned), ...Object.keys(current)])) {
			for (const path of new Set([...Object.keys(pinned[node] ?? {}), ...Object.keys(current[node] ?? {})])) {
				const before = pinned[node]?.[path];
				const now = current[node]?.[path];
				if (!now) removed.push(`${node} ${path}`);
				else if (!before) added.push(`${node} ${path}`);
				else {
					removed.push(...before.filter((value) => !now.includes(value)).map((value) => `${node} ${path} = ${value}`));
					added.push(...now.filter((value) => !before.includes(value)).map((value) => `${node} ${path} = ${value}`));
				}
			}
		}
		assert.deepEqual(removed, [], 'saved workflows use these: keep them, or add a new node version');
		assert.deepEqual(added, [], 'new parameters or values: run UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs parameters and commit the snapshot');
	});
});

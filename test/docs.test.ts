/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import type { INodeProperties, INodeType } from 'n8n-workflow';

import { CATALOG, CATEGORY_NODES } from '../nodes/shared/catalog';
import { CODE_TABLE } from '../nodes/shared/transport/codes';
import { generatedFiles, nodeFolder, ROOT } from '../scripts/docs/generate';
import { loadPackage } from './harness/harness';

describe('catalog, nodes and README agree', () => {
	it('codex files and README tables are up to date (run `npm run docs`)', () => {
		for (const file of generatedFiles()) {
			const path = join(ROOT, file.path);
			assert.ok(existsSync(path), `${file.path} is missing`);
			assert.equal(readFileSync(path, 'utf8'), file.content, `${file.path} is stale: run npm run docs`);
		}
	});

	it('every catalog endpoint appears once in the README table', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		for (const endpoint of CATALOG) {
			assert.ok(readme.includes(`| \`${endpoint.method} ${endpoint.path}\` |`), `${endpoint.chineseName} is missing from the README`);
		}
		assert.match(readme, new RegExp(`\\n${CATALOG.length} endpoints\\.`));
	});

	it('the README’s table of gateway codes has one row per row of the code table, in its order', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const section = /<!-- codes:start -->\n([\s\S]*?)\n<!-- codes:end -->/.exec(readme);
		assert.ok(section, 'README.md has a <!-- codes:start --> … <!-- codes:end --> section');
		const rows = section[1]
			.split('\n')
			.slice(2)
			.map((line) => line.split(' | ').slice(0, 3));
		assert.deepEqual(
			rows,
			CODE_TABLE.map((row) => [`| ${row.code}`, row.meaning, `\`${row.kind}\``]),
		);
	});

	it('every endpoint is an operation of its node, with its Chinese name in the name', async () => {
		const pkg = await loadPackage();
		for (const entry of CATEGORY_NODES) {
			const type = pkg.nodes.get(`n8n-nodes-cbt.${entry.node}`) as INodeType | undefined;
			if (!type) {
				assert.equal(existsSync(join(ROOT, 'nodes', nodeFolder(entry.node))), false, `${entry.node} exists but is not in package.json`);
				continue;
			}
			const operations = type.description.properties
				.filter((property: INodeProperties) => property.name === 'operation')
				.flatMap((property) => property.options ?? []) as Array<{ name: string; value: string }>;
			for (const endpoint of entry.endpoints) {
				if (endpoint.output.kind === 'notification') {
					assert.ok(type.description.webhooks?.length, `${entry.node} receives ${endpoint.chineseName}, so it must be a webhook trigger`);
					continue;
				}
				const matches = operations.filter((option) => option.value === endpoint.operation);
				assert.equal(matches.length, 1, `${entry.node}: ${endpoint.operation} should appear exactly once`);
				assert.ok(matches[0].name.includes(endpoint.chineseName), `${endpoint.operation} lacks its Chinese name`);
			}
		}
	});

	it('operation ids are unique within each node and paths are unique across the catalog', () => {
		for (const entry of CATEGORY_NODES) {
			const ids = entry.endpoints.map((endpoint) => endpoint.operation);
			assert.equal(new Set(ids).size, ids.length, `${entry.node} has duplicate operation ids`);
		}
		const routes = CATALOG.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
		assert.equal(new Set(routes).size, routes.length, 'two endpoints share a path');
	});

	it('the catalog holds all 109 endpoints of the gateway page', () => {
		assert.equal(CATALOG.length, 109);
		const counts = Object.fromEntries(CATEGORY_NODES.map((entry) => [entry.category, 0]));
		for (const endpoint of CATALOG) counts[endpoint.category] += 1;
		assert.deepEqual(counts, { OCR: 4, GA: 12, ENT: 66, OPT: 3, EDU: 1, CAR: 2, IMP: 2, TAX: 2, RPA_TAX: 14, tv1: 1, MISC: 2 });
	});

	it('only Invoice OCR claims a documented path', () => {
		assert.deepEqual(
			CATALOG.filter((endpoint) => endpoint.pathConfirmed).map((endpoint) => endpoint.chineseName),
			['发票OCR'],
		);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, not inside n8n; it runs npm pack */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { PACKAGE_ROOT } from './harness/harness';

/* What `npm publish` would ship (from dist/, so after `npm run build`): only what serves users. */
describe('the npm package', () => {
	const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
	const files = packed[0].files.map((file) => file.path).sort();
	const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

	it('holds every node and credential n8n loads, with its codex file and icons', () => {
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) assert.ok(files.includes(entry), entry);
		for (const node of manifest.n8n.nodes) assert.ok(files.includes(node.replace(/\.js$/, '.json')), `${node}: codex`);
		assert.ok(files.includes('dist/icons/cbt.svg') && files.includes('dist/icons/cbt.dark.svg'));
		for (const required of ['LICENSE', 'README.md', 'package.json']) assert.ok(files.includes(required), required);
	});

	it('holds nothing that does not serve users: no source maps, build info, sources, tests, sandbox or scripts', () => {
		const stray = files.filter((path) => /\.map$|tsbuildinfo|^(nodes|credentials|test|sandbox|scripts|examples|docs)\//.test(path) || (path.endsWith('.ts') && !path.endsWith('.d.ts')));
		assert.deepEqual(stray, []);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { assertBuildIsCurrent } from '../harness/harness';

describe('the harness refuses a stale dist/', () => {
	function tree(sourceAgeSeconds: number, builtAgeSeconds: number | undefined): string {
		const root = mkdtempSync(join(tmpdir(), 'cbt-stale-'));
		mkdirSync(join(root, 'nodes/shared'), { recursive: true });
		mkdirSync(join(root, 'credentials'));
		mkdirSync(join(root, 'dist/nodes/shared'), { recursive: true });
		const now = Date.now() / 1000;
		writeFileSync(join(root, 'nodes/shared/a.ts'), 'export const a = 1;');
		utimesSync(join(root, 'nodes/shared/a.ts'), now - sourceAgeSeconds, now - sourceAgeSeconds);
		if (builtAgeSeconds !== undefined) {
			writeFileSync(join(root, 'dist/nodes/shared/a.js'), 'exports.a = 1;');
			utimesSync(join(root, 'dist/nodes/shared/a.js'), now - builtAgeSeconds, now - builtAgeSeconds);
		}
		return root;
	}

	it('passes when every compiled file is newer than its source', () => {
		const root = tree(60, 10);
		try {
			assert.doesNotThrow(() => assertBuildIsCurrent(root));
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('fails, naming the source, when a source changed after the build or was never built', () => {
		for (const builtAge of [120, undefined]) {
			const root = tree(60, builtAge);
			try {
				assert.throws(() => assertBuildIsCurrent(root), /dist\/ is older than nodes\/shared\/a\.ts: run "npm run build" first/);
			} finally {
				rmSync(root, { recursive: true, force: true });
			}
		}
	});
});

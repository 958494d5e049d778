// Runs every test file under test/ (except the real-n8n suite, which has its own command) with
// node's own test runner; TypeScript is loaded through tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const skip = new Set(['e2e', 'harness', 'support']);
const only = process.argv.slice(2);

function find(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return skip.has(name) ? [] : find(path);
		return name.endsWith('.test.ts') ? [path] : [];
	});
}

const files = find('test')
	.filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
	.sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', ...files], {
	stdio: 'inherit',
	env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);

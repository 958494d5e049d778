// Runs every test file under test/ (except the real-n8n suites, which have their own commands) with
// node's own test runner; TypeScript is loaded through tsx. `--typecheck` type-checks the tests at
// the same time (tsc is one CPU-bound process; the test files mostly wait on HTTP and timers).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const skip = new Set(['e2e', 'harness', 'support']);
const args = process.argv.slice(2);
const typecheck = args.includes('--typecheck');
const only = args.filter((arg) => !arg.startsWith('--'));
// Node runs one file at a time on a 2-core machine by default (cores - 1); the files spend most of
// their time waiting on the sandbox, so a few at once finish sooner. TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, availableParallelism() + 1));

function find(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return skip.has(name) ? [] : find(path);
		return name.endsWith('.test.ts') ? [path] : [];
	});
}

function run(command, commandArgs, label) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
		child.on('exit', (code) => {
			console.log(`${label}: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			resolve(code ?? 1);
		});
	});
}

/**
 * Files whose tests watch the adaptive width react to real answer times (the virtual-time tests in
 * test/unit/concurrency.test.ts hold the rule itself): they run afterwards, one at a time, so that
 * other files' CPU does not change what they measure.
 */
const ALONE = ['test/batching.test.ts', 'test/sandboxRateLimit.test.ts'];

const files = find('test')
	.filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
	.sort();
const together = files.filter((file) => !ALONE.includes(file));
const alone = files.filter((file) => ALONE.includes(file));
const testArgs = ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec'];

const checking = typecheck ? run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], 'type check') : Promise.resolve(0);
const codes = [];
if (together.length > 0) {
	codes.push(await run(process.execPath, [...testArgs, `--test-concurrency=${concurrency}`, ...together], `${together.length} test files, ${concurrency} at a time`));
}
codes.push(await checking);
if (alone.length > 0) codes.push(await run(process.execPath, [...testArgs, '--test-concurrency=1', ...alone], `${alone.length} timing-sensitive test files, one at a time`));
process.exit(codes.every((code) => code === 0) ? 0 : 1);

// n8n's community-package scan, run locally: the rules and the analysis of @n8n/scan-community-package
// (what n8n's verification runs), over the source as it would be attested by npm provenance and over the
// unpacked `npm pack` tarball. Inline eslint-disable comments are not honoured, as in n8n's scan.
// Fails on any error or warning. `npm run build` must have made dist/ first (the tarball holds dist/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNER = createRequire(join(ROOT, 'package.json')).resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import(SCANNER);
// The scanner's own ESLint, so that the rules run exactly as in n8n's scan.
const { ESLint } = await import(createRequire(SCANNER).resolve('eslint'));

/** n8n's verdict (errors only) plus every message, warnings included, with the scan's own config. */
async function scan(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const results = await eslint.lintFiles(patterns.map((pattern) => pattern));
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const files = results.length;
	process.stdout.write(`${label}: ${files} files, ${errors} errors, ${warnings} warnings (n8n's verdict: ${verdict.passed ? 'passed' : 'failed'})\n`);
	if (errors + warnings > 0) process.stdout.write(`${(await eslint.loadFormatter('stylish')).format(results)}\n`);
	return verdict.passed && errors + warnings === 0;
}

const unpacked = mkdtempSync(join(tmpdir(), 'cbt-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', unpacked], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop();
	execFileSync('tar', ['-xzf', join(unpacked, tarball), '-C', unpacked]);
	const source = await scan('source', ROOT, SOURCE_FILE_PATTERNS);
	const packed = await scan(`tarball ${tarball}`, join(unpacked, 'package'), ['**/*.js', 'package.json']);
	process.stdout.write(source && packed ? 'scan: passed\n' : 'scan: FAILED\n');
	process.exitCode = source && packed ? 0 : 1;
} finally {
	rmSync(unpacked, { recursive: true, force: true });
}

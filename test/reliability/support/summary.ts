/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test code runs in Node, not inside n8n; it prints its counts */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../../harness/harness';

/** Where each reliability test file leaves its counts; formatReport.ts turns them into the README section. */
export const SUMMARY_DIR = join(PACKAGE_ROOT, '.tmp', 'reliability');

/** Prints one test file's counts and writes them next to the others'. */
export function writeSummary(name: string, counts: object): void {
	mkdirSync(SUMMARY_DIR, { recursive: true });
	writeFileSync(join(SUMMARY_DIR, `${name}.json`), `${JSON.stringify({ name, ...counts, at: new Date().toISOString() }, null, 2)}\n`);
	console.log(`[reliability] ${name}: ${JSON.stringify(counts)}`);
}

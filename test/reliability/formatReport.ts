/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test tooling runs in Node, not inside n8n; it prints the section */
/**
 * Prints the README's "Reliability" section from the counts the reliability tests wrote under
 * .tmp/reliability/ (run them first: node scripts/run-tests.mjs reliability). Usage:
 *   npx tsx test/reliability/formatReport.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SUMMARY_DIR } from './support/summary';

type Counts = Record<string, number>;
const read = (name: string): Counts => {
	const path = join(SUMMARY_DIR, `${name}.json`);
	if (!existsSync(path)) throw new Error(`${path} is missing: run node scripts/run-tests.mjs reliability first`);
	return JSON.parse(readFileSync(path, 'utf8')) as Counts;
};

const faults = read('faultMatrix');
const webhook = read('webhookChecks');
const input = read('badInput');
const secrets = read('secretHygiene');

const lines = [
	'## Reliability',
	'',
	'Measured by `test/reliability/` on every `npm test`, against the sandbox over real HTTP:',
	'',
	`- **Faults tried: ${faults.faultKinds}** (refused connection, reset and timeout before and after billing, a stalled body, HTTP 500/502/503/504, 429 with and without Retry-After and one that does not stop, malformed JSON, a truncated body, a non-envelope 200, unknown, transient, rate-limit and balance codes, a clock 10 minutes behind and 2 hours ahead), each with "continue on fail" on and off at concurrency 1 and 5: ${faults.runs} runs, ${faults.itemsIn} input items.`,
	`- **Webhook checks: ${webhook.checks}** (forged signature, missing headers, unknown App Key, stale and future timestamps, oversize body, non-JSON and non-object bodies, a replay as is and re-signed): workflows started by them: ${webhook.startedByBadRequests}.`,
	`- **Inputs tried: ${input.inputs}** bad or awkward values across ${Object.keys(input.byKind ?? {}).length} field kinds (wrong check digits, impossible and future dates, full-width characters, stray and zero-width spaces, SQL and script fragments, spreadsheet numbers such as 1.1010519491231E+17, empty and null values, oversize, zero-byte and HTML "images"): ${input.rejected} rejected before any call (calls made for them: ${input.callsForRejected}), ${input.normalised} normalised and sent, ${input.sentAsTyped} sent as typed, ${input.omitted} optional values left out; one call each.`,
	`- **Items lost: ${faults.itemsLost}.** Every input item gave exactly one output item, or the run stopped with an error naming the item.`,
	`- **Double bills: ${faults.doubleBills + input.doubleBills}.** No request was billed twice (the sandbox ledger, grouped by request fingerprint).`,
	`- **Secret occurrences: ${secrets.secretOccurrences}.** ${secrets.workflows} workflows (all ${secrets.nodes} nodes under three signature settings, faults, bad input, a refused signature, a wrong clock), ${secrets.credentialTests} credential tests and ${secrets.webhookRequests} webhook requests ran with a marker App Secret; outputs, errors (message, description, stack, cause), run data, console output and ${secrets.files} files under the n8n user folder hold neither the marker (plain, hex, base64) nor any of the ${secrets.signaturesChecked} signatures sent (signature occurrences: ${secrets.signatureOccurrences}).`,
];
console.log(lines.join('\n'));

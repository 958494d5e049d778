/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a command-line script */
/**
 * `npm run demo`: starts the sandbox gateway in this process, runs every workflow in examples/
 * through n8n-core with the package's nodes, and prints what the CBT nodes output.
 * Nodes the harness does not carry (spreadsheet export, Google Sheets, …) and what follows them are
 * left out here; the real-n8n suite (`npm run test:e2e`) runs the workflows whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { startSandbox } from '../sandbox/server';
import { HARNESS_NODE_TYPES, loadPackage, PACKAGE_ROOT, runWorkflow, type WorkflowJson } from '../test/harness/harness';
import { EXAMPLE_FILES_DIR, withExampleFilesDir } from '../test/support/ocrSamples';
import { credentialFor } from '../test/support/sandbox';

const EXAMPLES = join(PACKAGE_ROOT, 'examples');
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** Keeps the nodes the harness can run, and drops everything downstream of one it cannot. */
function runnablePart(workflow: WorkflowJson, known: Set<string>): { workflow: WorkflowJson; dropped: string[] } {
	const dropped = new Set(workflow.nodes.filter((node) => !known.has(node.type) && node.type !== STICKY_NOTE).map((node) => node.name));
	let grew = true;
	while (grew) {
		grew = false;
		for (const [source, outputs] of Object.entries(workflow.connections)) {
			if (!dropped.has(source)) continue;
			for (const target of (outputs.main ?? []).flat()) {
				if (target && !dropped.has(target.node)) {
					dropped.add(target.node);
					grew = true;
				}
			}
		}
	}
	const nodes = workflow.nodes.filter((node) => !dropped.has(node.name) && node.type !== STICKY_NOTE);
	const connections = Object.fromEntries(Object.entries(workflow.connections).filter(([source]) => !dropped.has(source)));
	return { workflow: { ...workflow, nodes, connections }, dropped: [...dropped] };
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}

function printTable(items: IDataObject[]) {
	if (items.length === 0) return console.log('    (no items)');
	const columns = [...new Set(items.flatMap((item) => Object.keys(item)))]
		.filter((key) => items.some((item) => item[key] !== null && typeof item[key] !== 'object'))
		.slice(0, 7);
	console.table(items.map((item) => Object.fromEntries(columns.map((column) => [column, cellText(item[column])]))));
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	const pkg = await loadPackage();
	const known = new Set([...HARNESS_NODE_TYPES, ...pkg.nodes.keys()]);
	const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json')).sort();
	console.log(`Sandbox gateway at ${sandbox.url}; ${files.length} example workflow(s) in examples/\n`);
	let failures = 0;
	for (const file of files) {
		// The examples point at the folder users copy the sample files to; the demo reads them in place.
		const original = withExampleFilesDir(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson, EXAMPLE_FILES_DIR);
		const { workflow, dropped } = runnablePart(original, known);
		const before = sandbox.ledger.entries.length;
		const result = await runWorkflow(workflow, { credentials: { cbtApi: credentialFor(sandbox) } });
		const calls = sandbox.ledger.entries.slice(before);
		console.log(`▶ ${original.name ?? file}  (${file})`);
		if (dropped.length) console.log(`  not run here (needs a real n8n): ${dropped.join(', ')}`);
		for (const node of workflow.nodes.filter((candidate: INode) => candidate.type.startsWith('n8n-nodes-cbt.'))) {
			const error = result.error(node.name);
			const items = result.output(node.name);
			console.log(`  ${node.name}: ${error ? `error: ${error.message}` : `${items.length} item(s)`}`);
			if (!error) printTable(items.map((item) => item.json));
			if (error) failures++;
		}
		console.log(`  gateway calls: ${calls.length}, billed: ${calls.filter((entry) => entry.billed).length}\n`);
	}
	await sandbox.close();
	if (failures > 0) {
		console.error(`${failures} node(s) failed`);
		process.exit(1);
	}
	process.exit(0);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

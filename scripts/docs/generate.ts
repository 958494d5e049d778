/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- build tooling */
/**
 * Everything derived from the catalog that is not code: each node's codex file (with the gateway's
 * Chinese names as search aliases) and the README's endpoint, signature and gateway code tables.
 * `npm run docs` writes them; test/docs.test.ts fails when they are stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CATEGORY_NODES, type Endpoint } from '../../nodes/shared/catalog';
import { ENT_RESOURCES } from '../../nodes/shared/catalog/ent';
import { SEARCH_TERMS } from '../../nodes/shared/catalog/searchTerms';
import { CODE_TABLE } from '../../nodes/shared/transport/codes';
import { resultCodesTable } from './resultCodes';
import { signingPresets, SIGNING_EXAMPLE } from './signingVectors';

export const ROOT = resolve(__dirname, '../..');
const DOCS_URL = 'https://github.com/n8n-nodes-cbt/n8n-nodes-cbt#readme';

const CODEX_CATEGORIES: Record<string, string[]> = {
	OCR: ['Finance & Accounting', 'Utility'],
	GA: ['Utility'],
	ENT: ['Sales', 'Utility'],
	OPT: ['Utility'],
	EDU: ['Utility'],
	CAR: ['Utility'],
	IMP: ['Utility'],
	TAX: ['Finance & Accounting'],
	RPA_TAX: ['Finance & Accounting'],
	tv1: ['Marketing', 'Utility'],
	MISC: ['Development', 'Utility'],
};


export const nodeFolder = (node: string) => node.charAt(0).toUpperCase() + node.slice(1);

export interface GeneratedFile {
	path: string;
	content: string;
}

function codex(node: string, category: string, endpoints: readonly Endpoint[], extraAliases: readonly string[] = []): string {
	const aliases = [...new Set(['CBT', 'CBT接口网关', category, ...endpoints.map((endpoint) => endpoint.chineseName), ...extraAliases])];
	return `${JSON.stringify(
		{
			node: `n8n-nodes-cbt.${node}`,
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: CODEX_CATEGORIES[category] ?? ['Utility'],
			alias: aliases,
			resources: {
				credentialDocumentation: [{ url: `${DOCS_URL}` }],
				primaryDocumentation: [{ url: `${DOCS_URL}` }],
			},
		},
		null,
		2,
	)}\n`;
}

/** Codex files for every node whose folder exists. */
export function codexFiles(): GeneratedFile[] {
	const files: GeneratedFile[] = [];
	for (const entry of CATEGORY_NODES) {
		const folder = nodeFolder(entry.node);
		if (!existsSync(join(ROOT, 'nodes', folder))) continue;
		files.push({
			path: `nodes/${folder}/${folder}.node.json`,
			content: codex(entry.node, entry.category, entry.endpoints, SEARCH_TERMS[entry.node]),
		});
	}
	return files;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function endpointTable(): string {
	const rows = ['| Node | Resource › Operation | Gateway name | Method and path | Path |', '| --- | --- | --- | --- | --- |'];
	for (const entry of CATEGORY_NODES) {
		for (const endpoint of entry.endpoints) {
			const operation = endpoint.resource ? `${ENT_RESOURCES[endpoint.resource as keyof typeof ENT_RESOURCES] ?? endpoint.resource} › ${endpoint.name}` : endpoint.name;
			rows.push(
				`| ${entry.displayName} | ${cell(operation)} | ${cell(endpoint.chineseName)} | \`${endpoint.method} ${endpoint.path}\` | ${endpoint.pathConfirmed ? 'documented' : 'assumed'} |`,
			);
		}
	}
	const total = CATEGORY_NODES.reduce((sum, entry) => sum + entry.endpoints.length, 0);
	return `${rows.join('\n')}\n\n${total} endpoints.`;
}

export function signingTable(): string {
	const example = SIGNING_EXAMPLE;
	const rows = [
		`Computed by the tests for App Key \`${example.appKey}\`, App Secret \`${example.appSecret}\`, timestamp \`${example.timestamp}\`, body \`${example.body}\` (hex, lowercase):`,
		'',
		'| Algorithm, string to sign | String to sign | Signature |',
		'| --- | --- | --- |',
		...signingPresets().map((row) => `| ${row.label} | \`${cell(row.canonical)}\` | \`${row.signature}\` |`),
	];
	return rows.join('\n');
}

/**
 * The gateway codes, one row per row of CODE_TABLE (nodes/shared/transport/codes.ts); the kind is
 * what a gateway profile calls it.
 */
export function codesTable(): string {
	const rows = ['| Code | Meaning | Kind | What to do |', '| --- | --- | --- | --- |'];
	for (const row of CODE_TABLE) rows.push(`| ${row.code} | ${cell(row.meaning)} | \`${row.kind}\` | ${row.hint ? cell(row.hint) : '—'} |`);
	return rows.join('\n');
}

/**
 * Where a section without its markers sits: the markdown table whose first line is `header`. The
 * first run of `npm run docs` after a section is introduced puts the markers around it.
 */
function unmarkedTable(text: string, header: string): { from: number; to: number } | undefined {
	const at = text.indexOf(`\n${header}\n`);
	if (at < 0) return undefined;
	const from = at + 1;
	const lines = text.slice(from).split('\n');
	const length = lines.findIndex((line) => !line.startsWith('|'));
	return { from, to: from + lines.slice(0, length < 0 ? lines.length : length).join('\n').length };
}

function replaceSection(text: string, name: string, body: string, unmarked?: string): string {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < 0) {
		const table = unmarked === undefined ? undefined : unmarkedTable(text, unmarked);
		if (!table) throw new Error(`README.md has no ${start} … ${end} section`);
		return `${text.slice(0, table.from)}${start}\n${body}\n${end}${text.slice(table.to)}`;
	}
	return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

export function readme(): GeneratedFile {
	let text = readFileSync(join(ROOT, 'README.md'), 'utf8');
	text = replaceSection(text, 'endpoints', endpointTable());
	text = replaceSection(text, 'signing', signingTable());
	text = replaceSection(text, 'result-codes', resultCodesTable());
	// Before it had markers, the code table was written by hand under this header line.
	text = replaceSection(text, 'codes', codesTable(), '| Code | Meaning |');
	return { path: 'README.md', content: text };
}

export function generatedFiles(): GeneratedFile[] {
	return [...codexFiles(), readme()];
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
/**
 * The layers of nodes/shared as docs/architecture.md draws them: the test reads the order from the
 * document's picture, so the picture and the code cannot drift apart. A folder imports only from
 * itself and the folders drawn below it; no module imports itself through a cycle; a node imports
 * shared code and its own folder, never another node's folder.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

import { PACKAGE_ROOT as ROOT } from '../harness/harness';

const SHARED = join(ROOT, 'nodes/shared');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/from\s+'(\.[^']+)'/g)].flatMap(([, spec]) => {
		const base = resolve(dirname(file), spec);
		const target = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
		return target ? [target] : [];
	});
}

/** The folders of nodes/shared, top first, from the picture in docs/architecture.md. */
function layersInDocument(): string[] {
	const document = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
	const picture = /<!-- layers -->\s*```text\n([\s\S]*?)```/.exec(document);
	assert.ok(picture, 'docs/architecture.md has a ```text block after <!-- layers -->');
	return [...picture[1].matchAll(/^\s*([a-z]+)\/\s/gm)].map(([, folder]) => folder);
}

const layers = layersInDocument();
const files = sources(SHARED);
const layerOf = (file: string) => layers.indexOf(relative(SHARED, file).split('/')[0]);

describe('nodes/shared is in layers', () => {
	it('the picture names every folder of nodes/shared, and nothing else', () => {
		const folders = readdirSync(SHARED).filter((name) => statSync(join(SHARED, name)).isDirectory());
		assert.deepEqual([...layers].sort(), folders.sort());
		assert.deepEqual(
			readdirSync(SHARED).filter((name) => !statSync(join(SHARED, name)).isDirectory()),
			[],
			'every shared module lives in a layer',
		);
	});

	it('a layer imports only from itself and the layers below it', () => {
		const upward = files.flatMap((file) =>
			importsOf(file)
				.filter((target) => !target.startsWith(SHARED) || layerOf(target) < layerOf(file))
				.map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
		);
		assert.deepEqual(upward, []);
	});

	it('no module reaches itself through its imports', () => {
		const all = [...files, ...sources(join(ROOT, 'nodes')).filter((file) => !file.startsWith(SHARED)), ...sources(join(ROOT, 'credentials'))];
		const state = new Map<string, 'open' | 'done'>();
		const cycles: string[] = [];
		const visit = (file: string, path: string[]) => {
			state.set(file, 'open');
			for (const target of importsOf(file)) {
				if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), target].map((f) => relative(ROOT, f)).join(' -> '));
				else if (!state.has(target)) visit(target, [...path, target]);
			}
			state.set(file, 'done');
		};
		for (const file of all) if (!state.has(file)) visit(file, [file]);
		assert.deepEqual(cycles, []);
	});

	it("a node imports shared code and its own folder, never another node's", () => {
		const nodes = join(ROOT, 'nodes');
		const crossing = sources(nodes)
			.filter((file) => !file.startsWith(SHARED))
			.flatMap((file) => {
				const own = relative(nodes, file).split('/')[0];
				return importsOf(file)
					.filter((target) => !target.startsWith(SHARED) && relative(nodes, target).split('/')[0] !== own)
					.map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
			});
		assert.deepEqual(crossing, []);
	});
});

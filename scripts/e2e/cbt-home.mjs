// An n8n user folder with THIS package installed as users get it, the sandbox credential and the
// example workflows: shared by the e2e test (test/e2e/), the editor check and `npm run editor`.
//
// The package is installed into <home>/.n8n/nodes the way n8n's own community-node installer does it
// (npm pack of the built package, untarred, peers dropped), so node types are `n8n-nodes-cbt.<name>`,
// exactly what the examples and users' workflows contain. N8N_CUSTOM_EXTENSIONS would load the same
// dist/ but under the types `CUSTOM.<name>`, so the examples would not run unchanged; pass
// { via: 'custom' } to load it that way anyway (the types are then rewritten in the imported workflows).
//
// Stdlib only; `npm run build` must have made dist/ first.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createN8nHome, importCredentials, installNodePackage, newWorkflowId, runN8nCli } from './n8n-runner.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The folder the examples use; n8n 2.x lets its file nodes use only ~/.n8n-files by default. */
export const EXAMPLE_FILES_PLACEHOLDER = '/home/node/.n8n-files/cbt-examples';
/** The credential the examples reference (id and name as in examples/*.json). */
export const SANDBOX_CREDENTIAL = { id: 'cbtSandboxCredential', name: 'CBT Sandbox', type: 'cbtApi' };
export const SANDBOX_APP = { appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret' };

const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).name;

/** The example workflows: [{ file, workflow }], sorted by file name. */
export function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** A workflow with the examples' placeholder folder replaced by `dir`. */
export function withFilesDir(workflow, dir) {
	return JSON.parse(JSON.stringify(workflow).split(EXAMPLE_FILES_PLACEHOLDER).join(dir));
}

/** A workflow whose CBT API credential references all point at `credential` (examples differ in the id they use). */
export function withCredential(workflow, credential) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes ?? []) {
		if (node.credentials?.cbtApi) node.credentials.cbtApi = { id: credential.id, name: credential.name };
	}
	return copy;
}

/** A workflow whose `n8n-nodes-cbt.*` node types are renamed for the way the package was loaded. */
export function forLoading(workflow, via) {
	if (via !== 'custom') return workflow;
	return JSON.parse(JSON.stringify(workflow).split(`"${PACKAGE_NAME}.`).join('"CUSTOM.'));
}

/**
 * A scratch n8n home with the package and the sandbox credential.
 * @param {{sandboxUrl: string, install?: object, via?: 'nodes'|'custom', dir?: string, env?: object, expressionEngine?: string}} opts
 * @returns {Promise<{home: object, credential: {id: string, name: string, type: string}, examplesDir: string, nodeType: (name: string) => string}>}
 */
export async function prepareCbtHome(opts) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const via = opts.via || 'nodes';
	const home = await createN8nHome({
		install: opts.install,
		dir: opts.dir,
		env: opts.env,
		expressionEngine: opts.expressionEngine,
		customExtensions: via === 'custom' ? path.join(REPO_ROOT, 'dist') : undefined,
	});
	if (via === 'nodes') installNodePackage(home, REPO_ROOT, { mode: 'n8n' });
	const [credential] = await importCredentials(home, [
		{ ...SANDBOX_CREDENTIAL, data: { ...SANDBOX_APP, baseUrl: opts.sandboxUrl } },
	]);
	// the examples' files, where their (rewritten) paths point
	const examplesDir = path.join(home.filesDir, 'cbt-examples');
	fs.cpSync(path.join(EXAMPLES_DIR, 'files'), examplesDir, { recursive: true });
	/** An example or test workflow as it must be imported into this home. */
	const adapt = (workflow) => forLoading(withCredential(withFilesDir(workflow, examplesDir), credential), via);
	return {
		home,
		credential,
		examplesDir,
		via,
		adapt,
		nodeType: (name) => (via === 'custom' ? `CUSTOM.${name}` : `${PACKAGE_NAME}.${name}`),
	};
}

/**
 * Import several workflows in one n8n process (one import per workflow costs ~5 s of n8n start-up).
 * Each gets an id if it has none. Returns the ids in order.
 */
export async function importWorkflows(home, workflows) {
	const list = workflows.map((w) => ({
		...w,
		id: w.id || newWorkflowId(),
		active: false,
		settings: w.settings ?? {},
		connections: w.connections ?? {},
	}));
	const dir = path.join(home.dir, 'import', `batch-${Date.now()}`);
	fs.mkdirSync(dir, { recursive: true });
	list.forEach((w, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(w, null, 2)));
	const r = await runN8nCli(home, ['import:workflow', '--separate', `--input=${dir}`]);
	if (!(r.code === 0 || r.signal === 'SIGSEGV') || !/Successfully imported/.test(r.stdout + r.stderr)) {
		throw new Error(`n8n import:workflow --separate failed (exit ${r.code ?? r.signal}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
	}
	return list.map((w) => w.id);
}

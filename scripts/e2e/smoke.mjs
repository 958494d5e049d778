#!/usr/bin/env node
// Smoke test of the real-n8n tooling (n8n-install.mjs + n8n-runner.mjs).
//
//   node scripts/e2e/smoke.mjs [--skip-custom] [--skip-start] [--keep]
//
// 1. ensureN8n(): the cached n8n 2.39.10 on Node 24 (installs it on first use, ~6 min).
// 2. Base nodes only: Manual Trigger -> Code (2 items) -> Convert to File (XLSX) -> Read/Write Files
//    from Disk (write into the home's files dir) -> Read/Write (read it back) -> Extract from File (XLSX).
//    Checks the file on disk and the items in the run data.
// 3. (unless --skip-custom) a throwaway node package made in a temp dir, loaded three ways:
//    N8N_CUSTOM_EXTENSIONS=<package folder with package.json + dist/>, and `npm install` of its tarball
//    or of its folder inside <N8N_USER_FOLDER>/.n8n/nodes. For each, the node-type name that works is
//    found by executing a workflow with a credential imported through importCredentials().
// 4. (unless --skip-start) startN8n() on a free 127.0.0.1 port, /healthz, stop().
// Exit code 0 only if every check passed.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n } from './n8n-install.mjs';
import { chainConnections, createN8nHome, executeWorkflow, importCredentials, importWorkflow, installNodePackage, startN8n, workflowNode } from './n8n-runner.mjs';

const args = new Set(process.argv.slice(2));
const keep = args.has('--keep');
const results = [];
let exitCrashes = 0; // executions that printed a complete run, then died of SIGSEGV in process.exit()
let executions = 0;
const t0 = Date.now();

function check(name, ok, detail = '') {
	results.push({ name, ok: !!ok, detail });
	process.stderr.write(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}\n`);
	return !!ok;
}
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function baseWorkflow(filesDir) {
	const out = path.join(filesDir, 'smoke-out.xlsx');
	const node = workflowNode;
	const chain = chainConnections;
	return {
		out,
		wf: {
			name: 'cbt smoke: base nodes to XLSX',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
				node(
					'Make items',
					'n8n-nodes-base.code',
					2,
					{ jsCode: "return [{ json: { name: 'Alice', amount: 1 } }, { json: { name: 'Bob', amount: 2 } }];" },
					200,
				),
				node('To XLSX', 'n8n-nodes-base.convertToFile', 1.1, {
					operation: 'xlsx',
					binaryPropertyName: 'data',
					options: { fileName: 'smoke-out.xlsx', sheetName: 'Smoke', headerRow: true },
				}, 400),
				node('Write', 'n8n-nodes-base.readWriteFile', 1.1, { operation: 'write', fileName: out, dataPropertyName: 'data', options: {} }, 600),
				node('Read back', 'n8n-nodes-base.readWriteFile', 1.1, { operation: 'read', fileSelector: out, options: {} }, 800),
				node('Parse XLSX', 'n8n-nodes-base.extractFromFile', 1.1, { operation: 'xlsx', binaryPropertyName: 'data', options: {} }, 1000),
			],
			connections: chain('Start', 'Make items', 'To XLSX', 'Write', 'Read back', 'Parse XLSX'),
			settings: { executionOrder: 'v1' },
		},
	};
}

async function smokeBaseNodes(install) {
	const home = await createN8nHome({ install });
	try {
		const { wf, out } = baseWorkflow(home.filesDir);
		let t = Date.now();
		const id = await importWorkflow(home, wf);
		check('import:workflow', !!id, `id ${id}, ${secs(Date.now() - t)}`);
		t = Date.now();
		const res = await executeWorkflow(home, id);
		executions++;
		const execMs = Date.now() - t;
		if (res.exitCrashed) exitCrashes++;
		if (!check('execute --rawOutput: run data parsed, no error', res.ok, `exit ${res.code ?? res.signal}${res.exitCrashed ? ' (known SIGSEGV at exit)' : ''}, ${secs(execMs)}`)) {
			process.stderr.write(`--- error: ${JSON.stringify(res.error)?.slice(0, 2000)}\n--- stdout tail:\n${res.stdout.slice(-3000)}\n--- stderr tail:\n${res.stderr.slice(-3000)}\n`);
		}
		const made = res.items['Make items'] || [];
		check('Code node gave 2 items', made.length === 2 && made[0]?.name === 'Alice' && made[1]?.name === 'Bob', JSON.stringify(made));
		const exists = fs.existsSync(out);
		const head = exists ? fs.readFileSync(out).subarray(0, 2).toString('latin1') : '';
		check('XLSX written by Read/Write Files from Disk', exists && head === 'PK', exists ? `${out} (${fs.statSync(out).size} bytes, zip)` : `${out} missing`);
		const parsed = res.items['Parse XLSX'] || [];
		check(
			'XLSX read back and parsed to the same 2 rows',
			parsed.length === 2 && parsed[0]?.name === 'Alice' && Number(parsed[1]?.amount) === 2,
			JSON.stringify(parsed),
		);
		return { execMs, home };
	} finally {
		if (!keep) home.cleanup();
		else process.stderr.write(`kept home ${home.dir}\n`);
	}
}

// ---------- throwaway custom node package ----------
function makeCustomPackage(root) {
	const pkg = path.join(root, 'n8n-nodes-cbtsmoke');
	fs.mkdirSync(path.join(pkg, 'dist', 'nodes', 'CbtSmokeHello'), { recursive: true });
	fs.mkdirSync(path.join(pkg, 'dist', 'credentials'), { recursive: true });
	fs.writeFileSync(
		path.join(pkg, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-cbtsmoke',
				version: '0.0.1',
				main: 'index.js',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					strict: true,
					credentials: ['dist/credentials/CbtSmokeApi.credentials.js'],
					nodes: ['dist/nodes/CbtSmokeHello/CbtSmokeHello.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(pkg, 'index.js'), 'module.exports = {};\n');
	fs.writeFileSync(
		path.join(pkg, 'dist', 'credentials', 'CbtSmokeApi.credentials.js'),
		`"use strict";
class CbtSmokeApi {
  constructor() {
    this.name = 'cbtSmokeApi';
    this.displayName = 'CBT Smoke API';
    this.properties = [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }];
  }
}
exports.CbtSmokeApi = CbtSmokeApi;
`,
	);
	fs.writeFileSync(
		path.join(pkg, 'dist', 'nodes', 'CbtSmokeHello', 'CbtSmokeHello.node.js'),
		`"use strict";
const crypto = require('node:crypto');
class CbtSmokeHello {
  constructor() {
    this.description = {
      displayName: 'CBT Smoke Hello', name: 'cbtSmokeHello', group: ['transform'], version: 1,
      description: 'smoke test node', defaults: { name: 'CBT Smoke Hello' },
      inputs: ['main'], outputs: ['main'], usableAsTool: true,
      credentials: [{ name: 'cbtSmokeApi', required: true }],
      properties: [{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello' }],
    };
  }
  async execute() {
    const creds = await this.getCredentials('cbtSmokeApi');
    const sha = crypto.createHash('sha256').update(String(creds.token)).digest('hex').slice(0, 12);
    return [this.getInputData().map((item, i) => ({
      json: { ...item.json, greeting: this.getNodeParameter('greeting', i), tokenSha: sha, nodeType: this.getNode().type },
      pairedItem: { item: i },
    }))];
  }
}
exports.CbtSmokeHello = CbtSmokeHello;
`,
	);
	return pkg;
}

function customWorkflow(nodeType, cred) {
	return {
		name: `cbt smoke: ${nodeType}`,
		nodes: [
			{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: 'Hello',
				type: nodeType,
				typeVersion: 1,
				position: [200, 0],
				parameters: { greeting: 'ni hao' },
				credentials: { cbtSmokeApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Hello', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Try each candidate node type in a home; return the ones that ran. */
async function probeTypes(home, candidates, token) {
	const [cred] = await importCredentials(home, [{ name: 'smoke cred', type: 'cbtSmokeApi', data: { token } }]);
	const want = crypto.createHash('sha256').update(token).digest('hex').slice(0, 12);
	const worked = [];
	const failures = {};
	for (const type of candidates) {
		const id = await importWorkflow(home, customWorkflow(type, cred));
		const res = await executeWorkflow(home, id);
		executions++;
		if (res.exitCrashed) exitCrashes++;
		const out = res.items.Hello?.[0];
		if (res.ok && out?.greeting === 'ni hao' && out?.tokenSha === want) worked.push(type);
		else {
			const msgs = [res.error?.message, ...res.errorMessages.map((m) => m.trim()).filter((m) => m && !/See log messages|^Execution error|^=+$/.test(m))].filter(Boolean);
			failures[type] = `${msgs[0] || 'no error message'} (exit ${res.code ?? res.signal})`.slice(0, 300);
		}
	}
	return { worked, failures };
}

function npm(args, cwd) {
	const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
	if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
	return r.stdout.trim();
}

async function smokeCustom(install) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbt-smoke-pkg-'));
	const pkg = makeCustomPackage(root);
	const tarball = path.join(root, npm(['pack', '--silent', '--pack-destination', root], pkg).split('\n').pop());
	const token = `tok-${crypto.randomBytes(6).toString('hex')}`;
	const candidates = ['CUSTOM.cbtSmokeHello', 'n8n-nodes-cbtsmoke.cbtSmokeHello'];
	const found = {};
	const variants = [
		{ key: 'N8N_CUSTOM_EXTENSIONS=<package folder (package.json + dist/)>', opts: { customExtensions: pkg } },
		{ key: 'N8N_CUSTOM_EXTENSIONS=<package>/dist', opts: { customExtensions: path.join(pkg, 'dist') } },
		{ key: '.n8n/nodes, as n8n installs a package (tarball untarred, peers dropped)', install: (home) => installNodePackage(home, tarball) },
		{ key: '.n8n/nodes, npm install --legacy-peer-deps <folder> (symlink)', install: (home) => installNodePackage(home, pkg, { mode: 'link' }) },
	];
	for (const v of variants) {
		const home = await createN8nHome({ install, ...(v.opts || {}) });
		try {
			if (v.install) v.install(home);
			const t = Date.now();
			const { worked, failures } = await probeTypes(home, candidates, token);
			found[v.key] = worked;
			check(`custom node via ${v.key}`, worked.length > 0, `works as ${JSON.stringify(worked)}; not as ${JSON.stringify(failures)} (${secs(Date.now() - t)})`);
		} finally {
			if (!keep) home.cleanup();
		}
	}
	if (!keep) fs.rmSync(root, { recursive: true, force: true });
	return found;
}

async function smokeStart(install) {
	const home = await createN8nHome({ install });
	const t = Date.now();
	let h;
	try {
		h = await startN8n(home);
		const ms = Date.now() - t;
		const res = await fetch(`${h.url}/healthz`);
		check('n8n start answers /healthz on 127.0.0.1', res.status === 200, `${h.url}, ready in ${secs(ms)}`);
		return ms;
	} finally {
		if (h) await h.stop();
		check('n8n start stopped', !h || !isAlive(h.pid));
		if (!keep) home.cleanup();
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function main() {
	let t = Date.now();
	const install = await ensureN8n();
	const ensureMs = Date.now() - t;
	check('ensureN8n', true, `${install.installed ? 'installed' : 'cached'} n8n ${install.n8nVersion} on Node ${install.nodeVersion} in ${secs(ensureMs)} (${install.cacheDir})`);

	const { execMs } = await smokeBaseNodes(install);
	let custom;
	if (!args.has('--skip-custom')) custom = await smokeCustom(install);
	let startMs;
	if (!args.has('--skip-start')) startMs = await smokeStart(install);

	const failed = results.filter((r) => !r.ok);
	const summary = {
		n8nVersion: install.n8nVersion,
		nodeVersion: install.nodeVersion,
		cacheDir: install.cacheDir,
		ensureSeconds: +(ensureMs / 1000).toFixed(1),
		freshInstall: install.installed,
		baseWorkflowExecuteSeconds: +(execMs / 1000).toFixed(1),
		startReadySeconds: startMs && +(startMs / 1000).toFixed(1),
		customNodeTypes: custom,
		executions,
		sigsegvAtExit: exitCrashes,
		totalSeconds: +((Date.now() - t0) / 1000).toFixed(1),
		passed: results.length - failed.length,
		failed: failed.length,
	};
	process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
	process.stdout.write(`smoke: ${summary.passed} passed, ${summary.failed} failed\n`);
	process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
	process.stderr.write(`smoke crashed: ${e.stack || e}\n`);
	process.exit(1);
});

// Helpers to drive a real, cached n8n (see n8n-install.mjs) headless against a scratch user folder.
//
//   import { createN8nHome, importCredentials, importWorkflow, executeWorkflow, startN8n } from './n8n-runner.mjs';
//   const home = await createN8nHome({ customExtensions: ['/path/to/dist'] });
//   await importCredentials(home, [{ name: 'x', type: 'cbtApi', data: { key: '...' } }]);
//   const id = await importWorkflow(home, workflowJson);
//   const res = await executeWorkflow(home, id);   // res.ok, res.run, res.runData, res.stdout ...
//   home.cleanup();
//
// Every n8n process runs on the cached Node 24 (first on PATH, and as the interpreter of the n8n bin),
// with a hermetic environment: inherited N8N_*, DB_*, NODES_*, EXECUTIONS_*, NODE_OPTIONS, NODE_PATH
// are dropped, then the values below are set. Everything listens on 127.0.0.1 only.
//
// Stdlib only.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n } from './n8n-install.mjs';

/** Fixed key so that imported credentials decrypt in every process of a home. Test-only. */
export const TEST_ENCRYPTION_KEY = 'cbt-e2e-test-encryption-key-not-a-secret';

const STRIP_ENV = /^(N8N_|DB_|NODES_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|VUE_APP_|CREDENTIALS_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|npm_)/;

// n8n 2.39 on Node 24 sometimes dies of SIGSEGV inside process.exit() (an isolated-vm isolate of the
// 'vm' expression engine still allocating while V8 is torn down). No core files from that, please:
// `sh -c 'ulimit -c 0; exec node ...'` keeps the pid (exec) and so the process-group kill.
const NO_CORE = ['-c', 'ulimit -c 0 2>/dev/null; exec "$0" "$@"'];

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const pid of running) killGroup(pid, 'SIGKILL');
	});
}

/** Ask the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function toList(v) {
	if (v === undefined || v === null || v === '') return [];
	return Array.isArray(v) ? v : [v];
}

/**
 * Make a scratch n8n user folder and the environment to run n8n in it.
 * @param {object} [opts]
 * @param {string|string[]} [opts.customExtensions] folders for N8N_CUSTOM_EXTENSIONS (node types become CUSTOM.<name>)
 * @param {string|string[]} [opts.fileAccessDirs] extra folders the file nodes may use (N8N_RESTRICT_FILE_ACCESS_TO)
 * @param {Record<string,string>} [opts.env] extra/overriding environment variables
 * @param {string} [opts.baseDir] where to create the folder (default os.tmpdir())
 * @param {string} [opts.dir] use this folder instead of a fresh temp one
 * @param {object} [opts.install] result of ensureN8n() (called if absent)
 * @param {string} [opts.logLevel] N8N_LOG_LEVEL (default 'info'; `execute --rawOutput` prints at info, so keep >= info)
 * @param {'vm'|'legacy'|'quickjs'} [opts.expressionEngine] N8N_EXPRESSION_ENGINE; default: n8n's own default ('vm',
 *   isolated-vm), which is what users run. 'legacy' avoids the SIGSEGV-at-exit described at NO_CORE.
 * @param {string[]} [opts.nodeArgs] extra arguments for the Node 24 running n8n (e.g. ['--inspect=127.0.0.1:9229'])
 * @returns {Promise<N8nHome>}
 *
 * @typedef {object} N8nHome
 * @property {string} dir          N8N_USER_FOLDER (n8n keeps its data in dir/.n8n)
 * @property {string} n8nFolder    dir/.n8n (database.sqlite, config, binaryData)
 * @property {string} nodesDir     dir/.n8n/nodes (where `npm install <pkg>` makes a community package)
 * @property {string} filesDir     dir/files, allowed for Read/Write Files from Disk
 * @property {Record<string,string>} env  full environment for n8n processes
 * @property {object} install      ensureN8n() result (nodeBin, n8nBin, ...)
 * @property {string[]} nodeArgs   extra Node arguments for every n8n process
 * @property {() => void} cleanup  remove dir
 */
export async function createN8nHome(opts = {}) {
	const install = opts.install || (await ensureN8n());
	const dir = opts.dir ? path.resolve(opts.dir) : fs.mkdtempSync(path.join(opts.baseDir || os.tmpdir(), 'cbt-n8n-home-'));
	fs.mkdirSync(dir, { recursive: true });
	const n8nFolder = path.join(dir, '.n8n');
	const filesDir = path.join(dir, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	fs.mkdirSync(n8nFolder, { recursive: true });

	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!STRIP_ENV.test(k)) env[k] = v;
	env.PATH = [install.nodeBinDir, process.env.PATH || ''].filter(Boolean).join(path.delimiter);
	const allowed = [filesDir, ...toList(opts.fileAccessDirs).map((d) => path.resolve(d))];
	const custom = toList(opts.customExtensions).map((d) => path.resolve(d));
	Object.assign(env, {
		N8N_USER_FOLDER: dir,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: opts.logLevel || 'info',
		N8N_LOG_OUTPUT: 'console',
		// quiet, offline, local
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // no fetch of the vetted community-node list
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false', // the editor is served over plain http on 127.0.0.1
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_WORKFLOW_HISTORY_COMPACTION_SKIP_ON_START_UP: 'true',
		// file nodes: 2.x only allows ~/.n8n-files by default (N8N_RESTRICT_FILE_ACCESS_TO, ';'-separated)
		N8N_RESTRICT_FILE_ACCESS_TO: allowed.join(';'),
		N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	});
	if (custom.length) env.N8N_CUSTOM_EXTENSIONS = custom.join(';');
	if (opts.expressionEngine) env.N8N_EXPRESSION_ENGINE = opts.expressionEngine;
	Object.assign(env, opts.env || {});

	return {
		dir,
		n8nFolder,
		nodesDir: path.join(n8nFolder, 'nodes'),
		filesDir,
		env,
		install,
		nodeArgs: opts.nodeArgs || [],
		cleanup() {
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * Run the n8n CLI of the cached install in a home. Never rejects on a non-zero exit.
 * @param {N8nHome} home
 * @param {string[]} args
 * @param {{env?: Record<string,string>, timeoutMs?: number}} [opts]
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, timedOut: boolean, ms: number}>}
 */
export async function runN8nCli(home, args, opts = {}) {
	const env = { ...home.env, ...(opts.env || {}) };
	// every CLI process starts a task broker (Code node); give each its own port so processes can overlap
	if (!opts.env?.N8N_RUNNERS_BROKER_PORT) env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn('/bin/sh', [...NO_CORE, home.install.nodeBin, ...(home.nodeArgs || []), home.install.n8nBin, ...args], {
			cwd: home.dir,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group: a timeout kills the task runner too
		});
		installExitHook();
		running.add(child.pid);
		const out = [];
		const err = [];
		child.stdout.on('data', (b) => out.push(b));
		child.stderr.on('data', (b) => err.push(b));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, opts.timeoutMs ?? 180000);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(child.pid);
			killGroup(child.pid, 'SIGKILL', { groupOnly: true }); // a task runner orphaned by a crash
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				timedOut,
				ms: Date.now() - started,
			});
		});
	});
}

function killGroup(pid, signal, { groupOnly = false } = {}) {
	try {
		process.kill(-pid, signal);
	} catch {
		if (groupOnly) return;
		try {
			process.kill(pid, signal);
		} catch {
			/* gone */
		}
	}
}

function cliFailure(what, r) {
	const tail = (s) => s.split('\n').slice(-30).join('\n');
	return new Error(
		`${what} failed (exit ${r.code ?? r.signal}${r.timedOut ? ', timed out' : ''}):\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
	);
}

/** exit 0, or the known SIGSEGV inside process.exit() (callers also check the output). */
function cliSucceeded(r) {
	return r.code === 0 || (r.signal === 'SIGSEGV' && !r.timedOut);
}

/** A workflow id of the kind n8n generates: 16 letters/digits. */
/** A workflow node at position x on one row; `extra` adds credentials, webhookId and the like. */
export const workflowNode = (name, type, typeVersion, parameters, x, extra = {}) => ({
	id: crypto.randomUUID(),
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
	...extra,
});

/** Connections that run the named nodes one after another. */
export const chainConnections = (...names) =>
	Object.fromEntries(names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

export function newWorkflowId() {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	return Array.from(bytes, (b) => abc[b % abc.length]).join('');
}

function writeImportFile(home, name, data) {
	const dir = path.join(home.dir, 'import');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/**
 * Import credentials (`n8n import:credentials`). `data` may be a plain object: n8n encrypts it with the
 * home's N8N_ENCRYPTION_KEY. Missing ids are assigned. Returns the credentials as imported (with ids),
 * so a workflow can reference them as `{ "<type>": { "id": cred.id, "name": cred.name } }`.
 * @param {N8nHome} home
 * @param {Array<{id?: string, name: string, type: string, data: object}>} creds
 * @returns {Promise<Array<{id: string, name: string, type: string}>>}
 */
export async function importCredentials(home, creds) {
	const list = creds.map((c) => ({ ...c, id: c.id || newWorkflowId() }));
	const file = writeImportFile(home, 'credentials', list);
	const r = await runN8nCli(home, ['import:credentials', `--input=${file}`]);
	if (!cliSucceeded(r) || !/Successfully imported/.test(r.stdout + r.stderr)) throw cliFailure('n8n import:credentials', r);
	return list.map(({ id, name, type }) => ({ id, name, type }));
}

/**
 * Import one workflow (`n8n import:workflow`). Accepts the workflow object or a path to its JSON.
 * An id is assigned if missing; `active` is forced false. Returns the workflow id.
 * @param {N8nHome} home
 * @param {object|string} workflow
 * @returns {Promise<string>}
 */
export async function importWorkflow(home, workflow) {
	const wf = typeof workflow === 'string' ? JSON.parse(fs.readFileSync(workflow, 'utf8')) : structuredClone(workflow);
	if (!wf.id) wf.id = newWorkflowId();
	wf.name ??= `e2e ${wf.id}`;
	wf.active = false;
	wf.connections ??= {};
	wf.settings ??= {};
	const file = writeImportFile(home, 'workflow', wf);
	const r = await runN8nCli(home, ['import:workflow', `--input=${file}`]);
	if (!cliSucceeded(r) || !/Successfully imported/.test(r.stdout + r.stderr)) throw cliFailure('n8n import:workflow', r);
	return wf.id;
}

function looksLikeRun(o) {
	return !!o && typeof o === 'object' && !!o.data && typeof o.data === 'object' && !!o.data.resultData;
}

/**
 * Find n8n's run data (IRun) in the stdout of `n8n execute --rawOutput`.
 * 2.39's execute prints it with the logger at level info: `JSON.stringify(run, null, 2)` as one message
 * (also on failure, after "Execution was NOT successful"). With N8N_LOG_FORMAT=json each log entry is one
 * JSON line whose `message` holds that text; with the text format the message appears verbatim.
 * Both are handled; the last candidate that looks like a run wins.
 * @param {string} stdout
 * @returns {object|undefined}
 */
export function parseRunOutput(stdout) {
	let found;
	const lines = stdout.split(/\r?\n/);
	// json log lines
	for (const line of lines) {
		const t = line.trim();
		if (!t.startsWith('{') || !t.endsWith('}')) continue;
		let entry;
		try {
			entry = JSON.parse(t);
		} catch {
			continue;
		}
		if (looksLikeRun(entry)) found = entry;
		else if (entry && typeof entry.message === 'string' && entry.message.trimStart().startsWith('{')) {
			try {
				const m = JSON.parse(entry.message);
				if (looksLikeRun(m)) found = m;
			} catch {
				/* not a run */
			}
		}
	}
	if (found) return found;
	// text format: a pretty-printed object starts with a line "{" and ends with a line "}"
	const clean = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
	for (let i = 0; i < clean.length; i++) {
		if (clean[i].trim() !== '{') continue;
		for (let j = clean.length - 1; j > i; j--) {
			if (clean[j].trim() !== '}') continue;
			try {
				const o = JSON.parse(clean.slice(i, j + 1).join('\n'));
				if (looksLikeRun(o)) {
					found = o;
					i = j;
					break;
				}
			} catch {
				/* try a shorter span */
			}
		}
	}
	return found;
}

/** n8n's log entries from stdout written with N8N_LOG_FORMAT=json: [{level, message}]. */
export function parseLogLines(stdout) {
	const res = [];
	for (const line of stdout.split(/\r?\n/)) {
		const t = line.trim();
		if (!t.startsWith('{"level"')) continue;
		try {
			const e = JSON.parse(t);
			if (typeof e.message === 'string') res.push({ level: e.level, message: e.message });
		} catch {
			/* not a log line */
		}
	}
	return res;
}

/**
 * Output items of each node of a run: { [nodeName]: json[] } (main output 0 of the node's last run).
 * @param {object} run IRun
 */
export function itemsByNode(run, { output = 0 } = {}) {
	const res = {};
	const runData = run?.data?.resultData?.runData || {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs[runs.length - 1];
		res[name] = (last?.data?.main?.[output] || []).map((i) => i.json);
	}
	return res;
}

/**
 * Execute an imported workflow headless (`n8n execute --id=<id> --rawOutput`).
 * @param {N8nHome} home
 * @param {string} id
 * @param {{timeoutMs?: number, env?: Record<string,string>}} [opts]
 * @returns {Promise<{ok: boolean, code: number|null, run: object|undefined, runData: object, items: Record<string, object[]>,
 *   error: object|undefined, lastNodeExecuted: string|undefined, stdout: string, stderr: string, ms: number, timedOut: boolean,
 *   signal: string|null, exitCrashed: boolean, logs: Array<{level: string, message: string}>, errorMessages: string[]}>}
 *   ok: a complete run without resultData.error, and exit 0 (or the known SIGSEGV at exit: then exitCrashed). `run` is n8n's IRun (run.data.resultData.runData[node][i].data.main[o][k].json).
 */
export async function executeWorkflow(home, id, opts = {}) {
	const r = await runN8nCli(home, ['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: opts.timeoutMs ?? 180000,
		env: { N8N_LOG_FORMAT: 'json', ...(opts.env || {}) },
	});
	const run = parseRunOutput(r.stdout);
	const error = run?.data?.resultData?.error;
	const logs = parseLogLines(r.stdout);
	// the run is printed (synchronously: stdout is a pipe) before process.exit(); a SIGSEGV after a
	// complete run is the known exit crash, not a failed execution
	const exitCrashed = r.signal === 'SIGSEGV' && !!run;
	const finished = !!run && !error && (run.status === undefined || run.status === 'success');
	return {
		ok: finished && (r.code === 0 || exitCrashed),
		exitCrashed,
		code: r.code,
		signal: r.signal,
		logs,
		errorMessages: logs.filter((l) => l.level === 'error').map((l) => l.message),
		run,
		runData: run?.data?.resultData?.runData || {},
		items: run ? itemsByNode(run) : {},
		error,
		lastNodeExecuted: run?.data?.resultData?.lastNodeExecuted,
		stdout: r.stdout,
		stderr: r.stderr,
		ms: r.ms,
		timedOut: r.timedOut,
	};
}

function runSync(cmd, args, cwd, env) {
	const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
	return r.stdout;
}

/**
 * Install a node package into <home>/.n8n/nodes so that n8n loads it as a community package
 * (node types `<package name>.<node name>`, e.g. `n8n-nodes-cbt.cbtOcr`). Must be done before the
 * n8n process starts. The package name must match `n8n-nodes-*` or `@scope/n8n-nodes-*`.
 *
 * mode 'n8n' (default) does what n8n 2.39's own installer does: `npm pack`, untar into
 * nodes/node_modules/<name>, drop devDependencies/peerDependencies/optionalDependencies from its
 * package.json, `npm install --ignore-scripts --install-strategy=shallow` there if it has dependencies,
 * and record it in nodes/package.json. What gets loaded is exactly what the package's `files` publish.
 * mode 'link': `npm install --ignore-scripts --legacy-peer-deps <folder>` (a symlink: later rebuilds of
 * the folder's dist/ are seen by the next n8n process without reinstalling).
 * Never a plain `npm install <pkg>`: npm would also install the peer `n8n-workflow` (latest), whose
 * isolated-vm does not build on Node 20.
 *
 * @param {N8nHome} home
 * @param {string} source package folder, or an `npm pack` tarball (mode 'n8n' only)
 * @param {{mode?: 'n8n'|'link'}} [opts]
 * @returns {{name: string, version: string, dir: string}}
 */
export function installNodePackage(home, source, opts = {}) {
	const mode = opts.mode || 'n8n';
	source = path.resolve(source);
	const env = { ...home.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
	fs.mkdirSync(home.nodesDir, { recursive: true });
	const nodesPkgJson = path.join(home.nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkgJson)) {
		fs.writeFileSync(nodesPkgJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	if (mode === 'link') {
		if (!fs.statSync(source).isDirectory()) throw new Error(`mode 'link' needs a folder, got ${source}`);
		runSync('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-package-lock', source], home.nodesDir, env);
		const pj = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
		return { name: pj.name, version: pj.version, dir: path.join(home.nodesDir, 'node_modules', pj.name) };
	}
	let tarball = source;
	let tmp;
	if (fs.statSync(source).isDirectory()) {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cbt-pack-'));
		// scripts off: build dist/ before calling this
		const out = runSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], source, env);
		tarball = path.join(tmp, out.trim().split('\n').pop());
	}
	try {
		const stage = fs.mkdtempSync(path.join(home.dir, '.untar-')); // same filesystem as nodes/: rename works
		runSync('tar', ['-xzf', tarball, '-C', stage, '--strip-components=1'], stage, env);
		const pjFile = path.join(stage, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjFile, 'utf8'));
		fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2));
		const dir = path.join(home.nodesDir, 'node_modules', pj.name);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.renameSync(stage, dir);
		if (pj.dependencies && Object.keys(pj.dependencies).length) {
			runSync(
				'npm',
				['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
				dir,
				env,
			);
		}
		const nodesPj = JSON.parse(fs.readFileSync(nodesPkgJson, 'utf8'));
		nodesPj.dependencies = { ...(nodesPj.dependencies || {}), [pj.name]: pj.version };
		fs.writeFileSync(nodesPkgJson, JSON.stringify(nodesPj, null, 2));
		return { name: pj.name, version: pj.version, dir };
	} finally {
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** GET a URL; never rejects: { status: 0 } when nothing answered. */
export function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/**
 * `n8n start` in a home, bound to 127.0.0.1:port; resolves once /healthz answers 200 and
 * /healthz/readiness says ready (DB migrated, server fully up).
 * @param {N8nHome} home
 * @param {number} [port] default: a free port
 * @param {{timeoutMs?: number, env?: Record<string,string>}} [opts]
 * @returns {Promise<{url: string, port: number, pid: number, logs: () => string, stop: () => Promise<void>}>}
 */
export async function startN8n(home, port, opts = {}) {
	port = port || (await freePort());
	const brokerPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...home.env,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		...(opts.env || {}),
	};
	const logFile = path.join(home.dir, `n8n-start-${port}.log`);
	const fd = fs.openSync(logFile, 'a');
	const child = spawn('/bin/sh', [...NO_CORE, home.install.nodeBin, ...(home.nodeArgs || []), home.install.n8nBin, 'start'], {
		cwd: home.dir,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	installExitHook();
	running.add(child.pid);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			running.delete(child.pid);
			resolve(exited);
		});
	});
	const logs = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
	const stop = async () => {
		if (exited) return;
		killGroup(child.pid, 'SIGTERM');
		const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20000);
		await exitPromise;
		clearTimeout(t);
		killGroup(child.pid, 'SIGKILL'); // leftovers of the group (task runner)
	};
	const deadline = Date.now() + (opts.timeoutMs ?? 180000);
	for (;;) {
		if (exited) throw new Error(`n8n start exited early (${exited.code ?? exited.signal}); log ${logFile}:\n${logs().split('\n').slice(-40).join('\n')}`);
		const h = await httpGet(`${url}/healthz`);
		if (h.status === 200) {
			const r = await httpGet(`${url}/healthz/readiness`);
			if (r.status === 200 || r.status === 404) break;
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not become ready on ${url} in time; log ${logFile}:\n${logs().split('\n').slice(-40).join('\n')}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { url, port, pid: child.pid, logFile, logs, stop };
}

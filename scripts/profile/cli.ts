/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- a command-line tool, not node code */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

import { checkProfile, ProfileError } from '../../sandbox/profileCheck';
import type { GatewayProfile } from '../../nodes/shared/profile/types';
import { assertValid, build, BuilderBug, type Built } from './build';
import { readCurlFolder } from './curl';
import { mergeProfile } from './merge';
import { parseDocumentText, readOpenApi } from './openapi';
import { formatReport } from './report';
import { SourceError, type DocSource } from './source';

/*
 * npm run profile -- --from-openapi <file> | --from-curl <folder> [--merge <profile.json>] [--out <file>]
 *
 * Writes a gateway profile (the JSON for the CBT API credential's Gateway Profile) from the
 * gateway's documentation: an OpenAPI 3 / Swagger 2 export, or the cURL examples of its pages.
 * The profile goes to stdout (or --out), the report for a person to stderr.
 */

export const USAGE = `Usage:
  npm run profile -- --from-openapi <file.json|file.yaml> [--merge <profile.json>] [--out <file>]
  npm run profile -- --from-curl <folder> [--merge <profile.json>] [--out <file>]

  --from-openapi  an OpenAPI 3 or Swagger 2 document (JSON or YAML), such as an Apifox export
  --from-curl     a folder of cURL snippets, one file per endpoint named by its Chinese name
                  (公安实名二要素核验.sh, .txt or no extension), as the documentation pages show them
  --merge         start from this profile and add or replace what the document gives
  --out           write the profile to this file instead of stdout

The profile (JSON) goes to stdout; the report goes to stderr. npm run prints its own banner on
stdout, so to redirect stdout into a file use "npm run -s profile -- …", or --out.`;

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

interface Options {
	openapi?: string;
	curl?: string;
	merge?: string;
	out?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' {
	const options: Options = {};
	const names: Record<string, keyof Options> = { '--from-openapi': 'openapi', '--from-curl': 'curl', '--merge': 'merge', '--out': 'out' };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return 'help';
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const name = names[flag];
		if (!name) throw new UsageError(`unknown argument ${JSON.stringify(arg)}.`);
		const value = inline ?? argv[++i];
		if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
		if (options[name] !== undefined) throw new UsageError(`${flag} is given twice.`);
		options[name] = value;
	}
	if (!options.openapi === !options.curl) throw new UsageError('give exactly one of --from-openapi <file> and --from-curl <folder>.');
	return options;
}

function readText(path: string, what: string): string {
	if (!existsSync(path)) throw new SourceError(`${what} ${path} does not exist.`);
	if (statSync(path).isDirectory()) throw new SourceError(`${what} ${path} is a folder, not a file.`);
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new SourceError(`${what} ${path} cannot be read: ${(error as Error).message}.`);
	}
}

function readSource(options: Options): DocSource {
	if (options.openapi) {
		const text = readText(options.openapi, 'The OpenAPI document');
		return readOpenApi(parseDocumentText(text, options.openapi), options.openapi);
	}
	const folder = options.curl as string;
	if (!existsSync(folder)) throw new SourceError(`The cURL folder ${folder} does not exist.`);
	return readCurlFolder(folder);
}

function readExisting(path: string): GatewayProfile {
	const text = readText(path, 'The profile to merge,');
	let raw: unknown;
	try {
		raw = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		throw new SourceError(`The profile to merge, ${path}, is not valid JSON: ${(error as Error).message}.`);
	}
	try {
		checkProfile(raw);
	} catch (error) {
		if (error instanceof ProfileError) {
			throw new SourceError(`The profile to merge, ${path}, does not pass the profile check; fix it first:\n  ${error.problems.join('\n  ')}`);
		}
		throw error;
	}
	return raw as GatewayProfile;
}

/** Runs the command; never exits, so that it can be tested. */
export function run(argv: string[]): CliResult {
	let options: Options | 'help';
	try {
		options = parseArgs(argv);
	} catch (error) {
		if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `profile: ${error.message}\n\n${USAGE}\n` };
		throw error;
	}
	if (options === 'help') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
	try {
		const existing = options.merge ? readExisting(options.merge) : undefined;
		const source = readSource(options);
		const built: Built = build(source);
		let profile = built.profile;
		if (existing) {
			const merged = mergeProfile(existing, built);
			profile = merged.profile;
			built.report.changes.push(...(merged.changes.length > 0 ? merged.changes : ['nothing changed']));
			built.report.skipped.push(...merged.skipped);
			built.report.notes.push(`merged into ${basename(options.merge as string)}`);
			assertValid(profile);
		}
		const json = `${JSON.stringify(profile, null, 2)}\n`;
		let stderr = formatReport(built.report);
		if (options.out) {
			try {
				writeFileSync(options.out, json);
			} catch (error) {
				throw new SourceError(`Cannot write ${options.out}: ${(error as Error).message}.`);
			}
			stderr += `Wrote ${options.out}.\n`;
			return { code: 0, stdout: '', stderr };
		}
		return { code: 0, stdout: json, stderr };
	} catch (error) {
		if (error instanceof SourceError) return { code: 1, stdout: '', stderr: `profile: ${error.message}\n` };
		if (error instanceof BuilderBug) return { code: 3, stdout: '', stderr: `profile: ${error.message}\n` };
		throw error;
	}
}

if (require.main === module) {
	const result = run(process.argv.slice(2));
	if (result.stdout) process.stdout.write(result.stdout);
	if (result.stderr) process.stderr.write(result.stderr);
	process.exitCode = result.code;
}

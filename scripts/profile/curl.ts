/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a command-line tool, not node code */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';

import { codesInText } from './codes';
import { isObject, shapeOfValue, SourceError, type DocOperation, type DocProperty, type DocSource, type FoundCode } from './source';

/*
 * Reads a folder of cURL snippets, one file per endpoint, each named by the endpoint's Chinese name
 * (公安实名二要素核验.sh, .txt or no extension), in the format the gateway's documentation pages show:
 *   curl --location --request POST 'https://gw.datapis.com/apis/…' \
 *   --header 'X-CBT-APPKEY: ' \
 *   --data-raw '{ "name": "", … }'
 * Also -X, -d / --data / --data-binary / --json, double quotes, $'…', Windows ^ continuations,
 * and GET with a query string. Text after the command may hold the response example (JSON) and
 * an error-code table; a file with no curl command but a code table is read for its codes.
 */

const EXTENSIONS = /\.(sh|bash|zsh|txt|curl|cmd|bat|http|md)$/i;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Options that take a value, so that the value is not mistaken for the URL. */
const WITH_VALUE = new Set([
	'-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json',
	'-F', '--form', '--form-string', '--url', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c',
	'--cookie-jar', '-o', '--output', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '-U', '--proxy-user', '--cert', '-E',
	'--key', '--cacert', '-w', '--write-out', '-T', '--upload-file', '-r', '--range', '--retry', '--retry-delay', '--resolve',
	'--limit-rate', '-K', '--config', '--max-redirs', '--interface', '--http-version',
]);
const DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const ATTACHED = /^-([XHdFuAe])(.+)$/s;

export interface CurlCommand {
	method: string;
	url: string;
	headers: string[];
	/** Each --data value, as written (@file already read when it could be). */
	data: string[];
	form: Array<[string, string]>;
	/** The text before and after the command: comments, a response example, a code table. */
	around: string;
	notes: string[];
}

/** Splits a shell command line into words, from `start` to the end of the command. */
function words(text: string, start: number): { words: string[]; end: number } {
	const result: string[] = [];
	let current: string | null = null;
	let i = start;
	const push = () => {
		if (current !== null) result.push(current);
		current = null;
	};
	while (i < text.length) {
		const c = text[i];
		const next = text[i + 1];
		if ((c === '\\' || c === '^' || c === '`') && (next === '\n' || (next === '\r' && text[i + 2] === '\n'))) {
			// A line continuation (POSIX \, Windows cmd ^, PowerShell `).
			i += next === '\r' ? 3 : 2;
			continue;
		}
		if (c === '\\') {
			current = (current ?? '') + (next ?? '');
			i += 2;
		} else if (c === "'") {
			const close = text.indexOf("'", i + 1);
			const stop = close < 0 ? text.length : close;
			current = (current ?? '') + text.slice(i + 1, stop);
			i = stop + 1;
		} else if (c === '$' && next === "'") {
			let value = '';
			i += 2;
			const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
			while (i < text.length && text[i] !== "'") {
				if (text[i] === '\\' && i + 1 < text.length) {
					value += escapes[text[i + 1]] ?? `\\${text[i + 1]}`;
					i += 2;
				} else value += text[i++];
			}
			current = (current ?? '') + value;
			i++;
		} else if (c === '"') {
			let value = '';
			i++;
			while (i < text.length && text[i] !== '"') {
				if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
					if (text[i + 1] !== '\n') value += text[i + 1];
					i += 2;
				} else if (text[i] === '^' && text[i + 1] === '"') {
					// Windows cmd escapes a quote inside a quoted word as ^" (Apifox's "cURL (cmd)").
					value += '"';
					i += 2;
				} else value += text[i++];
			}
			current = (current ?? '') + value;
			i++;
		} else if (c === '\n' || c === ';' || (c === '|' && current === null) || (c === '&' && next === '&')) {
			push();
			return { words: result, end: i };
		} else if (/\s/.test(c)) {
			push();
			i++;
		} else {
			current = (current ?? '') + c;
			i++;
		}
	}
	push();
	return { words: result, end: text.length };
}

/** The first curl command in a text, or undefined if there is none. `folder` resolves --data @file. */
export function parseCurl(text: string, folder = '.'): CurlCommand | undefined {
	const start = /(^|[\s$>])curl(\.exe)?(?=\s)/m.exec(text);
	if (!start) return undefined;
	const from = start.index + start[1].length;
	const { words: parts, end } = words(text, from);
	const command: CurlCommand = { method: '', url: '', headers: [], data: [], form: [], around: `${text.slice(0, from)}\n${text.slice(end)}`, notes: [] };
	let get = false;
	for (let i = 1; i < parts.length; i++) {
		let option = parts[i];
		let value: string | undefined;
		const attached = ATTACHED.exec(option);
		if (attached && !option.startsWith('--')) {
			option = `-${attached[1]}`;
			value = attached[2];
		} else if (option.startsWith('--') && option.includes('=') && WITH_VALUE.has(option.split('=')[0])) {
			value = option.slice(option.indexOf('=') + 1);
			option = option.split('=')[0];
		} else if (WITH_VALUE.has(option)) {
			value = parts[++i] ?? '';
		}
		if (option === '-X' || option === '--request') command.method = (value ?? '').toUpperCase();
		else if (option === '-H' || option === '--header') command.headers.push(value ?? '');
		else if (option === '--url') command.url = value ?? '';
		else if (option === '-G' || option === '--get') get = true;
		else if (option === '-I' || option === '--head') command.method ||= 'HEAD';
		else if (DATA.has(option)) {
			let data = value ?? '';
			if (option === '--json') command.headers.push('Content-Type: application/json');
			if (data.startsWith('@') && option !== '--data-raw') {
				const file = resolve(folder, data.slice(1));
				if (existsSync(file) && statSync(file).isFile()) data = readFileSync(file, 'utf8');
				else {
					command.notes.push(`its body comes from the file ${data.slice(1)}, which is not there; its keys are unknown`);
					continue;
				}
			}
			command.data.push(data);
		} else if (option === '-F' || option === '--form' || option === '--form-string') {
			const text = value ?? '';
			const equals = text.indexOf('=');
			if (equals > 0) command.form.push([text.slice(0, equals), text.slice(equals + 1)]);
		} else if (!option.startsWith('-') && !command.url) command.url = option;
	}
	if (get) command.method = 'GET';
	if (!command.method) {
		command.method = command.data.length > 0 || command.form.length > 0 ? 'POST' : 'GET';
		command.notes.push(`it gives no method (-X), so it is ${command.method}, as curl would send it`);
	}
	return command;
}

/** A JSON body, forgiving the comments and trailing commas some documentation examples carry. */
function parseBody(text: string): { value?: unknown; problem?: string } {
	const trimmed = text.trim();
	if (trimmed === '') return {};
	try {
		return { value: JSON.parse(trimmed) };
	} catch (error) {
		if (/^[[{]/.test(trimmed)) {
			const lenient = trimmed
				.replace(/^\s*\/\/.*$/gm, '')
				.replace(/,\s*\/\/[^\n"]*$/gm, ',')
				.replace(/,(\s*[}\]])/g, '$1');
			try {
				return { value: JSON.parse(lenient) };
			} catch {
				return { problem: `its body is not valid JSON (${(error as Error).message})` };
			}
		}
	}
	if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(trimmed)) return { value: Object.fromEntries(new URLSearchParams(trimmed)) };
	return { problem: 'its body is neither JSON nor key=value pairs' };
}

/** The first JSON object in a text (the response example pasted after the command). */
function firstJsonObject(text: string): unknown {
	const open = text.indexOf('{');
	const close = text.lastIndexOf('}');
	if (open < 0 || close <= open) return undefined;
	try {
		return JSON.parse(text.slice(open, close + 1));
	} catch {
		return undefined;
	}
}

function splitUrl(raw: string): { path: string; query: URLSearchParams } {
	// A documentation tool's base URL variable ({{baseUrl}}/apis/…, $BASE_URL/apis/…) stands for the host.
	const url = raw.replace(/^(\{\{[^}]*\}\}|\$\{[^}]*\}|\$[A-Za-z_]\w*)/, '');
	try {
		const parsed = new URL(url, 'https://host.invalid');
		return { path: decodeURIComponent(parsed.pathname), query: parsed.searchParams };
	} catch {
		const [path, query = ''] = url.split('?');
		return { path, query: new URLSearchParams(query) };
	}
}

/** One snippet as an operation; `name` is the Chinese name its file gives. */
export function curlOperation(command: CurlCommand, name: string, label: string): DocOperation {
	const { path, query } = splitUrl(command.url);
	const notes = [...command.notes];
	const properties: DocProperty[] = [];
	const add = (key: string, value: unknown, where: DocProperty['in']) => {
		if (properties.some((known) => known.name === key)) return;
		properties.push({ name: key, in: where, required: false, examples: value === undefined ? [] : [value], description: '' });
	};
	const method = command.method;
	let complete = false;
	for (const [key, value] of query) add(key, value, 'query');
	if (method === 'GET' && properties.length > 0) complete = true;
	if (command.data.length > 0) {
		const joined = command.data.length === 1 ? command.data[0] : command.data.join('&');
		const body = parseBody(joined);
		if (body.problem) notes.push(body.problem);
		else if (isObject(body.value)) {
			const keys = Object.entries(body.value);
			for (const [key, value] of keys) add(key, value, method === 'GET' ? 'query' : 'body');
			if (keys.length > 0) complete = true;
			else notes.push('its body is empty ({}), so no field is dropped');
		} else if (body.value !== undefined) notes.push('its body is not a JSON object; its keys are unknown');
	}
	for (const [key, value] of command.form) add(key, value.startsWith('@') ? '' : value, 'body');
	if (command.form.length > 0) {
		complete = true;
		notes.push('its body is a form (-F); its keys are read as if it were JSON');
	}
	if (!command.url) notes.push('it has no URL');
	const example = firstJsonObject(command.around);
	const codes: FoundCode[] = codesInText(command.around, `${label} (text around the command)`);
	return {
		label,
		names: [{ text: name, from: 'file name' }],
		method,
		path,
		properties,
		complete,
		response: example === undefined ? undefined : shapeOfValue(example),
		codes,
		notes,
	};
}

function filesIn(folder: string): string[] {
	return readdirSync(folder)
		.filter((name) => !name.startsWith('.') && name !== 'node_modules')
		.sort()
		.flatMap((name) => {
			const path = join(folder, name);
			return statSync(path).isDirectory() ? filesIn(path) : [path];
		});
}

/** The Chinese name a file gives: its name without a snippet extension, in composed Unicode (macOS writes names decomposed). */
export function nameOfFile(path: string): string {
	const name = basename(path).normalize('NFC');
	return EXTENSIONS.test(name) ? name.slice(0, -extname(name).length) : name;
}

export function readCurlFolder(folder: string): DocSource {
	if (!existsSync(folder)) throw new SourceError(`${folder} does not exist.`);
	const single = statSync(folder).isFile();
	const root = single ? dirname(folder) : folder;
	let files: string[];
	try {
		files = single ? [folder] : filesIn(folder);
	} catch (error) {
		throw new SourceError(`${folder} cannot be read: ${(error as Error).message}.`);
	}
	const operations: DocOperation[] = [];
	const codes: FoundCode[] = [];
	const notes: string[] = [];
	for (const file of files) {
		const label = relative(root, file) || basename(file);
		if (statSync(file).size > MAX_FILE_BYTES) {
			notes.push(`${label}: larger than 5 MB; skipped`);
			continue;
		}
		let text: string;
		try {
			text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
		} catch (error) {
			notes.push(`${label}: cannot be read (${(error as Error).message}); skipped`);
			continue;
		}
		const command = parseCurl(text, dirname(file));
		if (!command) {
			const found = codesInText(text, label);
			if (found.length > 0) codes.push(...found);
			else notes.push(`${label}: no curl command in it; skipped`);
			continue;
		}
		operations.push(curlOperation(command, nameOfFile(file), label));
	}
	if (operations.length === 0) {
		throw new SourceError(`${folder} holds no cURL snippet: expected one file per endpoint, named by its Chinese name, each with a curl command.`);
	}
	return { title: `cURL ${single ? 'snippet' : 'folder'} ${basename(folder)}`, format: 'curl', operations, codes, notes };
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a command-line tool, not node code */
import { basename } from 'node:path';

import yaml from 'js-yaml';

import { codesInSchema, codesInText } from './codes';
import {
	addExampleValues,
	isObject,
	mergeShapes,
	shapeOfValue,
	SourceError,
	type DocOperation,
	type DocProperty,
	type DocSource,
	type FoundCode,
	type Shape,
} from './source';

/*
 * Reads an OpenAPI 3 or Swagger 2 document (JSON or YAML), as Apifox and most API tools export it,
 * into the builders' DocSource. Only local references ("#/components/…", "#/definitions/…") are
 * followed; the gateway's export has no others.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const CODE_PROPERTIES = new Set(['code', 'errcode', 'errCode', 'error_code', 'errorCode']);

/** Parses the text: JSON when it looks like JSON, YAML otherwise (YAML without dates, so examples stay text). */
export function parseDocumentText(text: string, fileName: string): unknown {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') throw new SourceError(`${fileName} is empty.`);
	if (trimmed.startsWith('{')) {
		try {
			return JSON.parse(trimmed);
		} catch (error) {
			throw new SourceError(`${fileName} is not valid JSON: ${(error as Error).message}.`);
		}
	}
	try {
		return yaml.load(trimmed, { schema: yaml.CORE_SCHEMA, filename: fileName });
	} catch (error) {
		const reason = error instanceof yaml.YAMLException ? error.message.split('\n')[0] : (error as Error).message;
		throw new SourceError(`${fileName} is neither JSON nor valid YAML: ${reason}.`);
	}
}

class Document {
	constructor(readonly root: Json) {}

	/** Follows a local $ref (chains too); anything else is returned as is. */
	resolve(node: unknown, seen = new Set<string>()): unknown {
		if (!isObject(node) || typeof node.$ref !== 'string') return node;
		const ref = node.$ref;
		if (seen.has(ref) || !ref.startsWith('#')) return {};
		seen.add(ref);
		let target: unknown = this.root;
		for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
			const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
			target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
		}
		if (target === undefined) return {};
		// Siblings of $ref (OpenAPI 3.1, Apifox) add to the target: a description, an example.
		const siblings = Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref'));
		const resolved = this.resolve(target, seen);
		return isObject(resolved) && Object.keys(siblings).length > 0 ? { ...resolved, ...siblings } : resolved;
	}

	/** A schema with its $ref followed and its allOf / anyOf / oneOf folded into one set of properties. */
	flatten(node: unknown, depth = 0): Json {
		const schema = this.resolve(node);
		if (!isObject(schema)) return {};
		const parts = ['allOf', 'anyOf', 'oneOf'].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
		if (parts.length === 0 || depth > 8) return schema;
		const properties: Json = { ...(isObject(schema.properties) ? schema.properties : {}) };
		const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
		const merged: Json = { ...schema };
		for (const part of parts) {
			const flat = this.flatten(part, depth + 1);
			if (isObject(flat.properties)) Object.assign(properties, flat.properties);
			// Only allOf makes its parts' required keys required.
			if (Array.isArray(flat.required) && Array.isArray(schema.allOf) && (schema.allOf as unknown[]).includes(part)) {
				for (const key of flat.required) required.add(String(key));
			}
			for (const key of ['type', 'items', 'example', 'description', 'title']) if (merged[key] === undefined && flat[key] !== undefined) merged[key] = flat[key];
		}
		return { ...merged, properties, required: [...required] };
	}

	shape(node: unknown, depth = 0): Shape {
		const schema = this.flatten(node);
		let shape: Shape;
		if (depth > 8) shape = { type: 'value' };
		else if (schema.type === 'array' || schema.items !== undefined) shape = { type: 'array', items: schema.items === undefined ? undefined : this.shape(schema.items, depth + 1) };
		else if (schema.type === 'object' || isObject(schema.properties)) {
			const properties = new Map<string, Shape>();
			for (const [key, value] of Object.entries(isObject(schema.properties) ? schema.properties : {})) properties.set(key, this.shape(value, depth + 1));
			shape = { type: 'object', properties };
		} else shape = { type: 'value' };
		return schema.example !== undefined ? (mergeShapes(shape, shapeOfValue(schema.example)) as Shape) : shape;
	}

	/** Every `code` property's schema reachable from a schema, each once. */
	codeSchemas(node: unknown, found: Json[] = [], seen = new Set<unknown>(), depth = 0): Json[] {
		const schema = this.resolve(node);
		if (!isObject(schema) || seen.has(schema) || depth > 12) return found;
		seen.add(schema);
		if (isObject(schema.properties)) {
			for (const [key, value] of Object.entries(schema.properties)) {
				const property = this.resolve(value);
				if (CODE_PROPERTIES.has(key) && isObject(property) && !seen.has(property)) {
					seen.add(property);
					found.push(property);
				} else this.codeSchemas(value, found, seen, depth + 1);
			}
		}
		for (const key of ['items', 'additionalProperties']) this.codeSchemas(schema[key], found, seen, depth + 1);
		for (const key of ['allOf', 'anyOf', 'oneOf']) {
			if (Array.isArray(schema[key])) for (const part of schema[key] as unknown[]) this.codeSchemas(part, found, seen, depth + 1);
		}
		return found;
	}
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Example values of a schema or parameter: example, examples (a list, or OpenAPI's named examples), x-example. */
function examplesOf(node: Json, doc: Document): unknown[] {
	const values: unknown[] = [];
	if (node.example !== undefined) values.push(node.example);
	if (node['x-example'] !== undefined) values.push(node['x-example']);
	if (Array.isArray(node.examples)) values.push(...node.examples);
	else if (isObject(node.examples)) {
		for (const example of Object.values(node.examples)) {
			const resolved = doc.resolve(example);
			if (isObject(resolved) && 'value' in resolved) values.push(resolved.value);
		}
	}
	return values;
}

/** A request property from its schema (body) or its parameter object (query). */
function property(name: string, node: unknown, where: DocProperty['in'], required: boolean, doc: Document, parameter?: Json): DocProperty {
	const schema = doc.flatten(node);
	const own = parameter !== schema ? parameter : undefined;
	const description = [text(own?.title), text(own?.description), text(schema.title), text(schema.description)].filter(Boolean).join(' — ');
	const examples = [...(own ? examplesOf(own, doc) : []), ...examplesOf(schema, doc)];
	const result: DocProperty = { name, in: where, required, examples, description };
	if (Array.isArray(schema.enum)) result.enum = schema.enum;
	if (schema.const !== undefined) result.constant = { value: schema.const, from: 'const' };
	else if (Array.isArray(schema.enum) && schema.enum.length === 1) result.constant = { value: schema.enum[0], from: 'enum' };
	if (schema.default !== undefined) {
		result.default = { value: schema.default };
		examples.push(schema.default);
	}
	return result;
}

function bodyProperties(schemaNode: unknown, doc: Document): { properties: DocProperty[]; complete: boolean; schema: Json } {
	const schema = doc.flatten(schemaNode);
	const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
	const properties = Object.entries(isObject(schema.properties) ? schema.properties : {}).map(([name, node]) =>
		property(name, node, 'body', required.has(name), doc),
	);
	return { properties, complete: properties.length > 0, schema };
}

function pickMedia(content: Json): [string, Json] | undefined {
	const types = Object.keys(content);
	const type =
		types.find((candidate) => candidate.split(';')[0].trim() === 'application/json') ??
		types.find((candidate) => /json/i.test(candidate)) ??
		types.find((candidate) => /x-www-form-urlencoded|multipart\/form-data/i.test(candidate)) ??
		types[0];
	const media = type === undefined ? undefined : content[type];
	return type !== undefined && isObject(media) ? [type, media] : undefined;
}

/** The path part of a server URL ("https://gw.datapis.com/apis" → "/apis"), its variables at their defaults. */
function serverBase(servers: unknown): string {
	const server = Array.isArray(servers) ? servers.find(isObject) : undefined;
	if (!server || typeof server.url !== 'string') return '';
	const variables = isObject(server.variables) ? server.variables : {};
	const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
		const variable = variables[name];
		return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
	});
	try {
		return new URL(url, 'http://host.invalid').pathname.replace(/\/+$/, '');
	} catch {
		return '';
	}
}

function joinPath(base: string, path: string): string {
	if (!base || base === '/' || path.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return path;
	return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

function successResponse(responses: unknown, doc: Document): Json | undefined {
	if (!isObject(responses)) return undefined;
	const key = ['200', '201'].find((code) => code in responses) ?? Object.keys(responses).find((code) => /^2/.test(code)) ?? ('default' in responses ? 'default' : undefined);
	const response = key === undefined ? undefined : doc.resolve(responses[key]);
	return isObject(response) ? response : undefined;
}

export function readOpenApi(raw: unknown, fileName: string): DocSource {
	if (!isObject(raw)) throw new SourceError(`${fileName} is not an OpenAPI document: it holds ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)}, not an object.`);
	const version3 = typeof raw.openapi === 'string' && raw.openapi.startsWith('3');
	const version2 = String(raw.swagger ?? '').startsWith('2');
	if (!version3 && !version2) {
		throw new SourceError(`${fileName} is not an OpenAPI 3 or Swagger 2 document: it has no "openapi": "3.x" or "swagger": "2.0" at the top.`);
	}
	if (!isObject(raw.paths)) throw new SourceError(`${fileName} has no "paths": it describes no operations.`);
	const doc = new Document(raw);
	const title = `${version3 ? `OpenAPI ${String(raw.openapi)}` : 'Swagger 2.0'} document ${basename(fileName)}`;
	const info = isObject(raw.info) ? raw.info : {};
	const codes: FoundCode[] = [...codesInText(text(info.description), 'info.description')];
	for (const tag of Array.isArray(raw.tags) ? raw.tags.filter(isObject) : []) {
		codes.push(...codesInText(text(tag.description), `tag ${text(tag.name) || '(unnamed)'}`));
	}
	const shared = version3 ? (isObject(raw.components) && isObject(raw.components.schemas) ? raw.components.schemas : {}) : isObject(raw.definitions) ? raw.definitions : {};
	for (const [name, schema] of Object.entries(shared)) {
		for (const code of doc.codeSchemas(schema)) codes.push(...codesInSchema(code, `schema ${name} › code`));
	}

	const operations: DocOperation[] = [];
	for (const [rawPath, itemNode] of Object.entries(raw.paths)) {
		const item = doc.resolve(itemNode);
		if (!isObject(item)) continue;
		for (const method of METHODS) {
			const operation = item[method];
			if (!isObject(operation)) continue;
			const base = version3 ? serverBase(operation.servers ?? item.servers ?? raw.servers) : typeof raw.basePath === 'string' ? raw.basePath.replace(/\/+$/, '') : '';
			const path = joinPath(base, rawPath.split('?')[0]);
			operations.push(readOperation(doc, version3, method.toUpperCase(), path, item, operation));
		}
	}
	return { title, format: 'openapi', operations, codes, notes: [] };
}

function readOperation(doc: Document, version3: boolean, method: string, path: string, item: Json, operation: Json): DocOperation {
	const names: DocOperation['names'] = [];
	const addName = (value: unknown, from: string) => {
		const name = text(value);
		if (name && !names.some((known) => known.text === name)) names.push({ text: name, from });
	};
	addName(operation.summary, 'summary');
	for (const key of ['x-apifox-name', 'x-name', 'x-title', 'title', 'x-summary']) addName(operation[key], key);
	addName(operation.operationId, 'operationId');
	const firstLine = text(operation.description)
		.split(/\r?\n/)
		.map((line) => line.replace(/^#+\s*/, '').trim())
		.find(Boolean);
	if (firstLine && firstLine.length <= 60) addName(firstLine.replace(/[。.:：]$/, ''), 'description');
	const label = `${method} ${path}${names[0] ? ` (${names[0].text})` : ''}`;
	const notes: string[] = [];

	const parameters = [
		...(Array.isArray(item.parameters) ? item.parameters : []),
		...(Array.isArray(operation.parameters) ? operation.parameters : []),
	]
		.map((parameter) => doc.resolve(parameter))
		.filter(isObject);
	let properties: DocProperty[] = [];
	let complete = false;
	let bodyExamples: unknown[] = [];

	if (version3 && isObject(doc.resolve(operation.requestBody))) {
		const body = doc.resolve(operation.requestBody) as Json;
		const media = isObject(body.content) ? pickMedia(body.content) : undefined;
		if (media) {
			const [type, content] = media;
			if (!/json/i.test(type)) notes.push(`its body is ${type}; its keys are read as if it were JSON`);
			const read = bodyProperties(content.schema, doc);
			properties = read.properties;
			complete = read.complete;
			bodyExamples = [...examplesOf(content, doc), ...(read.schema.example !== undefined ? [read.schema.example] : [])];
		}
	} else if (!version3) {
		const body = parameters.find((parameter) => parameter.in === 'body');
		if (body) {
			const read = bodyProperties(body.schema, doc);
			properties = read.properties;
			complete = read.complete;
			bodyExamples = [...examplesOf(body, doc), ...(read.schema.example !== undefined ? [read.schema.example] : [])];
		}
		const form = parameters.filter((parameter) => parameter.in === 'formData' && typeof parameter.name === 'string');
		if (form.length > 0) {
			notes.push('its body is a form (formData); its keys are read as if it were JSON');
			properties.push(...form.map((parameter) => property(String(parameter.name), parameter, 'body', parameter.required === true, doc, parameter)));
			complete = true;
		}
	}
	const query = parameters.filter((parameter) => parameter.in === 'query' && typeof parameter.name === 'string');
	if (method === 'GET') {
		properties.push(
			...query.map((parameter) =>
				property(String(parameter.name), version3 ? parameter.schema : parameter, 'query', parameter.required === true, doc, parameter),
			),
		);
		if (query.length > 0) complete = true;
	} else if (query.length > 0) {
		notes.push(`query parameters of a ${method} (${query.map((parameter) => String(parameter.name)).join(', ')}) are not read: the node sends every field in the body`);
	}
	for (const example of bodyExamples) addExampleValues(properties, example, method === 'GET' ? 'query' : 'body', properties.length === 0);

	const response = successResponse(operation.responses, doc);
	let shape: Shape | undefined;
	const codes: FoundCode[] = codesInText(text(operation.description), `${label} › description`);
	if (response) {
		const media = version3 && isObject(response.content) ? pickMedia(response.content) : undefined;
		const schemaNode = version3 ? media?.[1].schema : response.schema;
		if (schemaNode !== undefined) {
			shape = doc.shape(schemaNode);
			for (const code of doc.codeSchemas(schemaNode)) codes.push(...codesInSchema(code, `${label} › response code`));
		}
		const examples = version3 && media ? examplesOf(media[1], doc) : isObject(response.examples) ? Object.values(response.examples) : [];
		for (const example of examples) shape = mergeShapes(shape, shapeOfValue(example));
		codes.push(...codesInText(text(response.description), `${label} › response description`));
	}
	return { label, names, method, path, properties, complete, response: shape, codes, notes };
}

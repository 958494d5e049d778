/*
 * What the profile builders read from a document, whatever its format: the operations it describes,
 * their request properties, the shape of their answers and the gateway codes it lists. openapi.ts and
 * curl.ts fill these; match.ts, codes.ts and build.ts only ever see these.
 */

/** One request property (body key, or query parameter of a GET). */
export interface DocProperty {
	name: string;
	in: 'body' | 'query';
	required: boolean;
	/** Example values the document gives: the property's example(s) and default, the body example's value. */
	examples: unknown[];
	/** The property's title and description, joined. */
	description: string;
	/** The values the schema allows, if it lists them. */
	enum?: unknown[];
	/** A fixed value: a `const`, or an enum with exactly one value. */
	constant?: { value: unknown; from: 'const' | 'enum' };
	/** The schema's default, if it has one. */
	default?: { value: unknown };
}

/** The shape of a JSON value, from a schema, an example or both. */
export type Shape =
	| { type: 'object'; properties: Map<string, Shape> }
	| { type: 'array'; items?: Shape }
	| { type: 'value' };

/** A code the document names, with its text, before it is classified. */
export interface FoundCode {
	code: number;
	text: string;
	/** Where it was found, for the report ("info.description", "公安实名二要素核验 › response code"). */
	where: string;
}

/** One operation (OpenAPI) or snippet (cURL). */
export interface DocOperation {
	/** How the report names it: "POST /apis/… (公安实名二要素核验)" or the file name. */
	label: string;
	/** Candidate Chinese names in the order they are tried, with where each came from. */
	names: Array<{ text: string; from: string }>;
	method: string;
	/** The path without host and query string, any base path applied. */
	path: string;
	properties: DocProperty[];
	/** True when the document lists the request keys completely (a schema with properties, a cURL body). */
	complete: boolean;
	/** The answer's shape, if the document shows one. */
	response?: Shape;
	/** Codes named by this operation only (its description, its response's code enum). */
	codes: FoundCode[];
	/** Things worth telling the user about this operation (an unreadable --data @file, a form body, …). */
	notes: string[];
}

export interface DocSource {
	/** "OpenAPI 3.0.1 document petstore.yaml", "cURL folder snippets/". */
	title: string;
	/** Tells the report what a name was taken from: OpenAPI operations, cURL file names. */
	format: 'openapi' | 'curl';
	operations: DocOperation[];
	/** Codes for the whole document (info.description, tags, shared schemas, a code file). */
	codes: FoundCode[];
	/** Problems that did not stop the build (a file that is not a cURL snippet, …). */
	notes: string[];
}

/** A document the builders cannot read at all: the CLI prints the message and exits with 1. */
export class SourceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SourceError';
	}
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of an example value. */
export function shapeOfValue(value: unknown, depth = 0): Shape {
	if (Array.isArray(value)) {
		const first = value.find((item) => item !== null && item !== undefined);
		return { type: 'array', items: first === undefined || depth > 8 ? undefined : shapeOfValue(first, depth + 1) };
	}
	if (isObject(value) && depth <= 8) {
		return { type: 'object', properties: new Map(Object.entries(value).map(([key, item]) => [key, shapeOfValue(item, depth + 1)])) };
	}
	return { type: 'value' };
}

/** Two shapes of one value (a schema's and an example's): the union of what each knows. */
export function mergeShapes(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
	if (!a) return b;
	if (!b) return a;
	if (a.type === 'object' && b.type === 'object') {
		const properties = new Map(a.properties);
		for (const [key, shape] of b.properties) properties.set(key, mergeShapes(properties.get(key), shape) as Shape);
		return { type: 'object', properties };
	}
	if (a.type === 'array' && b.type === 'array') return { type: 'array', items: mergeShapes(a.items, b.items) };
	return a.type === 'value' ? b : a;
}

/** Adds the values of an example body to the properties it names, creating the ones the schema lacks. */
export function addExampleValues(properties: DocProperty[], example: unknown, where: DocProperty['in'], create: boolean) {
	if (!isObject(example)) return;
	for (const [name, value] of Object.entries(example)) {
		let property = properties.find((candidate) => candidate.name === name);
		if (!property) {
			if (!create) continue;
			property = { name, in: where, required: false, examples: [], description: '' };
			properties.push(property);
		}
		if (value !== undefined && !property.examples.some((known) => known === value)) property.examples.push(value);
	}
}

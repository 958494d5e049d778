/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CATALOG, CATEGORY_NODES, type Endpoint } from '../nodes/shared/catalog';
import { loadPackage } from './harness/harness';

/*
 * Options shown only for the operations they affect, and operation names and descriptions for people.
 *
 * "Shown" is n8n's own reading (NodeHelpers.displayParameter) of the display conditions in the node
 * descriptions n8n loads from dist/, for every operation of every node. "Applies" is this file's own
 * reading of the catalog, written without the description builder's code: an option that is shown must
 * apply, and one that applies must be shown.
 */

const IMAGE_KINDS = new Set(['image', 'faceImage']);
const PERSONAL_KINDS = new Set(['idNumber', 'mobile', 'bankCard']);

/** What each option of the Options collection affects, decided from the catalog entry alone. */
const APPLIES: Record<string, (endpoint: Endpoint) => boolean> = {
	// How calls are made: every call the catalog describes.
	deduplicate: () => true,
	concurrency: () => true,
	maxConcurrency: () => true,
	batchPauseMs: () => true,
	maxRetries: () => true,
	extraBody: () => true,
	path: () => true,
	timeoutSeconds: () => true,
	includeMetadata: () => true,
	onNoData: () => true,
	// Skipping checks skips every value but an image (which must be read and encoded anyway).
	skipValidation: (endpoint) => endpoint.fields.some((field) => !IMAGE_KINDS.has(field.kind)),
	maxImageSizeMb: (endpoint) => endpoint.fields.some((field) => IMAGE_KINDS.has(field.kind)),
	maskPersonalData: (endpoint) => endpoint.outputHoldsPersonalData === true || endpoint.fields.some((field) => PERSONAL_KINDS.has(field.kind)),
	resultPath: (endpoint) => endpoint.output.kind === 'task',
	// The SM version is the one entry whose gateway name says so (公安实名二要素核验-SM版本).
	smProtection: (endpoint) => /SM/.test(endpoint.chineseName),
	sm4KeyHex: (endpoint) => /SM/.test(endpoint.chineseName),
	sm4Mode: (endpoint) => /SM/.test(endpoint.chineseName),
	sm4IvHex: (endpoint) => /SM/.test(endpoint.chineseName),
	smEncoding: (endpoint) => /SM/.test(endpoint.chineseName),
	// OCR: only invoices may be PDF files (发票OCR); only ID cards have sides (身份证OCR).
	allowPdf: (endpoint) => endpoint.category === 'OCR' && endpoint.chineseName === '发票OCR',
	idCardSide: (endpoint) => endpoint.category === 'OCR' && endpoint.chineseName === '身份证OCR',
};

/** Operations a node adds beside the catalog's, and the options they read (their own code, not the catalog). */
const NODE_OPERATIONS: Record<string, Record<string, readonly string[]>> = {
	// Custom Request runs through the executor (customRequest.ts): every call option but the catalog's own.
	cbtGateway: {
		customRequest: ['deduplicate', 'concurrency', 'maxConcurrency', 'batchPauseMs', 'maxRetries', 'extraBody', 'includeMetadata', 'timeoutSeconds'],
	},
	cbtTaxData: { getResultOnce: ['includeMetadata', 'path', 'timeoutSeconds'] },
};

/** Top-level parameters that belong to a kind of operation. */
const TOP_LEVEL: Record<string, (endpoint: Endpoint) => boolean> = {
	returnAll: (endpoint) => endpoint.output.kind === 'list',
	limit: (endpoint) => endpoint.output.kind === 'list',
	waitForResult: (endpoint) => endpoint.output.kind === 'task',
	lineItems: (endpoint) => endpoint.category === 'OCR' && endpoint.chineseName === '发票OCR',
};

interface NodeUnderTest {
	name: string;
	description: INodeTypeDescription;
	endpoints: readonly Endpoint[];
	/** Every operation value of the node, with its resource where it has one. */
	operations: Array<{ resource?: string; operation: string }>;
}

function operationsOf(description: INodeTypeDescription): Array<{ resource?: string; operation: string }> {
	return description.properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((property) => {
			const resource = property.displayOptions?.show?.resource?.[0] as string | undefined;
			return (property.options as INodePropertyOptions[]).map((option) => ({ ...(resource ? { resource } : {}), operation: String(option.value) }));
		});
}

function nodeOf(description: INodeTypeDescription, parameters: INodeParameters): INode {
	return { id: 'n', name: description.displayName, type: `n8n-nodes-cbt.${description.name}`, typeVersion: 1, position: [0, 0], parameters };
}

/** The node's parameters for one operation, defaults filled in, as n8n resolves them. */
function rootValues(description: INodeTypeDescription, selected: { resource?: string; operation: string }): INodeParameters {
	const node = nodeOf(description, { ...selected });
	return NodeHelpers.getNodeParameters(description.properties, { ...selected }, true, false, node, description) ?? { ...selected };
}

const shown = (property: INodeProperties, values: INodeParameters, root: INodeParameters, description: INodeTypeDescription) =>
	NodeHelpers.displayParameter(values, property, nodeOf(description, root), description, root);

/**
 * The Options entries n8n shows for the operation (all "options" collections that are displayed). An
 * entry of type "hidden" (kept so that saved workflows keep their value) is never offered by the editor.
 */
function shownOptions(node: NodeUnderTest, selected: { resource?: string; operation: string }): INodeProperties[] {
	const root = rootValues(node.description, selected);
	return node.description.properties
		.filter((property) => property.name === 'options' && property.type === 'collection' && shown(property, root, root, node.description))
		.flatMap((collection) =>
			(collection.options as INodeProperties[]).filter((option) => option.type !== 'hidden' && shown(option, {}, root, node.description)),
		);
}

describe('options are shown only for the operations they apply to', () => {
	const nodes: NodeUnderTest[] = [];
	before(async () => {
		const pkg = await loadPackage();
		for (const entry of CATEGORY_NODES) {
			const type = pkg.nodes.get(`n8n-nodes-cbt.${entry.node}`) as INodeType | undefined;
			assert.ok(type, `${entry.node} is in the package`);
			const description = type.description;
			nodes.push({ name: entry.node, description, endpoints: entry.endpoints, operations: operationsOf(description) });
		}
	});

	it('every option of every catalog node is known to this test', () => {
		const unknown = nodes.flatMap((node) =>
			node.description.properties
				.filter((property) => property.name === 'options' && property.type === 'collection' && node.name !== 'cbtTrigger')
				.flatMap((collection) => (collection.options as INodeProperties[]).map((option) => option.name))
				.filter((name) => !(name in APPLIES))
				.map((name) => `${node.name}: ${name}`),
		);
		assert.deepEqual(unknown, [], 'add the option to APPLIES with what it affects');
	});

	it('for every node and operation: the options shown are exactly those that apply', () => {
		const wrong: string[] = [];
		let checked = 0;
		for (const node of nodes.filter((candidate) => candidate.name !== 'cbtTrigger')) {
			const allOptionNames = new Set(
				node.description.properties
					.filter((property) => property.name === 'options' && property.type === 'collection')
					.flatMap((collection) => (collection.options as INodeProperties[]).map((option) => option.name)),
			);
			for (const selected of node.operations) {
				const endpoint = node.endpoints.find((candidate) => candidate.operation === selected.operation);
				const visible = new Set(shownOptions(node, selected).map((option) => option.name));
				const own = NODE_OPERATIONS[node.name]?.[selected.operation];
				assert.ok(endpoint || own, `${node.name}: ${selected.operation} is neither a catalog operation nor one this test knows`);
				for (const name of new Set([...allOptionNames, ...visible])) {
					const applies = endpoint ? (APPLIES[name]?.(endpoint) ?? false) : own!.includes(name);
					checked++;
					if (applies && !visible.has(name)) wrong.push(`${node.name} › ${selected.operation}: ${name} applies but is hidden`);
					if (!applies && visible.has(name)) wrong.push(`${node.name} › ${selected.operation}: ${name} is shown but does not apply`);
				}
			}
		}
		assert.deepEqual(wrong, []);
		assert.ok(checked > 1000, `checked ${checked} option and operation pairs`);
	});

	it('the plain name and ID check shows no SM options, no Max Image Size and no paging; its SM version shows the SM options', () => {
		const identity = nodes.find((node) => node.name === 'cbtIdentity')!;
		const plain = shownOptions(identity, { operation: 'twoFactor' }).map((option) => option.name);
		for (const name of ['smProtection', 'sm4KeyHex', 'sm4Mode', 'sm4IvHex', 'smEncoding', 'maxImageSizeMb']) assert.ok(!plain.includes(name), name);
		assert.ok(plain.includes('skipValidation') && plain.includes('maskPersonalData') && plain.includes('onNoData'));
		const sm = shownOptions(identity, { operation: 'twoFactorSm' }).map((option) => option.name);
		for (const name of ['smProtection', 'sm4KeyHex', 'sm4Mode', 'sm4IvHex', 'smEncoding']) assert.ok(sm.includes(name), name);
		assert.ok(shownOptions(identity, { operation: 'portrait' }).some((option) => option.name === 'maxImageSizeMb'));
	});

	it('one Path entry is shown per operation, with that operation’s default path as placeholder and hint', () => {
		for (const node of nodes.filter((candidate) => candidate.name !== 'cbtTrigger')) {
			for (const selected of node.operations) {
				const endpoint = node.endpoints.find((candidate) => candidate.operation === selected.operation);
				if (!endpoint) continue;
				const paths = shownOptions(node, selected).filter((option) => option.name === 'path');
				assert.equal(paths.length, 1, `${node.name} › ${selected.operation}: one Path entry`);
				assert.equal(paths[0].placeholder, endpoint.path);
				assert.ok(paths[0].hint?.includes(`${endpoint.method} ${endpoint.path}`), paths[0].hint);
				assert.match(paths[0].hint ?? '', endpoint.pathConfirmed ? /documented/ : /assumed/);
			}
		}
	});

	it('paging, waiting and line items are shown only for list, task and invoice operations', () => {
		const wrong: string[] = [];
		for (const node of nodes.filter((candidate) => candidate.name !== 'cbtTrigger')) {
			for (const selected of node.operations) {
				const endpoint = node.endpoints.find((candidate) => candidate.operation === selected.operation);
				const root = rootValues(node.description, selected);
				for (const property of node.description.properties.filter((candidate) => candidate.name in TOP_LEVEL)) {
					const applies = endpoint ? TOP_LEVEL[property.name](endpoint) : false;
					const visible = shown(property, root, root, node.description);
					if (applies !== visible) wrong.push(`${node.name} › ${selected.operation}: ${property.name} ${visible ? 'shown' : 'hidden'}`);
				}
			}
		}
		assert.deepEqual(wrong, []);
	});
});

describe('operations are named and described for people', () => {
	const called = CATALOG.filter((endpoint) => endpoint.output.kind !== 'notification');
	let options: Array<{ node: string; option: INodePropertyOptions; endpoint?: Endpoint }> = [];
	before(async () => {
		const pkg = await loadPackage();
		options = CATEGORY_NODES.flatMap((entry) => {
			const type = pkg.nodes.get(`n8n-nodes-cbt.${entry.node}`) as INodeType;
			return type.description.properties
				.filter((property) => property.name === 'operation' && property.type === 'options')
				.flatMap((property) => property.options as INodePropertyOptions[])
				.map((option) => ({ node: entry.node, option, endpoint: entry.endpoints.find((endpoint) => endpoint.operation === option.value) }));
		});
	});

	it('every called endpoint says what comes back', () => {
		assert.equal(called.length, 108);
		const missing = called.filter((endpoint) => !/^Returns \S/.test(endpoint.returns ?? '')).map((endpoint) => endpoint.chineseName);
		assert.deepEqual(missing, []);
	});

	it('no operation description holds an endpoint path; each is the catalog’s "returns" text', () => {
		const paths = CATALOG.map((endpoint) => endpoint.path);
		for (const { node, option, endpoint } of options) {
			const description = option.description ?? '';
			assert.doesNotMatch(description, /\/apis\/|path assumed|\bPOST\b|\bGET\b/, `${node} › ${option.name}`);
			assert.ok(!paths.some((path) => description.includes(path)), `${node} › ${option.name}`);
			if (endpoint) assert.equal(description, endpoint.returns);
		}
	});

	it('each operation’s name is the English name with the gateway’s Chinese name, short enough to read', () => {
		const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1), 0);
		for (const { node, option, endpoint } of options) {
			if (!endpoint) continue;
			assert.ok(option.name.startsWith(endpoint.name.replace(/\)$/, '')), `${node} › ${option.name}`);
			assert.ok(option.name.includes(endpoint.chineseName), `${node} › ${option.name}`);
			assert.ok(width(option.name) <= 64, `${node} › ${option.name} is ${width(option.name)} wide`);
			assert.ok(!/[\u3400-\u9fff]/.test(option.action ?? ''), `${node} › ${option.name}: the action stays English`);
		}
	});

	it('typing a Chinese name, or part of one, in the operation dropdown finds the operation (n8n filters on the name)', () => {
		// n8n's dropdown keeps the options whose name contains the typed text, in any case.
		const filter = (node: string, text: string) =>
			options.filter((entry) => entry.node === node && entry.option.name.toLowerCase().includes(text.toLowerCase())).map((entry) => entry.option.value);
		assert.deepEqual(filter('cbtIdentity', '二要素').sort(), ['twoFactor', 'twoFactorSm']);
		assert.deepEqual(filter('cbtEnterprise', '照面'), ['businessInfo']);
		assert.deepEqual(filter('cbtCarrier', '二要素'), ['twoFactor']);
		for (const { node, endpoint } of options) {
			if (endpoint) assert.ok(filter(node, endpoint.chineseName).includes(endpoint.operation), `${node}: ${endpoint.chineseName}`);
		}
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import type { IDataObject, INode } from 'n8n-workflow';

import { OCR_FIXTURES } from '../../sandbox/fixtures/ocr';
import type { HarnessItem, WorkflowJson } from '../harness/harness';
import { makePng } from './images';

export const EXAMPLES_DIR = resolve(__dirname, '../../examples');
export const EXAMPLE_FILES_DIR = join(EXAMPLES_DIR, 'files');

/**
 * The folder the example workflows read from and write to. n8n 2.x lets its file nodes use only
 * ~/.n8n-files by default; users change the path, tests replace it with a folder of their own.
 */
export const EXAMPLE_FILES_PLACEHOLDER = '/home/node/.n8n-files/cbt-examples';

/** What the sandbox answers for an image (and body), straight from its fixture: the expected raw output. */
export function sandboxAnswer(operation: string, image: Buffer, body: Record<string, unknown> = {}) {
	return OCR_FIXTURES[operation]({ ...body, image: image.toString('base64') });
}

/** The raw `data` the sandbox returns for an image; throws when it answers something else. */
export function sandboxData(operation: string, image: Buffer, body: Record<string, unknown> = {}): Record<string, unknown> {
	const answer = sandboxAnswer(operation, image, body);
	if (!('data' in answer)) throw new Error(`the sandbox gives no data for this ${operation} image`);
	return answer.data as Record<string, unknown>;
}

/**
 * A PNG (64 × 40, readable by the sandbox) whose answer satisfies `wants`: the sandbox picks its
 * sample by a hash of the image, so tests look for an image that gets the sample they need.
 */
export function sampleImage(
	operation: string,
	wants: (data: Record<string, unknown>) => boolean,
	body: Record<string, unknown> = {},
): Buffer {
	for (let seed = 1; seed < 5000; seed++) {
		const image = makePng(64, 40, seed);
		const answer = sandboxAnswer(operation, image, body);
		if ('data' in answer && wants(answer.data as Record<string, unknown>)) return image;
	}
	throw new Error(`no sample image gets the wanted ${operation} answer`);
}

/** A PNG of one colour (a blank page): the sandbox answers "no data". */
export function blankPng(width = 64, height = 40): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0]);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	const rows = Buffer.alloc((width * 3 + 1) * height, 0xff);
	for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

export function binaryItem(image: Buffer, fileName: string, json: IDataObject = {}, mimeType = 'image/png'): HarnessItem {
	return { json, binary: { data: { data: image, fileName, mimeType } } };
}

/** The sample files of one examples/files folder as harness items, as Read/Write Files from Disk would give them. */
export function exampleFileItems(folder: string): HarnessItem[] {
	const dir = join(EXAMPLE_FILES_DIR, folder);
	return readdirSync(dir)
		.filter((name) => /\.(png|jpe?g|bmp)$/i.test(name))
		.sort()
		.map((name) => binaryItem(readFileSync(join(dir, name)), name, { fileName: name }, name.endsWith('.png') ? 'image/png' : 'image/jpeg'));
}

/** The invoice images of examples/files/invoices as harness input items, for the demo and tests. */
export function demoInvoiceItems(): HarnessItem[] {
	return exampleFileItems('invoices');
}

export function loadExample(name: string): WorkflowJson & { nodes: INode[] } {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as WorkflowJson & { nodes: INode[] };
}

/** The example with its file paths pointing into `dir` instead of the placeholder folder. */
export function withExampleFilesDir<T>(workflow: T, dir: string): T {
	return JSON.parse(JSON.stringify(workflow).split(EXAMPLE_FILES_PLACEHOLDER).join(dir.replace(/\\/g, '/'))) as T;
}

/**
 * The part of an example the harness can run: its file-reading node becomes a harness input node
 * (same name, fed with `items`), and the nodes after CBT OCR, which are n8n's own, are left out.
 */
export function ocrPartOfExample(workflow: WorkflowJson, readNodeName: string, ocrNodeName: string): WorkflowJson {
	const keep = new Set<string>();
	const walk = (name: string) => {
		keep.add(name);
		if (name === ocrNodeName) return;
		for (const outputs of workflow.connections[name]?.main ?? []) for (const next of outputs ?? []) walk(next.node);
	};
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	walk(trigger?.name ?? readNodeName);
	const nodes = workflow.nodes
		.filter((node) => keep.has(node.name))
		.map((node) => (node.name === readNodeName ? { ...node, type: 'harness.input', typeVersion: 1, parameters: {} } : node));
	const connections = Object.fromEntries(Object.entries(workflow.connections).filter(([name]) => keep.has(name) && name !== ocrNodeName));
	return { ...workflow, nodes, connections };
}

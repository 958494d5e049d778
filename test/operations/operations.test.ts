/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CATEGORY_NODES } from '../../nodes/shared/catalog';
import { CODE } from '../../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runWorkflow, usePackageClock, type HarnessItem, type RunResult } from '../harness/harness';
import { FakeClock } from '../support/fakeClock';
import { credentialFor } from '../support/sandbox';
import { singleNodeWorkflow } from '../support/workflows';
import { DOCUMENT_PNG_BASE64, FACE_PNG_BASE64, OPERATIONS, PREREQUISITES, type Expected, type OperationExpectation, type WireCall } from './expectations';

/*
 * Every catalog operation, run through n8n-core against the sandbox over HTTP, compared with the
 * expectations written by hand in expectations.ts: what reached the gateway (the sandbox ledger's
 * method, path and sorted keys) and what the node output. The catalog is read only to list which
 * operations exist; the expected paths, keys and outputs come from the table alone.
 */

const rowId = (row: OperationExpectation) => [row.node, row.resource, row.operation].filter(Boolean).join(' › ');

/** Every operation the catalog nodes offer, named as the table names them. */
function catalogOperations(): string[] {
	return CATEGORY_NODES.flatMap((entry) =>
		entry.endpoints
			// CBT Trigger's notification is a request the gateway sends to us, not a call.
			.filter((endpoint) => endpoint.output.kind !== 'notification')
			.map((endpoint) => [entry.node, endpoint.resource, endpoint.operation].filter(Boolean).join(' › ')),
	);
}

/** A value or pattern with the prerequisites' placeholders ('{order}', …) replaced by the IDs they stand for. */
function withIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
	if (typeof value === 'string') return (ids.get(value) ?? value) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => withIds(entry, ids)) as T;
	if (value !== null && typeof value === 'object' && !(value instanceof RegExp)) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withIds(entry, ids)])) as T;
	}
	return value;
}

function assertValue(actual: unknown, expected: Expected, message: string) {
	if (expected instanceof RegExp) assert.match(String(actual), expected, message);
	else assert.deepEqual(actual, expected, message);
}

const calls = (sandbox: Sandbox): WireCall[] =>
	sandbox.ledger.entries.map((entry) => ({ method: entry.method as WireCall['method'], path: entry.path, keys: entry.keys }));

describe('every operation sends and outputs what test/operations/expectations.ts says', () => {
	let sandbox: Sandbox;
	const ids = new Map<string, string>();
	// The sandbox and the nodes read one fake clock, moved on whenever a node waits (a poll), so nothing
	// waits for real time; the sandbox's tasks and orders finish at once, so the rows that read them get data.
	const clock = new FakeClock();
	let restoreClock: () => void;

	const run = (row: OperationExpectation, parameters: INodeParameters): Promise<RunResult> => {
		const item: HarnessItem = { json: {} };
		if (row.image) {
			const data = Buffer.from(row.image === 'face' ? FACE_PNG_BASE64 : DOCUMENT_PNG_BASE64, 'base64');
			item.binary = { photo: { data, fileName: `${row.image}.png`, mimeType: 'image/png' } };
		}
		const all: INodeParameters = { ...(row.resource ? { resource: row.resource } : {}), operation: row.operation, ...withIds(parameters, ids) };
		return clock.drive(runWorkflow(singleNodeWorkflow(row.node, all), { credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: [item] } }));
	};

	/** Runs the row's node and checks first what reached the gateway: a wrong key or path shows as such. */
	const send = async (row: OperationExpectation, parameters: INodeParameters, expected: readonly WireCall[]): Promise<RunResult> => {
		sandbox.reset();
		const result = await run(row, parameters);
		const error = result.error('CBT')?.message;
		assert.deepEqual(calls(sandbox), expected, `${rowId(row)}: the requests on the wire${error ? ` (the node failed: ${error})` : ''}`);
		assert.equal(error, undefined, `${rowId(row)}: ${error}`);
		return result;
	};

	before(async () => {
		sandbox = await startSandbox({ clock, async: { delayMs: 0 } });
		restoreClock = usePackageClock(clock);
		const credentials = { cbtApi: credentialFor(sandbox) };
		for (const [placeholder, prerequisite] of Object.entries(PREREQUISITES)) {
			const result = await clock.drive(
				runWorkflow(singleNodeWorkflow(prerequisite.node, prerequisite.parameters), { credentials, inputs: { Input: [{ json: {} }] } }),
			);
			const id = result.output('CBT')[0]?.json[prerequisite.idField];
			assert.ok(typeof id === 'string' && id !== '', `${placeholder}: ${result.error('CBT')?.message ?? 'no ID in the output'}`);
			ids.set(placeholder, id);
		}
	});
	after(async () => {
		restoreClock();
		await sandbox.close();
	});

	it('has exactly one row for each of the 108 operations of the catalog nodes', () => {
		const rows = OPERATIONS.map(rowId);
		assert.deepEqual(
			rows.filter((id, index) => rows.indexOf(id) !== index),
			[],
			'rows listed twice',
		);
		assert.deepEqual([...rows].sort(), catalogOperations().sort());
		assert.equal(rows.length, 108);
	});

	for (const row of OPERATIONS) {
		const id = rowId(row);
		it(`${id}: ${row.request.method} ${row.request.path} with ${row.request.keys.join(', ') || 'no keys'}; ${row.output.items} item(s) of ${row.output.fields.length} fields`, async () => {
			const result = await send(row, row.parameters, [row.request]);
			assert.deepEqual(
				sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]),
				[[CODE.ok, row.billed ?? true]],
				`${id}: the gateway's answer`,
			);

			const output = result.output('CBT');
			assert.equal(output.length, row.output.items, `${id}: output items`);
			const fields = [...row.output.fields].sort();
			output.forEach((item, index) => {
				assert.deepEqual(Object.keys(item.json).sort(), fields, `${id}: the fields of item ${index}`);
				assert.deepEqual(item.pairedItem, { item: 0 }, `${id}: item ${index} is paired to the input`);
			});
			const first = output[0]?.json as IDataObject;
			for (const [field, expected] of Object.entries(row.output.values)) {
				assertValue(first[field], withIds(expected, ids), `${id}: ${field}`);
			}
		});

		if (row.raw) {
			const raw = row.raw;
			it(`${id}, Output Format Raw: the gateway's data unchanged`, async () => {
				const result = await send(row, { ...row.parameters, outputFormat: 'raw' }, [row.request]);
				assert.deepEqual(
					result.output('CBT').map((item) => item.json),
					[raw],
				);
			});
		}

		for (const variant of row.variants ?? []) {
			it(`${id}, ${variant.why}`, async () => {
				await send(row, { ...row.parameters, ...variant.parameters }, variant.calls);
				assert.ok(
					sandbox.ledger.entries.every((entry) => entry.code === CODE.ok),
					`${id}: ${JSON.stringify(sandbox.ledger.entries.map((entry) => entry.message))}`,
				);
			});
		}
	}
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runWorkflow, type HarnessItem } from '../harness/harness';
import {
	base64ImageCases,
	binaryImageCases,
	faceImageCases,
	SERVED_FILES,
	urlImageCases,
	type ImageCase,
} from '../support/corpus/badImages';
import { textCorpus, type CorpusCase, type TextKind } from '../support/corpus/badInput';
import { credentialFor } from '../support/sandbox';
import { singleNodeWorkflow } from '../support/workflows';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy';
import { writeSummary } from './support/summary';

/*
 * The bad-input corpus through real nodes: one workflow run per field kind, every case an item
 * (its value read with an expression, "continue on fail" on, so each item gives its own result).
 * A recording proxy in front of the sandbox shows what was sent for which case (each request is
 * tagged through Extra Body Fields); the sandbox's ledger shows what was called.
 */

const VALUE = '={{ $json.value }}';
const TAG = '={{ JSON.stringify({ corpus_case: $json.caseId }) }}';

/** Where each text kind is tried: a node and operation that take it, the other fields valid. */
const RUNNERS: Record<TextKind, { node: string; parameters: INodeParameters; key: string }> = {
	idNumber: { node: 'cbtIdentity', parameters: { operation: 'twoFactor', name: '张伟', idNumber: VALUE }, key: 'id_card' },
	chineseName: { node: 'cbtIdentity', parameters: { operation: 'twoFactor', name: VALUE, idNumber: '110101199003074477' }, key: 'name' },
	mobile: { node: 'cbtCarrier', parameters: { operation: 'onlineDuration', mobile: VALUE }, key: 'mobile' },
	creditCode: { node: 'cbtTaxReport', parameters: { operation: 'taxReport', creditCode: VALUE }, key: 'credit_code' },
	plate: { node: 'cbtVehicle', parameters: { operation: 'vehicleFiveItems', plateNumber: VALUE }, key: 'plate_no' },
	vin: { node: 'cbtVehicle', parameters: { operation: 'vehicleConfiguration', vin: VALUE }, key: 'vin' },
	companyKeyword: { node: 'cbtEnterprise', parameters: { resource: 'company', operation: 'businessInfo', company: VALUE }, key: 'keyword' },
	date: { node: 'cbtTaxData', parameters: { operation: 'salesInvoices', orderId: 'ORD-CORPUS-1', startDate: VALUE }, key: 'start_date' },
	text: { node: 'cbtTaxData', parameters: { operation: 'companyBasics', orderId: VALUE }, key: 'order_id' },
};

const REJECTED_BEFORE_SENDING = /^Item (\d+)(, field '[^']+')?: /;
const NOTHING_SENT = /Nothing was sent to the gateway for this item, so it was not billed\./;

interface Tally {
	inputs: number;
	rejected: number;
	normalised: number;
	sentAsTyped: number;
	omitted: number;
	callsForRejected: number;
	callsForAccepted: number;
	doubleBills: number;
	byKind: Record<string, number>;
}
const tally: Tally = { inputs: 0, rejected: 0, normalised: 0, sentAsTyped: 0, omitted: 0, callsForRejected: 0, callsForAccepted: 0, doubleBills: 0, byKind: {} };

interface Expectation {
	caseId: string;
	/** The value the body must carry under `key`, 'reject' or 'omit'. */
	expect: string | 'reject' | 'omit';
	/** Whether the sent value differs from the input (normalised). */
	changed: boolean;
	label: string;
}

describe('bad-input corpus: normalised where safe, otherwise rejected before any call', () => {
	let sandbox: Sandbox;
	let proxy: RecordingProxy;
	let files: Server;
	let filesUrl = '';
	before(async () => {
		sandbox = await startSandbox();
		proxy = await startRecordingProxy(sandbox.url);
		files = createServer((request, response) => {
			const file = SERVED_FILES[new URL(request.url ?? '/', 'http://files').pathname];
			if (!file) {
				response.writeHead(404, { 'Content-Type': 'text/html' });
				response.end('<html><body>Not Found</body></html>');
				return;
			}
			response.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length });
			response.end(file.body);
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
	});
	after(async () => {
		await proxy.close();
		await sandbox.close();
		await new Promise<void>((resolve) => files.close(() => resolve()));
		writeSummary('badInput', tally);
	});

	/** Runs the items through one node and checks every case against the proxy's record and the ledger. */
	async function check(node: string, parameters: INodeParameters, key: string, items: HarnessItem[], expectations: Expectation[], kind: string) {
		sandbox.reset();
		proxy.requests.length = 0;
		const options = { ...((parameters.options as IDataObject) ?? {}), extraBody: TAG };
		const result = await runWorkflow(singleNodeWorkflow(node, { ...parameters, options }, { onError: 'continueRegularOutput' }), {
			credentials: { cbtApi: credentialFor(sandbox, { baseUrl: proxy.url }) },
			inputs: { Input: items },
		});
		assert.equal(result.error('CBT'), undefined, result.error('CBT')?.message);
		const output = result.output('CBT');
		const byItem = new Map<number, INodeExecutionData[]>();
		for (const item of output) {
			const index = (item.pairedItem as { item: number }).item;
			byItem.set(index, [...(byItem.get(index) ?? []), item]);
		}
		const sent = new Map<string, IDataObject[]>();
		for (const request of proxy.requests) {
			const body = JSON.parse(request.body) as IDataObject;
			const tag = String(body.corpus_case);
			sent.set(tag, [...(sent.get(tag) ?? []), body]);
		}

		let accepted = 0;
		expectations.forEach((expectation, index) => {
			const bodies = sent.get(expectation.caseId) ?? [];
			tally.inputs++;
			tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
			if (expectation.expect === 'reject') {
				tally.rejected++;
				tally.callsForRejected += bodies.length;
				assert.equal(bodies.length, 0, `${expectation.label}: rejected, yet sent`);
				const [item] = byItem.get(index) ?? [];
				assert.ok(item, `${expectation.label}: an error item`);
				const error = String(item.json.error);
				assert.equal(REJECTED_BEFORE_SENDING.exec(error)?.[1], String(index), `${expectation.label}: the error names the item: ${error}`);
				assert.match(String(item.json.errorDetails), NOTHING_SENT, expectation.label);
				return;
			}
			accepted++;
			tally.callsForAccepted += bodies.length;
			assert.equal(bodies.length, 1, `${expectation.label}: sent exactly once (${byItem.get(index)?.[0]?.json.error ?? ''})`);
			if (expectation.expect === 'omit') {
				tally.omitted++;
				assert.equal(key in bodies[0], false, `${expectation.label}: left out`);
			} else {
				if (expectation.changed) tally.normalised++;
				else tally.sentAsTyped++;
				assert.equal(bodies[0][key], expectation.expect, expectation.label);
			}
		});
		// The ledger agrees: one call per accepted case, none for the rest, no request twice.
		assert.equal(sandbox.ledger.entries.length, accepted);
		const fingerprints = sandbox.ledger.entries.map((entry) => entry.fingerprint);
		const twice = fingerprints.length - new Set(fingerprints).size;
		tally.doubleBills += twice;
		assert.equal(twice, 0);
	}

	const corpus = textCorpus();
	const kinds = [...new Set(corpus.map((entry) => entry.kind))];

	it('has at least 300 cases across field kinds, each a rejection or a value to send', () => {
		const total = corpus.length + binaryImageCases().length + base64ImageCases().length + urlImageCases().length + faceImageCases().length;
		assert.ok(total >= 300, `${total} cases`);
		assert.ok(kinds.length >= 9);
	});

	for (const kind of kinds) {
		it(`${kind}: ${corpus.filter((entry) => entry.kind === kind).length} values`, async () => {
			const cases = corpus.filter((entry) => entry.kind === kind);
			const runner = RUNNERS[kind];
			const items = cases.map((entry, index) => ({ json: { value: entry.value as IDataObject[string], caseId: `${kind}-${index}` } }));
			const expectations = cases.map((entry: CorpusCase, index): Expectation => ({
				caseId: `${kind}-${index}`,
				expect: entry.expect,
				changed: entry.expect !== entry.value,
				label: `${kind} #${index} (${entry.family}: ${JSON.stringify(entry.value)?.slice(0, 60)})`,
			}));
			await check(runner.node, runner.parameters, runner.key, items, expectations, kind);
		});
	}

	const imageExpectations = (kind: string, cases: ImageCase[]) =>
		cases.map((entry, index): Expectation => ({
			caseId: `${kind}-${index}`,
			expect: entry.expect === 'reject' ? 'reject' : entry.expect.toString('base64'),
			changed: typeof entry.text === 'string' && entry.expect !== 'reject' && entry.text !== entry.expect.toString('base64'),
			label: `${kind} #${index} (${entry.family})`,
		}));
	const binaryItems = (kind: string, cases: ImageCase[], field: string): HarnessItem[] =>
		cases.map((entry, index) => ({
			json: { caseId: `${kind}-${index}` },
			...(entry.bytes ? { binary: { [field]: { data: entry.bytes, fileName: `case-${index}.png`, mimeType: entry.mimeType ?? 'image/png' } } } : {}),
		}));

	it(`image from a binary field: ${binaryImageCases().length} files`, async () => {
		const cases = binaryImageCases();
		const parameters = { operation: 'invoice', imageSource: 'binary', binaryPropertyName: 'data', outputFormat: 'raw' };
		await check('cbtOcr', parameters, 'image', binaryItems('binaryImage', cases, 'data'), imageExpectations('binaryImage', cases), 'image');
	});

	it(`image as base64 text: ${base64ImageCases().length} values`, async () => {
		const cases = base64ImageCases();
		const items = cases.map((entry, index) => ({ json: { value: entry.text as IDataObject[string], caseId: `base64Image-${index}` } }));
		const parameters = { operation: 'invoice', imageSource: 'base64', imageBase64: VALUE, outputFormat: 'raw' };
		await check('cbtOcr', parameters, 'image', items, imageExpectations('base64Image', cases), 'image');
	});

	it(`image from a URL: ${urlImageCases().length} addresses, an HTML page served as an image among them`, async () => {
		const cases = urlImageCases();
		const url = (text: unknown) => String(text).replace(/^(\s*)\//, `$1${filesUrl}/`);
		const items = cases.map((entry, index) => ({ json: { value: url(entry.text), caseId: `urlImage-${index}` } }));
		const parameters = { operation: 'invoice', imageSource: 'url', imageUrl: VALUE, outputFormat: 'raw' };
		await check('cbtOcr', parameters, 'image', items, imageExpectations('urlImage', cases), 'image');
	});

	it(`face photo: ${faceImageCases().length} files`, async () => {
		const cases = faceImageCases();
		const parameters = { operation: 'portrait', name: '张伟', idNumber: '110101199003074477', binaryPropertyName: 'photo' };
		await check('cbtIdentity', parameters, 'image', binaryItems('faceImage', cases, 'photo'), imageExpectations('faceImage', cases), 'faceImage');
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import type { IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CATEGORY_NODES } from '../nodes/shared/catalog';
import { FIELD_KINDS } from '../nodes/shared/fields';
import { CODE } from '../nodes/shared/transport/codes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { loadPackage, runWorkflow } from './harness/harness';
import { makePng } from './support/images';
import { credentialFor } from './support/sandbox';

/*
 * The nodes as AI agent tools. n8n makes a tool variant of every node with usableAsTool (type name +
 * "Tool", which is what the '@tool' display condition reads), and gives the model
 * NodeHelpers.getToolDescriptionForNode(node, type) — n8n-workflow's own function, used here as n8n-core
 * uses it when it builds the tool.
 */

function toolVariant(type: INodeType): INodeType {
	const variant = Object.assign(Object.create(Object.getPrototypeOf(type) as object) as INodeType, type);
	variant.description = { ...structuredClone(type.description), name: `${type.description.name}Tool` };
	return variant;
}

function toolNode(type: INodeType, parameters: INodeParameters): INode {
	const node: INode = { id: 't', name: 'Tool', type: `n8n-nodes-cbt.${type.description.name}`, typeVersion: 1, position: [0, 0], parameters };
	// As the Workflow does when it loads a node: the parameters with the defaults of those shown.
	node.parameters = NodeHelpers.getNodeParameters(type.description.properties, parameters, true, false, node, type.description) ?? {};
	return node;
}

describe('the nodes as AI agent tools', () => {
	let types: Map<string, INodeType>;
	before(async () => {
		types = (await loadPackage()).nodes as Map<string, INodeType>;
	});

	it('the name and ID check tells the model what it does, each input’s format, and the billing', () => {
		const type = toolVariant(types.get('n8n-nodes-cbt.cbtIdentity') as INodeType);
		const node = toolNode(type, { operation: 'twoFactor', name: "={{ $fromAI('name') }}", idNumber: "={{ $fromAI('idNumber') }}" });
		assert.equal(
			NodeHelpers.getToolDescriptionForNode(node, type),
			'Verify a name and ID number (公安实名二要素核验) through the CBT data gateway. ' +
				'Inputs: Name: The person’s name in Chinese characters, exactly as on the ID card; use · in transliterated names (阿卜杜拉·艾买提); ' +
				'ID Number: Resident ID card number (居民身份证号): 18 characters, the last may be X. An old 15-digit number is converted to 18 digits before it is sent. ' +
				'Returns whether the name and ID number belong together, with a verdict: match, mismatch or noRecord. Output: one item with what the gateway found for the input. ' +
				'Each call is billed by the gateway. Inputs in the wrong format are refused before anything is sent and are not billed; the error says which input to fix.',
		);
	});

	it('every operation of every node gets its own description in tool mode, and none outside it', () => {
		let operations = 0;
		for (const entry of CATEGORY_NODES.filter((candidate) => candidate.node !== 'cbtTrigger')) {
			const type = types.get(`n8n-nodes-cbt.${entry.node}`) as INodeType;
			const tool = toolVariant(type);
			for (const endpoint of entry.endpoints) {
				const parameters: INodeParameters = { operation: endpoint.operation, ...(endpoint.resource ? { resource: endpoint.resource } : {}) };
				const text = NodeHelpers.getToolDescriptionForNode(toolNode(tool, parameters), tool);
				const where = `${entry.node} › ${endpoint.operation}`;
				assert.ok(text.startsWith(`${endpoint.action} (${endpoint.chineseName})`), `${where}: ${text}`);
				for (const field of endpoint.fields) {
					// OCR's image comes from a URL as a tool, not from the binary field its label names.
					const label = entry.node === 'cbtOcr' ? 'Image: a public http(s) URL' : (field.displayName ?? FIELD_KINDS[field.kind].displayName);
					assert.ok(text.includes(label), `${where}: ${field.key}`);
				}
				assert.ok(!text.includes('..'), `${where}: ${text}`);
				assert.match(text, /Each call is billed by the gateway\. Inputs in the wrong format are refused before anything is sent and are not billed/);
				assert.equal(toolNode(type, parameters).parameters.toolDescription, undefined, `${where}: no Tool Description outside tool mode`);
				operations++;
			}
		}
		assert.equal(operations, 108);
	});

	describe('errors a model can act on: its message alone says what was wrong, how to fix it and whether it was billed', () => {
		let sandbox: Sandbox;
		before(async () => {
			sandbox = await startSandbox();
		});
		after(() => sandbox.close());
		const check = (type: string, idNumber: string) =>
			runWorkflow(
				{
					nodes: [
						{ id: 'i', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'c',
							name: 'Check',
							type,
							typeVersion: 1,
							position: [200, 0],
							parameters: { operation: 'twoFactor', name: '张三', idNumber },
							credentials: { cbtApi: { id: '1', name: 'CBT' } },
						},
					],
					connections: { Input: { main: [[{ node: 'Check', type: 'main', index: 0 }]] } },
				},
				{
					credentials: { cbtApi: credentialFor(sandbox) },
					inputs: { Input: [{ json: {} }] },
					extraNodeTypes: { 'n8n-nodes-cbt.cbtIdentityTool': toolVariant(types.get('n8n-nodes-cbt.cbtIdentity') as INodeType) },
				},
			);

		it('a wrong check digit: which input, what is wrong, and that nothing was billed', async () => {
			sandbox.reset();
			const asTool = (await check('n8n-nodes-cbt.cbtIdentityTool', '110105194912310021')).error('Check');
			assert.match(asTool?.message ?? '', /^Field 'ID Number': .*check (digit|character).* Nothing was sent to the gateway for this item, so it was not billed\.$/);
			// In a workflow the item number stays, and the billing sentence is in the description.
			const inWorkflow = (await check('n8n-nodes-cbt.cbtIdentity', '110105194912310021')).error('Check');
			assert.match(inWorkflow?.message ?? '', /^Item 0, field 'ID Number': /);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('a gateway error: the code, its meaning and whether the call was billed', async () => {
			sandbox.reset();
			sandbox.inject({ kind: 'code', code: CODE.quota, charge: 0 });
			const error = (await check('n8n-nodes-cbt.cbtIdentityTool', '11010519491231002X')).error('Check');
			assert.match(error?.message ?? '', new RegExp(`^Gateway error ${CODE.quota} \\(Balance exhausted\\).* Billed: no\\. Top up the account balance`));
		});
	});

	describe('CBT Gateway’s Custom Request as a tool calls only a path the user fixed', () => {
		let sandbox: Sandbox;
		before(async () => {
			sandbox = await startSandbox();
		});
		after(() => sandbox.close());
		const run = (customPath: string) => {
			const gateway = types.get('n8n-nodes-cbt.cbtGateway') as INodeType;
			return runWorkflow(
				{
					nodes: [
						{ id: 'i', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'g',
							name: 'Gateway',
							type: 'n8n-nodes-cbt.cbtGatewayTool',
							typeVersion: 1,
							position: [200, 0],
							parameters: { operation: 'customRequest', customMethod: 'POST', customPath, customBody: '{"image": ""}' },
							credentials: { cbtApi: { id: '1', name: 'CBT' } },
						},
					],
					connections: { Input: { main: [[{ node: 'Gateway', type: 'main', index: 0 }]] } },
				},
				{ credentials: { cbtApi: credentialFor(sandbox) }, inputs: { Input: [{ json: { path: '/apis/tt/gw/ocr/v1/invoice' } }] }, extraNodeTypes: { 'n8n-nodes-cbt.cbtGatewayTool': toolVariant(gateway) } },
			);
		};

		it('a Path from an expression (the model’s choice) is refused before anything is sent', async () => {
			sandbox.reset();
			const result = await run('={{ $json.path }}');
			assert.match(
				result.error('Gateway')?.message ?? '',
				/^Field 'Path': is an expression; as an AI agent tool, Custom Request only calls a fixed Path that you enter\. Nothing was sent to the gateway for this item, so it was not billed\.$/,
			);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('a fixed Path is called', async () => {
			sandbox.reset();
			await run('/apis/tt/gw/ocr/v1/invoice');
			assert.deepEqual(sandbox.ledger.entries.map((entry) => entry.path), ['/apis/tt/gw/ocr/v1/invoice']);
		});
	});

	describe('CBT OCR as a tool reads an image from a URL, which a tool call can carry', () => {
		let sandbox: Sandbox;
		let files: Server;
		let filesUrl = '';
		const image = makePng(48, 32, 4242);
		before(async () => {
			sandbox = await startSandbox();
			files = createServer((_request, response) => {
				response.writeHead(200, { 'Content-Type': 'image/png' });
				response.end(image);
			});
			await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
			filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/invoice.png`;
		});
		after(async () => {
			await sandbox.close();
			await new Promise<void>((resolve) => files.close(() => resolve()));
		});

		it('Image Source defaults to URL in tool mode and to Binary File in a workflow', () => {
			const type = types.get('n8n-nodes-cbt.cbtOcr') as INodeType;
			assert.equal(toolNode(toolVariant(type), { operation: 'invoice' }).parameters.imageSource, 'url');
			assert.equal(toolNode(type, { operation: 'invoice' }).parameters.imageSource, 'binary');
		});

		it('a tool call with only the URL reads the invoice: one billed call, the same answer as from the file itself', async () => {
			const ocr = types.get('n8n-nodes-cbt.cbtOcr') as INodeType;
			const run = (type: string, parameters: INodeParameters) =>
				runWorkflow(
					{
						nodes: [
							{ id: 'i', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
							{ id: 'o', name: 'OCR', type, typeVersion: 1, position: [200, 0], parameters, credentials: { cbtApi: { id: '1', name: 'CBT' } } },
						],
						connections: { Input: { main: [[{ node: 'OCR', type: 'main', index: 0 }]] } },
					},
					{
						credentials: { cbtApi: credentialFor(sandbox) },
						inputs: { Input: [{ json: {} }] },
						extraNodeTypes: { 'n8n-nodes-cbt.cbtOcrTool': toolVariant(ocr) },
					},
				);
			sandbox.reset();
			const asTool = await run('n8n-nodes-cbt.cbtOcrTool', { operation: 'invoice', imageUrl: filesUrl });
			assert.equal(asTool.error('OCR'), undefined, asTool.error('OCR')?.message);
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [['OCR.invoice', true]]);
			const fromBase64 = await run('n8n-nodes-cbt.cbtOcr', { operation: 'invoice', imageSource: 'base64', imageBase64: image.toString('base64') });
			// The same invoice; only the URL gives it a file name (its last segment), base64 text has none.
			const withoutName = ({ fileName, ...rest }: IDataObject) => ({ rest, fileName });
			assert.deepEqual(
				asTool.output('OCR').map((item) => withoutName(item.json)),
				fromBase64.output('OCR').map((item) => ({ ...withoutName(item.json), fileName: 'invoice.png' })),
			);
		});
	});
});

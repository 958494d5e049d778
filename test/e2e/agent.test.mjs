// The CBT nodes as tools of n8n's AI Agent, in a real n8n 2.39.10 (`npm run test:e2e`).
//
// Manual Trigger → AI Agent (3.1) with an OpenAI Chat Model (1.3, Chat Completions) whose credential points at a
// scripted model on loopback (scripts/e2e/scripted-model.mjs), and three CBT tools: CBT Identity & Risk (name and
// ID check), CBT Enterprise (business registration) and CBT OCR (invoice from a URL), their inputs all `$fromAI`.
// The script calls the identity tool, calls it again with a wrong check digit, looks the company up, reads an
// invoice served by a loopback file server, and answers. The test reads what the model received (every request
// is recorded: tool names, descriptions, parameter schemas, tool results and errors) and the sandbox's ledger.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { importWorkflows, prepareCbtHome, REPO_ROOT } from '../../scripts/e2e/cbt-home.mjs';
import { ensureN8n } from '../../scripts/e2e/n8n-install.mjs';
import { executeWorkflow, importCredentials, workflowNode } from '../../scripts/e2e/n8n-runner.mjs';
import { offeredTools, startScriptedModel, textStep, toolResultCount, toolResults, toolStep } from '../../scripts/e2e/scripted-model.mjs';
import { ENT_ENDPOINTS, GA_ENDPOINTS, OCR_ENDPOINTS } from '../../nodes/shared/catalog/index.ts';
import { toolDescriptionText } from '../../nodes/shared/description/tool.ts';
import { ENT_FIXTURES } from '../../sandbox/fixtures/ent.ts';
import { GA_FIXTURES } from '../../sandbox/fixtures/ga.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { sandboxData } from '../support/ocrSamples.ts';

const PERSON = { name: '张三', idNumber: '11010519491231002X' };
const WRONG_CHECK_DIGIT = '110105194912310021';
const COMPANY = '福建示例科技有限公司';
const INVOICE_FILE = path.join(REPO_ROOT, 'examples/files/invoices/invoice-special-vat.png');
const INVOICE_IMAGE = fs.readFileSync(INVOICE_FILE);
const FINAL_TEXT = 'Checked: 张三’s name and ID do not match; 福建示例科技有限公司 is registered and active; the invoice was read.';
const DUMMY_KEY = 'sk-cbt-e2e-dummy-key';

/** What each `$fromAI` input tells the model (the same examples as docs/agents.md). */
const FROM_AI = {
	name: 'The person’s full name in Chinese characters, exactly as on the ID card',
	idNumber: 'The 18-character resident ID number (居民身份证号); the last character may be X',
	company: 'The company’s registered name or its 18-character unified social credit code',
	imageUrl: 'A public http(s) URL of the invoice image (JPG, PNG or BMP)',
};
const fromAI = (key) => `={{ $fromAI('${key}', '${FROM_AI[key]}', 'string') }}`;

const endpoint = (list, operation) => list.find((e) => e.operation === operation);
const IDENTITY = endpoint(GA_ENDPOINTS, 'twoFactor');
const BUSINESS_INFO = endpoint(ENT_ENDPOINTS, 'businessInfo');
const INVOICE = endpoint(OCR_ENDPOINTS, 'invoice');

/** The tools: n8n names each after its node (nodeNameToToolName: anything but [A-Za-z0-9_-] becomes _). */
const TOOLS = {
	identity: { node: 'Identity Check', tool: 'Identity_Check', endpoint: IDENTITY, keys: ['name', 'idNumber'] },
	enterprise: { node: 'Company Registration', tool: 'Company_Registration', endpoint: BUSINESS_INFO, keys: ['company'] },
	ocr: { node: 'Invoice OCR', tool: 'Invoice_OCR', endpoint: INVOICE, keys: ['imageUrl'] },
};

let sandbox;
let cbt;
let model;
let files;
let invoiceUrl;
const fileRequests = [];
let run; // executeWorkflow() result
let ledger;
let started;

function startFileServer() {
	const server = http.createServer((request, response) => {
		fileRequests.push(`${request.method} ${request.url}`);
		if (request.method === 'GET' && request.url === '/invoices/invoice-special-vat.png') {
			response.writeHead(200, { 'content-type': 'image/png', 'content-length': INVOICE_IMAGE.length });
			response.end(INVOICE_IMAGE);
		} else {
			response.writeHead(404).end();
		}
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function agentWorkflow(openAiCredential) {
	const cbtCredentials = { cbtApi: { id: cbt.credential.id, name: cbt.credential.name } };
	const tool = (name, type, parameters, x) => workflowNode(name, cbt.nodeType(type), 1, parameters, x, { credentials: cbtCredentials });
	const toAgent = (type) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	return {
		name: 'e2e: AI Agent with CBT tools',
		nodes: [
			workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			workflowNode(
				'AI Agent',
				'@n8n/n8n-nodes-langchain.agent',
				3.1,
				{
					promptType: 'define',
					text: `Check that ${PERSON.name} holds ID number ${PERSON.idNumber}, get the business registration of ${COMPANY}, and read the invoice at ${invoiceUrl}.`,
					options: {},
				},
				200,
			),
			workflowNode(
				'OpenAI Chat Model',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				1.3,
				{ model: { __rl: true, mode: 'id', value: 'scripted-model' }, responsesApiEnabled: false, options: {} },
				200,
				{ credentials: { openAiApi: { id: openAiCredential.id, name: openAiCredential.name } } },
			),
			tool(TOOLS.identity.node, 'cbtIdentityTool', { operation: 'twoFactor', name: fromAI('name'), idNumber: fromAI('idNumber'), options: {} }, 400),
			tool(
				TOOLS.enterprise.node,
				'cbtEnterpriseTool',
				{ resource: BUSINESS_INFO.resource, operation: 'businessInfo', company: { __rl: true, mode: 'keyword', value: fromAI('company') }, options: {} },
				600,
			),
			// In tool mode Image Source defaults to URL: only the URL is needed.
			tool(TOOLS.ocr.node, 'cbtOcrTool', { operation: 'invoice', imageUrl: fromAI('imageUrl'), options: {} }, 800),
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': toAgent('ai_languageModel'),
			[TOOLS.identity.node]: toAgent('ai_tool'),
			[TOOLS.enterprise.node]: toAgent('ai_tool'),
			[TOOLS.ocr.node]: toAgent('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The Chat Completions requests, one per step (a retried request repeats its step: keep the last of each). */
function requestsByStep() {
	const bySteps = new Map();
	for (const body of model.chatRequests()) bySteps.set(toolResultCount(body), body);
	return [...bySteps.entries()].sort(([a], [b]) => a - b).map(([, body]) => body);
}

const lastRequest = () => requestsByStep().at(-1);
const parsedResult = (index) => JSON.parse(toolResults(lastRequest())[index].content);

function assertContains(actual, expected, where) {
	for (const [key, value] of Object.entries(expected)) assert.deepEqual(actual[key], value, `${where}: ${key}`);
}

describe('the CBT nodes as tools of n8n’s AI Agent, with a scripted model', { timeout: 10 * 60 * 1000 }, () => {
	before(async () => {
		started = Date.now();
		const install = await ensureN8n();
		sandbox = await startSandbox({ port: 0 });
		files = await startFileServer();
		invoiceUrl = `http://127.0.0.1:${files.address().port}/invoices/invoice-special-vat.png`;
		model = await startScriptedModel({
			steps: [
				toolStep(TOOLS.identity.tool, { name: PERSON.name, idNumber: PERSON.idNumber }),
				toolStep(TOOLS.identity.tool, { name: PERSON.name, idNumber: WRONG_CHECK_DIGIT }),
				toolStep(TOOLS.enterprise.tool, { company: COMPANY }),
				toolStep(TOOLS.ocr.tool, { imageUrl: invoiceUrl }),
				textStep(FINAL_TEXT),
			],
		});
		cbt = await prepareCbtHome({ install, sandboxUrl: sandbox.url });
		const [openAi] = await importCredentials(cbt.home, [{ name: 'Scripted model', type: 'openAiApi', data: { apiKey: DUMMY_KEY, url: model.baseUrl } }]);
		const [id] = await importWorkflows(cbt.home, [agentWorkflow(openAi)]);
		sandbox.reset();
		run = await executeWorkflow(cbt.home, id, { timeoutMs: 300_000 });
		ledger = [...sandbox.ledger.entries];
		// what the model received, for a look afterwards (kept with the n8n home under CBT_E2E_KEEP=1)
		fs.writeFileSync(path.join(cbt.home.dir, 'model-requests.json'), JSON.stringify(model.requests, null, 2));
		fs.writeFileSync(path.join(cbt.home.dir, 'n8n-execute.log'), `${run.stdout}\n--- stderr\n${run.stderr}`);
		if (process.env.CBT_E2E_MODEL_LOG) fs.writeFileSync(process.env.CBT_E2E_MODEL_LOG, JSON.stringify(model.requests, null, 2));
		process.stderr.write(`agent e2e: n8n execute took ${run.ms} ms, ${model.chatRequests().length} model requests; set-up and run ${Date.now() - started} ms\n`);
	});

	after(async () => {
		await model?.close();
		await new Promise((resolve) => (files ? files.close(resolve) : resolve()));
		await sandbox?.close();
		if (process.env.CBT_E2E_KEEP) process.stderr.write(`kept n8n home ${cbt?.home.dir}\n`);
		else cbt?.home.cleanup();
	});

	it('the workflow ran to the model’s final answer, which the AI Agent output', async () => {
		const tail = (s) => s.slice(-2000);
		assert.ok(run.ok, `the execution failed: ${JSON.stringify(run.error ?? null)?.slice(0, 1500)}\n${run.errorMessages.join('\n').slice(0, 1500)}\n--- stdout\n${tail(run.stdout)}\n--- stderr\n${tail(run.stderr)}`);
		assert.deepEqual(run.items['AI Agent'], [{ output: FINAL_TEXT }]);
		assert.ok(model.finished(), 'the script reached its final text');
		await model.done; // and the server stopped itself
		// five turns: four tool calls and the answer, each asked over Chat Completions without streaming, with the credential's key
		assert.deepEqual(requestsByStep().map(toolResultCount), [0, 1, 2, 3, 4]);
		for (const request of model.requests) {
			assert.equal(`${request.method} ${request.path}`, 'POST /v1/chat/completions');
			assert.equal(request.headers.authorization, `Bearer ${DUMMY_KEY}`);
			assert.equal(request.body.model, 'scripted-model');
			assert.notEqual(request.body.stream, true);
		}
		// Agent 3.1 without a System Message option sends no system message: the prompt, then the tools, are all the model has
		const [prompt, ...rest] = requestsByStep()[0].messages;
		assert.equal(prompt.role, 'user');
		assert.equal(rest.length, 0);
		assert.ok(String(prompt.content).includes(`${PERSON.idNumber}, get the business registration of ${COMPANY}, and read the invoice at ${invoiceUrl}`));
	});

	it('the model was offered exactly the three CBT tools, each described by its operation’s Tool Description', () => {
		for (const body of requestsByStep()) {
			const tools = offeredTools(body);
			assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(TOOLS).map((t) => t.tool).sort());
			for (const { tool, endpoint: e } of Object.values(TOOLS)) {
				const { description } = tools.find((t) => t.name === tool);
				// written from the catalog by nodes/shared/toolDescription.ts …
				assert.equal(description, toolDescriptionText(e), `${tool}: the operation's Tool Description`);
				// … and holding what a model needs, written out here by hand
				assert.ok(description.startsWith(`${e.action} (${e.chineseName}) through the CBT data gateway.`), `${tool}: what it does`);
				assert.match(description, /Each call is billed by the gateway\./, `${tool}: billing`);
				assert.match(description, /Inputs in the wrong format are refused before anything is sent and are not billed; the error says which input to fix\./, tool);
			}
		}
		const described = (tool) => offeredTools(requestsByStep()[0]).find((t) => t.name === tool).description;
		assert.match(described('Identity_Check'), /^Verify a name and ID number \(公安实名二要素核验\)/);
		assert.match(described('Identity_Check'), /Name: The person’s name in Chinese characters, exactly as on the ID card/);
		assert.match(described('Identity_Check'), /ID Number: Resident ID card number \(居民身份证号\): 18 characters, the last may be X/);
		assert.match(described('Company_Registration'), /^Get the business registration of a company \(工商照面\)/);
		assert.match(described('Company_Registration'), /Company: Company name as registered, or its 18-character unified social credit code/);
		assert.match(described('Invoice_OCR'), /^Read an invoice image \(发票OCR\)/);
		assert.match(described('Invoice_OCR'), /Inputs: Image: a public http\(s\) URL of a JPG, PNG or BMP file\./);
	});

	it('each tool’s parameter schema holds its $fromAI keys, as required strings with the descriptions given', () => {
		for (const body of requestsByStep()) {
			for (const { tool, keys } of Object.values(TOOLS)) {
				const { parameters } = offeredTools(body).find((t) => t.name === tool);
				assert.equal(parameters.type, 'object', tool);
				assert.deepEqual(parameters.properties, Object.fromEntries(keys.map((key) => [key, { type: 'string', description: FROM_AI[key] }])), tool);
				assert.deepEqual([...parameters.required].sort(), [...keys].sort(), `${tool}: every input is required`);
			}
		}
	});

	it('the tool results the model got back: the check’s answer, the refusal, the company record and the invoice', () => {
		const results = toolResults(lastRequest());
		assert.deepEqual(
			results.map((r) => r.name),
			[TOOLS.identity.tool, TOOLS.identity.tool, TOOLS.enterprise.tool, TOOLS.ocr.tool],
		);

		// (1) the name and ID check: the sandbox's answer for that person
		const identity = parsedResult(0);
		assert.equal(identity.length, 1, results[0].content);
		const expectedCheck = GA_FIXTURES.twoFactor({ name: PERSON.name, id_card: PERSON.idNumber });
		assert.ok('data' in expectedCheck);
		assertContains(identity[0], expectedCheck.data, 'identity');

		// (2) a wrong check digit: refused before any call; the message alone says which input, what is wrong, and that nothing was billed
		const refusal = parsedResult(1);
		assert.equal(refusal.length, 1, results[1].content);
		assert.deepEqual(Object.keys(refusal[0]), ['error'], results[1].content);
		assert.match(refusal[0].error, /^Field 'ID Number': .*check (digit|character).* Nothing was sent to the gateway for this item, so it was not billed\.$/);
		assert.doesNotMatch(refusal[0].error, /Item 0/);

		// (3) the business registration: the sandbox's record for the company
		const company = parsedResult(2);
		assert.equal(company.length, 1, results[2].content);
		const expectedCompany = ENT_FIXTURES.businessInfo({ keyword: COMPANY });
		assert.ok('data' in expectedCompany);
		assertContains(company[0], expectedCompany.data, 'business registration');
		assert.equal(company[0].entName, COMPANY);

		// (4) the invoice read from the URL: the sandbox's fields for that image, in the simplified columns
		const invoice = parsedResult(3);
		assert.equal(invoice.length, 1, results[3].content);
		const read = sandboxData('invoice', INVOICE_IMAGE);
		const amount = (text) => Number(String(text).replace(/[^\d.-]/g, ''));
		assertContains(
			invoice[0],
			{
				invoiceCode: read.invoiceCode,
				invoiceNumber: read.invoiceNo,
				invoiceDate: read.invoiceDate.replace(/^(\d{4})年(\d{2})月(\d{2})日$/, '$1-$2-$3'),
				sellerName: read.payeeName,
				sellerTaxId: read.payeeRegisterNo,
				buyerName: read.payerName,
				buyerTaxId: read.payerRegisterNo,
				amountWithoutTax: amount(read.withoutTaxAmount),
				taxAmount: amount(read.taxAmount),
				totalAmount: amount(read.invoiceAmount),
				lineItemCount: read.itemName.length,
			},
			'invoice',
		);
		assert.deepEqual(invoice[0].lineItems.map((line) => line.itemName), read.itemName.map((line) => line.service_name));
		assert.deepEqual(fileRequests, ['GET /invoices/invoice-special-vat.png'], 'the image was downloaded once');
	});

	it('the tool calls reached the nodes with the model’s arguments', () => {
		// n8n replays each earlier call with its call id added to the arguments (buildSteps in @n8n/n8n-nodes-langchain 2.39)
		const args = (body) =>
			body.messages
				.filter((m) => m.role === 'assistant' && m.tool_calls)
				.map((m) =>
					m.tool_calls.map((c) => {
						const { id, ...given } = JSON.parse(c.function.arguments);
						assert.ok(id === undefined || id === c.id, `${c.id}: ${c.function.arguments}`);
						return [c.function.name, given];
					}),
				);
		assert.deepEqual(args(lastRequest()), [
			[[TOOLS.identity.tool, PERSON]],
			[[TOOLS.identity.tool, { name: PERSON.name, idNumber: WRONG_CHECK_DIGIT }]],
			[[TOOLS.enterprise.tool, { company: COMPANY }]],
			[[TOOLS.ocr.tool, { imageUrl: invoiceUrl }]],
		]);
		assert.equal(run.runData[TOOLS.identity.node]?.length, 2, 'the identity tool ran twice');
		assert.equal(run.runData[TOOLS.enterprise.node]?.length, 1);
		assert.equal(run.runData[TOOLS.ocr.node]?.length, 1);
	});

	it('n8n logged no error or warning about the package but the refused call (which it logs as the tool node’s error)', () => {
		const refusal = parsedResult(1)[0].error;
		const bad = run.logs.filter((l) => /error|warn/i.test(l.level) && (/n8n-nodes-cbt|cbt/i.test(l.message) || l.level === 'error'));
		assert.deepEqual(bad.filter((l) => l.message !== refusal), []);
	});

	it('the ledger: one billed call per valid tool call, nothing for the refused one', () => {
		assert.deepEqual(
			ledger.map((e) => [e.operation, e.billed, e.code]),
			[
				['GA.twoFactor', true, 0],
				['ENT.businessInfo', true, 0],
				['OCR.invoice', true, 0],
			],
			JSON.stringify(ledger, null, 1),
		);
	});
});

// End-to-end in a real n8n (2.39.10 on Node 24, cached outside the repo by scripts/e2e/n8n-install.mjs):
// the built package installed as users get it, a CBT API credential pointing at the sandbox gateway,
// workflows imported and run with `n8n execute --id`. Run with `npm run test:e2e` (builds first);
// not part of `npm test` (scripts/run-tests.mjs skips test/e2e).
//
// The sandbox runs in this process, so its ledger tells exactly which calls n8n made and which were billed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { exampleWorkflows, importWorkflows, prepareCbtHome, REPO_ROOT, SANDBOX_APP } from '../../scripts/e2e/cbt-home.mjs';
import { ensureN8n } from '../../scripts/e2e/n8n-install.mjs';
import { chainConnections, executeWorkflow, importCredentials, workflowNode } from '../../scripts/e2e/n8n-runner.mjs';
import { PAGING } from '../../nodes/shared/execution/calls/paged.ts';
import { SAMPLE_COMPANIES, SAMPLE_TOTALS } from '../../sandbox/fixtures/entData.ts';
import { GA_FIXTURES } from '../../sandbox/fixtures/ga.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { makePng } from '../support/images.ts';
import { sandboxAnswer, sandboxData } from '../support/ocrSamples.ts';
import { xlsxObjects } from './xlsx.mjs';

const EXTRA_INVOICES = 2;

let sandbox;
let cbt; // prepareCbtHome() result
const ids = {}; // workflow name -> id
const runs = {}; // workflow name -> executeWorkflow() result, each workflow run once

const node = workflowNode;
const chain = chainConnections;
const credentials = () => ({ cbtApi: { id: cbt.credential.id, name: cbt.credential.name } });

/** A valid mainland ID number (GB 11643 check digit) from its first 17 digits. */
function idNumber(first17) {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

/** People the sandbox knows, two whose name and ID match and two whose do not (from the fixture itself). */
function twoFactorPeople() {
	const names = ['王小明', '李华', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];
	const found = { '1': [], '2': [] };
	for (let i = 0; i < 400 && (found['1'].length < 2 || found['2'].length < 2); i++) {
		const person = { name: names[i % names.length], idNumber: idNumber(`1101011990${String(1001 + i).padStart(4, '0')}00${i % 10}`.slice(0, 17)) };
		const answer = GA_FIXTURES.twoFactor({ name: person.name, id_card: person.idNumber });
		if ('data' in answer && found[answer.data.result].length < 2) found[answer.data.result].push(person);
	}
	return [...found['1'], ...found['2']];
}

function identityWorkflow(people) {
	return {
		name: 'e2e: two-factor check into IF',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			node('People', 'n8n-nodes-base.code', 2, { jsCode: `return ${JSON.stringify(people.map((json) => ({ json })))};` }, 200),
			node('Check', cbt.nodeType('cbtIdentity'), 1, { operation: 'twoFactor', name: '={{ $json.name }}', idNumber: '={{ $json.idNumber }}', options: {} }, 400, {
				credentials: credentials(),
			}),
			node(
				'Matches?',
				'n8n-nodes-base.if',
				2.2,
				{
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{ id: crypto.randomUUID(), leftValue: '={{ $json.result }}', rightValue: '1', operator: { type: 'string', operation: 'equals' } },
						],
						combinator: 'and',
					},
					options: {},
				},
				600,
			),
			node('Verified', 'n8n-nodes-base.noOp', 1, {}, 800),
			node('Rejected', 'n8n-nodes-base.noOp', 1, {}, 800),
		],
		connections: {
			...chain('Start', 'People', 'Check', 'Matches?'),
			'Matches?': { main: [[{ node: 'Verified', type: 'main', index: 0 }], [{ node: 'Rejected', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function enterpriseWorkflow() {
	return {
		name: 'e2e: enterprise patents, Return All',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			node(
				'Patents',
				cbt.nodeType('cbtEnterprise'),
				1,
				{ resource: 'ipOperations', operation: 'patents', company: { __rl: true, mode: 'keyword', value: SAMPLE_COMPANIES.active.name }, returnAll: true, options: {} },
				200,
				{ credentials: credentials() },
			),
		],
		connections: chain('Start', 'Patents'),
		settings: { executionOrder: 'v1' },
	};
}

const HTTP_IMAGE = makePng(64, 40, 4242);
function httpRequestWorkflow() {
	return {
		name: 'e2e: HTTP Request node with the CBT API credential',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			node(
				'Custom Call',
				'n8n-nodes-base.httpRequest',
				4.2,
				{
					method: 'POST',
					url: `${sandbox.url}/apis/tt/gw/ocr/v1/invoice`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'cbtApi',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: JSON.stringify({ image: HTTP_IMAGE.toString('base64') }),
					options: {},
				},
				200,
				{ credentials: credentials() },
			),
		],
		connections: chain('Start', 'Custom Call'),
		settings: { executionOrder: 'v1' },
	};
}

/** Run an imported workflow (once per test file) with the ledger cleared first; keeps the ledger entries of that run. */
async function run(name) {
	sandbox.reset();
	const result = await executeWorkflow(cbt.home, ids[name]);
	result.ledger = [...sandbox.ledger.entries];
	runs[name] = result;
	if (!result.ok) {
		const messages = result.errorMessages.filter((m) => !/^=+$/.test(m.trim())).join('\n');
		assert.fail(
			`${name}: the execution failed (exit ${result.code ?? result.signal}): ${JSON.stringify(result.error ?? null)?.slice(0, 1500)}\n${messages.slice(0, 1500)}\n--- stdout tail\n${result.stdout.slice(-1500)}\n--- stderr tail\n${result.stderr.slice(-1500)}`,
		);
	}
	return result;
}

const people = twoFactorPeople();
const examples = exampleWorkflows();

describe('the package in a real n8n', { timeout: 20 * 60 * 1000 }, () => {
	before(async () => {
		const install = await ensureN8n();
		sandbox = await startSandbox({ port: 0 });
		cbt = await prepareCbtHome({ install, sandboxUrl: sandbox.url });
		// more invoices than the example folder holds, so the spreadsheet has several rows
		for (let seed = 100, added = 0; added < EXTRA_INVOICES; seed++) {
			const image = makePng(64, 40, seed);
			if ('data' in sandboxAnswer('invoice', image)) fs.writeFileSync(path.join(cbt.examplesDir, 'invoices', `extra-${added++}.png`), image);
		}
		const workflows = [
			...examples.map(({ file, workflow }) => ({ ...cbt.adapt(workflow), name: `example ${file}` })),
			identityWorkflow(people),
			enterpriseWorkflow(),
			httpRequestWorkflow(),
		];
		const imported = await importWorkflows(cbt.home, workflows);
		workflows.forEach((w, i) => (ids[w.name] = imported[i]));
	});

	after(async () => {
		await sandbox?.close();
		if (process.env.CBT_E2E_KEEP) process.stderr.write(`kept n8n home ${cbt?.home.dir}\n`);
		else cbt?.home.cleanup();
	});

	it('invoice images from disk → CBT OCR → Convert to File (XLSX) → written to disk: the spreadsheet holds one row per invoice', async () => {
		const result = await run('example invoice-to-spreadsheet.json');
		const images = fs.readdirSync(path.join(cbt.examplesDir, 'invoices')).filter((f) => f.endsWith('.png')).sort();
		assert.ok(images.length >= 3);
		const ocr = result.items['CBT OCR'];
		assert.equal(ocr.length, images.length, 'one OCR item per image');
		const billed = result.ledger.filter((e) => e.operation === 'OCR.invoice' && e.billed);
		assert.equal(billed.length, images.length, 'one billed gateway call per image');

		const file = path.join(cbt.examplesDir, 'invoices.xlsx');
		assert.ok(fs.existsSync(file), `${file} was written`);
		const sheet = xlsxObjects(fs.readFileSync(file));
		assert.equal(sheet.sheetName, 'Invoices');
		assert.equal(sheet.rows.length, images.length, 'one row per invoice');
		// Convert to File writes a nested object (the invoice's checks) as one column per field, "checks.amountsAddUp".
		const columns = Object.entries(ocr[0]).flatMap(([key, value]) =>
			value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key],
		);
		assert.deepEqual(sheet.header, columns, 'the columns are the OCR output fields');
		// the rows are what the OCR node gave, typed: numbers stay numbers
		sheet.rows.forEach((row, i) => {
			for (const [key, value] of Object.entries(ocr[i])) {
				if (value === null || value === undefined || value === '') assert.ok(row[key] === null || row[key] === '', `row ${i} ${key}`);
				else if (typeof value === 'number') assert.equal(row[key], value, `row ${i} ${key} is the number ${value}`);
				else if (typeof value === 'object') continue;
				else assert.equal(String(row[key]), String(value), `row ${i} ${key}`);
			}
		});
		// and what the gateway read from each image, from the sandbox's own fixture
		const readFiles = result.items['Read Invoice Images'].map((item) => item.fileName);
		readFiles.forEach((fileName, i) => {
			const expected = sandboxData('invoice', fs.readFileSync(path.join(cbt.examplesDir, 'invoices', fileName)));
			const code = String(expected.invoiceCode ?? '');
			if (code) assert.equal(String(sheet.rows[i].invoiceCode), code, `${fileName}: invoice code`);
			const amount = Number(String(expected.invoiceAmount ?? expected.totalAmount ?? '').replace(/[^\d.-]/g, ''));
			if (amount) assert.ok(Object.values(sheet.rows[i]).includes(amount), `${fileName}: the amount ${amount} is in the row as a number`);
		});
	});

	it('invoice line items example: one spreadsheet row per line item', async () => {
		const result = await run('example invoice-line-items.json');
		const ocr = result.items['CBT OCR'];
		const sheet = xlsxObjects(fs.readFileSync(path.join(cbt.examplesDir, 'invoice-lines.xlsx')));
		assert.ok(ocr.length >= 3, 'several line items');
		assert.equal(sheet.rows.length, ocr.length);
		assert.deepEqual(
			sheet.rows.map((r) => String(r.invoiceNumber ?? r.invoiceCode)),
			ocr.map((r) => String(r.invoiceNumber ?? r.invoiceCode)),
		);
	});

	it('ID card example: OCR → IF sends every card to exactly one branch, as the IF rule says', async () => {
		const result = await run('example id-card-check.json');
		const cards = result.items['CBT OCR'];
		assert.ok(cards.length >= 2);
		const adultBefore = new Date();
		adultBefore.setFullYear(adultBefore.getFullYear() - 18);
		const accepted = cards.filter((c) => !!c.idNumber && new Date(c.birthDate) <= adultBefore);
		assert.equal((result.items.Accepted ?? []).length, accepted.length);
		assert.equal((result.items['Needs Review'] ?? []).length, cards.length - accepted.length);
	});

	it('CBT Identity & Risk two-factor check → IF on the result: matches and mismatches take their branches', async () => {
		const result = await run('e2e: two-factor check into IF');
		const expectBranch = (answer) => (answer === '1' ? 'Verified' : 'Rejected');
		const branches = { Verified: [], Rejected: [] };
		for (const person of people) branches[expectBranch(GA_FIXTURES.twoFactor({ name: person.name, id_card: person.idNumber }).data.result)].push(person);
		assert.equal(branches.Verified.length, 2);
		assert.equal((result.items.Verified ?? []).length, 2, JSON.stringify(result.items.Check));
		assert.equal((result.items.Rejected ?? []).length, 2);
		assert.ok(result.items.Verified.every((i) => i.result === '1'));
		assert.ok(result.items.Rejected.every((i) => i.result === '2'));
		assert.equal(result.ledger.filter((e) => e.operation === 'GA.twoFactor' && e.billed).length, people.length);
	});

	it('CBT Enterprise with Return All: every patent, in as many calls as pages', async () => {
		const result = await run('e2e: enterprise patents, Return All');
		const total = SAMPLE_TOTALS.patents;
		assert.equal(result.items.Patents.length, total);
		const calls = result.ledger.filter((e) => e.operation === 'ENT.patents');
		assert.equal(calls.length, Math.ceil(total / PAGING.maxPageSize));
		assert.ok(calls.every((e) => e.billed && e.code === 0));
		assert.equal(new Set(calls.map((e) => e.fingerprint)).size, calls.length, 'no page asked for twice');
	});

	it("n8n's HTTP Request node signs with the CBT API credential (predefined credential type) on a custom path", async () => {
		const result = await run('e2e: HTTP Request node with the CBT API credential');
		const [response] = result.items['Custom Call'];
		assert.equal(response.code, 0, JSON.stringify(response).slice(0, 500));
		assert.match(String(response.request_id), /\S/);
		assert.deepEqual(response.data, sandboxData('invoice', HTTP_IMAGE));
		assert.equal(result.ledger.length, 1);
		assert.equal(result.ledger[0].operation, 'OCR.invoice');
		assert.ok(!JSON.stringify(result.stdout).includes('sandbox-app-secret'), 'the App Secret is not in the output');
	});

	it('the other examples run without an error', async () => {
		const others = examples.filter(({ file }) => !runs[`example ${file}`]);
		for (const { file, workflow } of others) {
			const result = await run(`example ${file}`);
			// a list may be empty (a clean supplier has no dishonest-debtor records), so: every CBT node ran, without error
			for (const n of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-cbt.'))) {
				const nodeRuns = result.runData[n.name] ?? [];
				assert.ok(nodeRuns.length > 0, `${file}: ${n.name} ran`);
				assert.ok(nodeRuns.every((r) => !r.error), `${file}: ${n.name} ran without an error`);
			}
			assert.ok(result.ledger.some((e) => e.billed && e.code === 0), `${file}: made billed calls`);
		}
	});

	it('under a gateway profile in the credential, the example workflows run unchanged against a sandbox speaking that profile', async () => {
		// The only change is the credential: another Base URL and the example profile. The workflows are the examples as shipped.
		const profileText = fs.readFileSync(path.join(REPO_ROOT, 'examples/profiles/example-profile.json'), 'utf8');
		const profiled = await startSandbox({ port: 0, profile: JSON.parse(profileText) });
		try {
			await importCredentials(cbt.home, [
				{ ...cbt.credential, data: { ...SANDBOX_APP, baseUrl: profiled.url, gatewayProfile: profileText } },
			]);
			// Written by hand from the example profile: where each call must land and with which keys.
			const expected = {
				'GA.twoFactor': ['POST', '/api/v2/identity/two-factor', ['certNo', 'productCode', 'realName']],
				'OPT.threeFactor': ['POST', '/api/v2/carrier/three-factor', ['certNo', 'mobileNo', 'realName']],
				'ENT.businessInfo': ['GET', '/api/v2/enterprise/basic', ['creditNo']],
				'ENT.shareholders': ['POST', '/api/v2/enterprise/shareholders', ['creditNo', 'pageNum', 'pageSize']],
				'ENT.dishonestDebtors': ['POST', '/apis/tt/gw/ent/v1/dishonestdebtors', ['keyword', 'page', 'page_size']],
				'OCR.idCard': ['POST', '/api/v2/ocr/id-card', ['imageBase64', 'side']],
			};
			const seen = new Set();
			for (const file of ['new-customer-check.json', 'supplier-due-diligence.json', 'id-card-check.json']) {
				profiled.reset();
				const result = await executeWorkflow(cbt.home, ids[`example ${file}`]);
				assert.ok(result.ok, `${file}: ${JSON.stringify(result.error ?? null)?.slice(0, 800)}`);
				const workflow = examples.find((example) => example.file === file).workflow;
				for (const n of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-cbt.'))) {
					assert.ok((result.runData[n.name] ?? []).every((r) => !r.error), `${file}: ${n.name} ran without an error`);
				}
				assert.ok(profiled.ledger.entries.length > 0, `${file}: made calls`);
				for (const entry of profiled.ledger.entries) {
					assert.ok(expected[entry.operation], `${file}: unexpected call ${entry.operation} ${entry.method} ${entry.path}`);
					assert.deepEqual([entry.method, entry.path, entry.keys], expected[entry.operation], `${file}: ${entry.operation}`);
					assert.ok(entry.billed && entry.code === 0, `${file}: ${entry.operation} answered ${entry.code}: ${entry.message}`);
					seen.add(entry.operation);
				}
			}
			assert.deepEqual([...seen].sort(), Object.keys(expected).sort(), 'every profiled operation of the examples was called');
		} finally {
			await profiled.close();
			await importCredentials(cbt.home, [{ ...cbt.credential, data: { ...SANDBOX_APP, baseUrl: sandbox.url } }]);
		}
	});

	it('n8n logged no error or warning about the package', () => {
		const all = Object.values(runs).flatMap((r) => r.logs);
		const bad = all.filter((l) => /error|warn/i.test(l.level) && /n8n-nodes-cbt|cbt/i.test(l.message));
		assert.deepEqual(bad, []);
		assert.ok(Object.keys(runs).length >= 6);
	});
});

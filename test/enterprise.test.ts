/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

import { PAGING, planPages } from '../nodes/shared/execution/calls/paged';
import { ENT_ENDPOINTS } from '../nodes/shared/catalog';
import { COMPANY_PARAMETER } from '../nodes/shared/catalog/ent';
import { CODE } from '../nodes/shared/transport/codes';
import { SAMPLE_COMPANIES, SAMPLE_TOTALS, UNKNOWN_COMPANY_MARKER } from '../sandbox/fixtures/entData';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SEARCH_SETTLE_MS } from '../nodes/CbtEnterprise/companySearch';
import { loadPackage, runWorkflow, usePackageClock } from './harness/harness';
import { FAILS_IF_STUCK, FakeClock } from './support/fakeClock';
import { credentialFor } from './support/sandbox';
import { singleNodeWorkflow } from './support/workflows';

const ACTIVE = SAMPLE_COMPANIES.active;
const company = (value: string, mode = 'keyword') => ({ __rl: true, mode, value });

describe('CBT Enterprise', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());
	const run = (parameters: INodeParameters, inputs = [{ json: {} }], settings = {}) =>
		runWorkflow(singleNodeWorkflow('cbtEnterprise', parameters, settings), {
			credentials: { cbtApi: credentialFor(sandbox) },
			inputs: { Input: inputs },
		});

	describe('parameters', () => {
		let properties: INodeProperties[];
		before(async () => {
			const pkg = await loadPackage();
			const type = pkg.nodes.get('n8n-nodes-cbt.cbtEnterprise') as INodeType | undefined;
			assert.ok(type, 'the node is listed in package.json');
			properties = type.description.properties;
		});

		it('has all 66 endpoints, each exactly once, in the dropdown of its own resource', () => {
			assert.equal(ENT_ENDPOINTS.length, 66);
			const resources = properties.find((property) => property.name === 'resource');
			const resourceValues = (resources?.options ?? []).map((option) => (option as { value: string }).value);
			const seen: string[] = [];
			for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
				const shownFor = property.displayOptions?.show?.resource as string[] | undefined;
				assert.equal(shownFor?.length, 1, 'each operation dropdown belongs to one resource');
				assert.ok(resourceValues.includes(shownFor[0]));
				for (const option of property.options as Array<{ name: string; value: string; description: string }>) {
					const endpoint = ENT_ENDPOINTS.find((candidate) => candidate.operation === option.value);
					assert.ok(endpoint, `${option.value} is not in the catalog`);
					assert.equal(endpoint.resource, shownFor[0], `${option.value} is under the wrong resource`);
					assert.ok(`${option.name} ${option.description}`.includes(endpoint.chineseName), `${option.value} does not show ${endpoint.chineseName}`);
					seen.push(option.value);
				}
			}
			assert.deepEqual([...seen].sort(), ENT_ENDPOINTS.map((endpoint) => endpoint.operation).sort());
			for (const options of properties.filter((candidate) => candidate.name === 'operation').map((p) => p.options ?? [])) {
				assert.ok(options.length <= 20, 'a dropdown stays short enough to scan');
			}
		});

		it('shows Return All and Limit for list operations only, and Limit only without Return All', () => {
			const listOperations = ENT_ENDPOINTS.filter((endpoint) => endpoint.output.kind === 'list').map((endpoint) => endpoint.operation);
			const returnAll = properties.find((property) => property.name === 'returnAll');
			const limit = properties.find((property) => property.name === 'limit');
			assert.deepEqual([...(returnAll?.displayOptions?.show?.operation ?? [])].sort(), [...listOperations].sort());
			assert.deepEqual([...(limit?.displayOptions?.show?.operation ?? [])].sort(), [...listOperations].sort());
			assert.deepEqual(limit?.displayOptions?.show?.returnAll, [false]);
			assert.equal(limit?.default, PAGING.defaultLimit);
		});

		it('offers the company as a search list or as typed text, typed by default', () => {
			const locator = properties.find((property) => property.name === COMPANY_PARAMETER);
			assert.equal(locator?.type, 'resourceLocator');
			assert.deepEqual(locator?.default, { mode: 'keyword', value: '' });
			assert.deepEqual(locator?.modes?.map((mode) => mode.name), ['list', 'keyword']);
			assert.equal(locator?.modes?.[0].typeOptions?.searchListMethod, 'searchCompanies');
			assert.equal(locator?.modes?.[0].typeOptions?.searchFilterRequired, true);
			assert.match(locator?.hint ?? '', /billed/);
		});
	});

	// What each of the 66 operations sends and outputs: test/operations/operations.test.ts.

	describe('paging', () => {
		const patents = (extra: INodeParameters) => ({ resource: 'ipOperations', operation: 'patents', company: company(ACTIVE.name), ...extra });

		it('Return All fetches page after page until the total, and no page beyond it', async () => {
			sandbox.reset();
			const result = await run(patents({ returnAll: true }));
			const total = SAMPLE_TOTALS.patents;
			assert.equal(result.output('CBT').length, total);
			const calls = sandbox.ledger.forOperation('ENT.patents');
			assert.equal(calls.length, Math.ceil(total / PAGING.maxPageSize));
			assert.ok(calls.every((entry) => entry.billed && entry.code === CODE.ok));
			assert.equal(new Set(calls.map((entry) => entry.fingerprint)).size, calls.length, 'no page was asked for twice');
			const numbers = result.output('CBT').map((item) => item.json.applicationNumber);
			assert.ok(numbers.every((value) => typeof value === 'string'));
		});

		it('Return All stops at a total that fills the last page exactly, without asking for an empty page', async () => {
			sandbox.reset();
			const result = await run({ resource: 'ipOperations', operation: 'trademarks', company: company(ACTIVE.name), returnAll: true });
			assert.equal(SAMPLE_TOTALS.trademarks % PAGING.maxPageSize, 0);
			assert.equal(result.output('CBT').length, SAMPLE_TOTALS.trademarks);
			assert.equal(sandbox.ledger.entries.length, SAMPLE_TOTALS.trademarks / PAGING.maxPageSize);
		});

		it('Return All stops after a short first page', async () => {
			sandbox.reset();
			const result = await run({ resource: 'company', operation: 'shareholders', company: company(ACTIVE.creditCode), returnAll: true });
			assert.equal(result.output('CBT').length, SAMPLE_TOTALS.shareholders);
			assert.equal(sandbox.ledger.entries.length, 1);
			const ratios = result.output('CBT').map((item) => parseFloat(String(item.json.ratio)));
			assert.ok(Math.abs(ratios.reduce((a, b) => a + b, 0) - 100) < 0.1, 'shareholdings add up to 100%');
		});

		it('Limit 10 makes one call and gives 10 items', async () => {
			sandbox.reset();
			const result = await run(patents({ returnAll: false, limit: 10 }));
			assert.equal(result.output('CBT').length, 10);
			assert.equal(sandbox.ledger.entries.length, 1);
		});

		it('Limit 60 makes two calls and gives 60 distinct items, with no third call', async () => {
			sandbox.reset();
			const result = await run(patents({ returnAll: false, limit: 60 }));
			assert.equal(result.output('CBT').length, 60);
			assert.equal(sandbox.ledger.entries.length, 2);
			const limited = result.output('CBT').map((item) => item.json);
			sandbox.reset();
			const all = (await run(patents({ returnAll: true }))).output('CBT').map((item) => item.json);
			assert.deepEqual(limited, all.slice(0, 60), 'the 60 are the first 60 of the full list, none repeated');
		});

		it('items with the same company but different limits are not merged as duplicates', async () => {
			sandbox.reset();
			const result = await run(patents({ returnAll: false, limit: '={{ $json.limit }}' }), [{ json: { limit: 10 } }, { json: { limit: 20 } }, { json: { limit: 10 } }]);
			const counts = [0, 1, 2].map((index) => result.output('CBT').filter((item) => (item.pairedItem as { item: number }).item === index).length);
			assert.deepEqual(counts, [10, 20, 10]);
			assert.equal(sandbox.ledger.entries.length, 2, 'the two limit-10 items share one call');
		});

		it('keeps the page size the same on every page, so pages do not overlap', () => {
			assert.deepEqual(planPages(false, 10), { pageSize: 10, maxPages: 1 });
			assert.deepEqual(planPages(false, 60), { pageSize: 30, maxPages: 2 });
			assert.deepEqual(planPages(false, 50), { pageSize: 50, maxPages: 1 });
			assert.deepEqual(planPages(false, 101), { pageSize: 34, maxPages: 3 });
			assert.deepEqual(planPages(true, Infinity), { pageSize: PAGING.maxPageSize, maxPages: Infinity });
		});

		it('an empty list is one billed call and no items for that input item', async () => {
			sandbox.reset();
			const result = await run({ resource: 'risk', operation: 'judgmentDocuments', company: company(ACTIVE.name), returnAll: true });
			assert.equal(SAMPLE_TOTALS.judgmentDocuments, 0);
			assert.equal(result.error('CBT'), undefined);
			assert.deepEqual(result.output('CBT'), []);
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]), [[CODE.ok, true]]);
		});

		it('each input item gets its own records, paired to it', async () => {
			sandbox.reset();
			const result = await run({ resource: 'company', operation: 'keyPersonnel', company: '={{ $json.company }}', returnAll: true }, [
				{ json: { company: ACTIVE.name } },
				{ json: { company: SAMPLE_COMPANIES.deregistered.creditCode } },
			]);
			const output = result.output('CBT');
			const first = output.filter((item) => (item.pairedItem as { item: number }).item === 0);
			assert.equal(first.length, SAMPLE_TOTALS.keyPersonnel);
			assert.equal(first[0].json.name, '陈示例', 'the legal representative leads the list');
			assert.ok(output.length > first.length, 'the second item has its own records');
			assert.equal(sandbox.ledger.entries.length, 2);
		});
	});

	describe('input checks and gateway answers', () => {
		it('an invalid credit code fails before any call', async () => {
			sandbox.reset();
			const result = await run({ resource: 'company', operation: 'businessInfo', company: company('913301095U78M2HC4A') });
			assert.match(result.error('CBT')?.message ?? '', /^Item 0, field 'Company'/);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('a bad value in a later item stops the run before the first call', async () => {
			sandbox.reset();
			const result = await run({ resource: 'company', operation: 'shareholders', company: '={{ $json.company }}', returnAll: true }, [
				{ json: { company: ACTIVE.name } },
				{ json: { company: '' } },
			]);
			assert.match(result.error('CBT')?.message ?? '', /^Item 1, field 'Company': is empty/);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('a limit below 1 fails before the call', async () => {
			sandbox.reset();
			const result = await run({ resource: 'ipOperations', operation: 'patents', company: company(ACTIVE.name), limit: 0 });
			assert.match(result.error('CBT')?.message ?? '', /^Item 0, field 'Limit'/);
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it(`an unknown company is "no data" (${CODE.noData}): an item saying so, not billed; with Raise Error, an error naming it`, async () => {
			sandbox.reset();
			const unknown = { resource: 'company', operation: 'businessInfo', company: company(`${UNKNOWN_COMPANY_MARKER}的公司`) };
			const result = await run(unknown);
			assert.equal(result.error('CBT'), undefined);
			assert.deepEqual(result.output('CBT').map((item) => item.json), [
				{ found: false, code: CODE.noData, message: '查询无结果', billed: false, requestId: sandbox.ledger.entries[0].requestId },
			]);
			const raised = await run({ ...unknown, options: { onNoData: 'raiseError' } });
			assert.match(raised.error('CBT')?.message ?? '', new RegExp(`^Item 0: Gateway error ${CODE.noData} \\(No data found\\)`));
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]), [[CODE.noData, false], [CODE.noData, false]]);
		});

		it('a record that does not apply is "no data" but billed, and the item (or the error) says so', async () => {
			sandbox.reset();
			const notApplicable = { resource: 'company', operation: 'simplifiedDeregistration', company: company(ACTIVE.name) };
			const result = await run(notApplicable);
			assert.deepEqual(
				result.output('CBT').map((item) => [item.json.found, item.json.billed]),
				[[false, true]],
			);
			const raised = await run({ ...notApplicable, options: { onNoData: 'raiseError' } });
			assert.match(raised.error('CBT')?.description ?? '', /Billed: yes/);
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.code, entry.billed]), [[CODE.noData, true], [CODE.noData, true]]);
		});

		it('the same company always gets the same data; the credit code and the name agree', async () => {
			sandbox.reset();
			const byName = await run({ resource: 'company', operation: 'businessInfo', company: company(ACTIVE.name) });
			const byCode = await run({ resource: 'company', operation: 'businessInfo', company: company(ACTIVE.creditCode, 'list') });
			const record = byName.output('CBT')[0].json;
			assert.deepEqual(byCode.output('CBT')[0].json, record);
			assert.equal(record.creditCode, ACTIVE.creditCode);
			assert.equal(record.entName, ACTIVE.name);
		});

		it('verification reports a match for the sample company and a mismatch for another representative', async () => {
			const base = { resource: 'verification', operation: 'verifyThreeFactors', companyName: ACTIVE.name, creditCode: ACTIVE.creditCode };
			const match = await run({ ...base, legalPersonName: '陈示例' });
			assert.deepEqual([match.output('CBT')[0].json.result, match.output('CBT')[0].json.verdict], ['一致', 'match']);
			const mismatch = await run({ ...base, legalPersonName: '王小明' });
			assert.deepEqual([mismatch.output('CBT')[0].json.result, mismatch.output('CBT')[0].json.verdict], ['不一致', 'mismatch']);
			assert.equal(mismatch.output('CBT')[0].json.legalPersonMatches, false);
		});
	});

	describe('company search list (From List mode)', () => {
		let searchCompanies: (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;
		let context: ILoadOptionsFunctions;
		before(async () => {
			const pkg = await loadPackage();
			const type = pkg.nodes.get('n8n-nodes-cbt.cbtEnterprise') as INodeType;
			searchCompanies = type.methods?.listSearch?.searchCompanies as typeof searchCompanies;
			const authenticate = pkg.credentials.get('cbtApi')?.authenticate as (
				credentials: ICredentialDataDecryptedObject,
				options: IHttpRequestOptions,
			) => Promise<IHttpRequestOptions>;
			// Stands in for n8n's load-options context: the credential signs, fetch sends.
			context = {
				getNode: () => ({ id: 'cbt', name: 'CBT', type: 'n8n-nodes-cbt.cbtEnterprise', typeVersion: 1, position: [0, 0], parameters: {} }),
				getCredentials: async () => credentialFor(sandbox),
				helpers: {
					httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
						const signed = await authenticate(credentialFor(sandbox), options);
						const response = await fetch(new URL(signed.url, signed.baseURL), {
							method: signed.method,
							headers: signed.headers as Record<string, string>,
							body: signed.body as string,
						});
						return { statusCode: response.status, body: await response.json(), headers: {} };
					},
				},
			} as unknown as ILoadOptionsFunctions;
		});

		it('does not search (or pay) for fewer than 2 characters', async () => {
			sandbox.reset();
			assert.deepEqual(await searchCompanies.call(context, ''), { results: [] });
			assert.deepEqual(await searchCompanies.call(context, '福'), { results: [] });
			assert.equal(sandbox.ledger.entries.length, 0);
		});

		it('typing a company name at typing speed costs one billed search; searching it again costs nothing', FAILS_IF_STUCK, async () => {
			const clock = new FakeClock();
			const restore = usePackageClock(clock);
			try {
				sandbox.reset();
				const typed = ['福建', '福建示', '福建示例', '福建示例科', '福建示例科技'];
				const searches: Array<Promise<INodeListSearchResult>> = [];
				for (const [index, text] of typed.entries()) {
					searches.push(searchCompanies.call(context, text));
					await clock.sleeping(index + 1); // this keystroke's search waits for the typing to settle
					await clock.advance(100); // a keystroke every 100 ms, well inside the settle time
				}
				await clock.advance(SEARCH_SETTLE_MS);
				const answers = await Promise.all(searches);
				assert.deepEqual(answers.slice(0, -1), typed.slice(0, -1).map(() => ({ results: [] })), 'superseded searches answer nothing');
				assert.ok(answers.at(-1)?.results.some((result) => result.value === ACTIVE.creditCode));
				assert.equal(sandbox.ledger.billed().length, 1);
				assert.deepEqual(sandbox.ledger.entries[0].keys.includes('keyword'), true);
				const again = await searchCompanies.call(context, '福建示例科技');
				assert.deepEqual(again, answers.at(-1));
				assert.equal(sandbox.ledger.entries.length, 1, 'the same term again is answered without a call');
			} finally {
				restore();
			}
		});

		it('one billed Company Search call per search; the value is the credit code', async () => {
			sandbox.reset();
			const found = await searchCompanies.call(context, '示例');
			assert.deepEqual(found.results[0], { name: `${ACTIVE.name} (${ACTIVE.creditCode})`, value: ACTIVE.creditCode });
			assert.ok(found.results.length <= PAGING.maxPageSize);
			assert.deepEqual(sandbox.ledger.entries.map((entry) => [entry.operation, entry.billed]), [['ENT.companySearch', true]]);
			if (found.paginationToken) {
				const next = await searchCompanies.call(context, '示例', String(found.paginationToken));
				assert.ok(next.results.length > 0);
				assert.notDeepEqual(next.results[0], found.results[0]);
			}
		});
	});
});

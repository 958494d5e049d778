import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeListSearchResult, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PAGING } from '../shared/execution/calls/paged';
import { ENT_ENDPOINTS } from '../shared/catalog';
import { contractFor, ProfileError, profileOf, toWire, type Contract } from '../shared/profile';
import { CREDENTIAL_TYPE, GatewayFailure, interpretResponse, interpretThrown } from '../shared/transport/request';
import { clock } from '../shared/transport/clock';

/** Each search is a billed call, so a single character (which matches almost everything) never searches. */
export const MIN_SEARCH_LENGTH = 2;
const SEARCH_PAGE_SIZE = PAGING.maxPageSize;

function searchEndpoint() {
	const endpoint = ENT_ENDPOINTS.find((candidate) => candidate.operation === 'companySearch');
	if (!endpoint) throw new Error('The catalog has no Company Search endpoint');
	return endpoint;
}

function failureError(context: ILoadOptionsFunctions, failure: GatewayFailure): NodeApiError {
	const response: JsonObject = { message: failure.message, code: failure.meta.code ?? null, requestId: failure.meta.requestId ?? null };
	return new NodeApiError(context.getNode(), response, {
		message: `Company search: ${failure.message}`,
		description: failure.description,
	});
}

/**
 * The editor asks for a search as the user types, and each search is billed. So a search waits this
 * long first, and is dropped (unbilled) if the user typed on meanwhile: typing a name at an ordinary
 * pace costs one search, for the name as typed.
 */
export const SEARCH_SETTLE_MS = 800;
/** A term searched in this editor session is answered again from here, unbilled. */
const CACHE_MS = 10 * 60 * 1000;
const CACHE_ENTRIES = 200;

const newestSearch = new Map<string, number>();
let searchCount = 0;
const answered = new Map<string, { at: number; result: INodeListSearchResult }>();

/** One editor session of one node with one credential. */
function sessionOf(context: ILoadOptionsFunctions): string {
	const node = context.getNode();
	return `${node.id ?? node.name}\u0000${node.credentials?.[CREDENTIAL_TYPE]?.id ?? ''}`;
}

/**
 * The Company parameter's "From List" mode: calls Company Search (企业模糊搜索) with the typed
 * text, once the user stops typing. The value picked is the credit code, which identifies the company exactly.
 */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const term = (filter ?? '').trim();
	if (term.length < MIN_SEARCH_LENGTH) return { results: [] };
	const session = sessionOf(this);
	const key = `${session}\u0000${term}\u0000${paginationToken ?? ''}`;
	const cached = answered.get(key);
	if (cached && clock.now() - cached.at < CACHE_MS) return cached.result;
	// A next page is asked for on purpose (scrolling), so it does not wait.
	if (paginationToken === undefined) {
		const ticket = ++searchCount;
		newestSearch.set(session, ticket);
		await clock.sleep(SEARCH_SETTLE_MS);
		if (newestSearch.get(session) !== ticket) return { results: [] };
	}
	const result = await fetchCompanies(this, term, paginationToken);
	if (answered.size >= CACHE_ENTRIES) answered.delete(answered.keys().next().value as string);
	answered.set(key, { at: clock.now(), result });
	return result;
}

async function fetchCompanies(context: ILoadOptionsFunctions, term: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const profile = profileOf(await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE));
	// A profile that does not pass stops the search here, before anything is billed.
	if (profile instanceof ProfileError) {
		throw new NodeOperationError(context.getNode(), `Company search: the CBT API credential's ${profile.message}`, { description: profile.problems.join(' ') });
	}
	const contract = contractFor(searchEndpoint(), profile);
	const list = contract.list as NonNullable<Contract['list']>;
	const page = Number(paginationToken) || PAGING.firstPage;
	const fields = { ...toWire(contract, { keyword: term }), [list.pageKey]: page, [list.pageSizeKey]: SEARCH_PAGE_SIZE };
	const request: IHttpRequestOptions = {
		method: contract.method,
		url: contract.path,
		...(contract.method === 'GET' ? { qs: fields } : { body: fields }),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request)) as typeof response;
	} catch (error) {
		throw failureError(context, interpretThrown(error));
	}
	const outcome = interpretResponse(response.statusCode, response.body, Date.now(), contract.codes);
	if (outcome instanceof GatewayFailure) {
		if (outcome.kind === 'noData') return { results: [] };
		throw failureError(context, outcome);
	}
	const data = (outcome.data ?? {}) as IDataObject;
	const records = data[list.itemsKey];
	const items = Array.isArray(records) ? (records as IDataObject[]) : [];
	const results = items
		.filter((item) => typeof item.name === 'string')
		.map((item) => {
			const code = typeof item.creditCode === 'string' ? item.creditCode : undefined;
			return { name: code ? `${String(item.name)} (${code})` : String(item.name), value: code ?? String(item.name) };
		});
	const total = Number(data[list.totalKey]);
	const more = Number.isFinite(total) ? page * SEARCH_PAGE_SIZE < total : items.length === SEARCH_PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

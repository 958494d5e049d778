import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeListSearchResult, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PAGING } from '../shared/calls/paged';
import { ENT_ENDPOINTS } from '../shared/catalog';
import { contractFor, ProfileError, profileOf, toWire, type Contract } from '../shared/profile';
import { CREDENTIAL_TYPE, GatewayFailure, interpretResponse, interpretThrown } from '../shared/transport';

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
 * The Company parameter's "From List" mode: calls Company Search (企业模糊搜索) with the typed
 * text. The value picked is the credit code, which identifies the company exactly.
 */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const term = (filter ?? '').trim();
	if (term.length < MIN_SEARCH_LENGTH) return { results: [] };
	const profile = profileOf(await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE));
	// A profile that does not pass stops the search here, before anything is billed.
	if (profile instanceof ProfileError) {
		throw new NodeOperationError(this.getNode(), `Company search: the CBT API credential's ${profile.message}`, { description: profile.problems.join(' ') });
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
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request)) as typeof response;
	} catch (error) {
		throw failureError(this, interpretThrown(error));
	}
	const outcome = interpretResponse(response.statusCode, response.body, Date.now(), contract.codes);
	if (outcome instanceof GatewayFailure) {
		if (outcome.kind === 'noData') return { results: [] };
		throw failureError(this, outcome);
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

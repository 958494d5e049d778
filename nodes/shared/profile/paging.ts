/**
 * How list endpoints page. CHOSEN, not documented: the gateway's list endpoints are not shown on
 * its doc page, so this follows the most common convention of Chinese data gateways. Change it here
 * (the sandbox and the tests read it from here too).
 * A gateway profile can give an endpoint other keys (profile/contract.ts).
 *
 * Request: `page` (1-based) and `page_size` (at most 50) next to the endpoint's own fields.
 * Response `data`: `{ total, page, page_size, items: [...] }`; the records key is the catalog's itemsKey.
 */
export const PAGING = {
	pageKey: 'page',
	pageSizeKey: 'page_size',
	totalKey: 'total',
	firstPage: 1,
	maxPageSize: 50,
	defaultLimit: 50,
} as const;

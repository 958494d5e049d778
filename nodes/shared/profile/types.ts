import type { IDataObject } from 'n8n-workflow';

import type { CodeKind } from '../transport/codes';

/*
 * The gateway profile: the customer's copy of the gateway's real contract, as JSON held in the CBT API
 * credential (Gateway Profile). It overrides the catalog per endpoint; what it does not mention stays
 * as the catalog assumes. Schema: docs/gateway-profile.schema.json. Built by `npm run profile`.
 */

/** A code kind a profile may give a gateway code ('unknown' is what an unlisted code is). */
export type ProfileCodeKind = Exclude<CodeKind, 'unknown'>;

export const PROFILE_CODE_KINDS: readonly ProfileCodeKind[] = [
	'success',
	'auth',
	'clock',
	'input',
	'noData',
	'pending',
	'quota',
	'rateLimit',
	'transient',
];

/** `"300000": "noData"` or `"300000": { "kind": "noData", "meaning": "查无数据" }`. */
export type ProfileCode = ProfileCodeKind | { kind: ProfileCodeKind; meaning?: string; hint?: string };

export type ProfileCodes = Record<string, ProfileCode>;

/** Where a list endpoint's records and paging sit. Each key defaults to the catalog's choice. */
export interface ProfileList {
	itemsKey?: string;
	pageKey?: string;
	pageSizeKey?: string;
	totalKey?: string;
}

/** Where a task endpoint's answer holds its task ID and status. */
export interface ProfileTask {
	taskIdKey?: string;
	statusKey?: string;
}

/** One endpoint's real contract, as far as it differs from the catalog. */
export interface ProfileEndpoint {
	path?: string;
	method?: 'GET' | 'POST';
	/**
	 * Field (catalog key or node parameter name) → the key the gateway wants. The value is still
	 * checked by the field's kind. For the notification (异步通知): event, id, orderId, data.
	 */
	fields?: Record<string, string>;
	/** Keys with fixed values added to every request (e.g. a product code the gateway requires). */
	constants?: IDataObject;
	/** Fields the catalog assumes but the gateway does not take: not read, not checked, not sent. */
	drop?: string[];
	list?: ProfileList;
	task?: ProfileTask;
	/** Codes that mean something else (or only exist) for this endpoint. */
	codes?: ProfileCodes;
	/**
	 * How the answer reads as a verdict (match / mismatch / noRecord / unknown), replacing the
	 * catalog's assumed table for the endpoint, or giving one to an endpoint that has none.
	 */
	verdict?: ProfileVerdict;
}

/**
 * `{"field": "result", "match": ["1"], "mismatch": ["2"], "noRecord": ["3"]}`: the answer's field
 * (a dotted path reaches into nested objects) and the values (codes or texts) that mean each verdict.
 * "*" stands for any other non-empty value. A value in no list, or a missing field, is "unknown".
 */
export interface ProfileVerdict {
	field: string;
	match?: Array<string | number>;
	mismatch?: Array<string | number>;
	noRecord?: Array<string | number>;
}

export interface GatewayProfile {
	$schema?: string;
	/** Free text: which documentation and version the profile was built from. */
	description?: string;
	/** Codes for every endpoint, added to or replacing the package's assumed table. */
	codes?: ProfileCodes;
	/** By catalog ID ("GA.twoFactor") or by the gateway's Chinese name ("公安实名二要素核验"). */
	endpoints?: Record<string, ProfileEndpoint>;
}

/** The notification's parts a profile can rename (its entry's `fields`). */
export const NOTIFICATION_PARTS = ['event', 'id', 'orderId', 'data'] as const;
export type NotificationPart = (typeof NOTIFICATION_PARTS)[number];

import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { Endpoint } from '../../catalog';
import type { NoDataAnswer } from '../../outcomes/noData';
import type { Contract, ParsedProfile } from '../../profile';
import type { CallSettings, GatewayRequest, ResponseMeta } from '../../transport/request';

export interface NodeOptions {
	extraBody?: string | IDataObject;
	includeMetadata?: boolean;
	path?: string;
	skipValidation?: boolean;
	timeoutSeconds?: number;
	[key: string]: unknown;
}

/** One item's call, fully checked: what goes to the gateway. */
export interface CallPlan {
	endpoint: Endpoint;
	/** The endpoint as the gateway speaks it (the credential's gateway profile applied). */
	contract: Contract;
	/** The gateway profile, for calls to other endpoints (a task's result). */
	profile?: ParsedProfile;
	options: NodeOptions;
	request: GatewayRequest;
	/** Timeout, retry policy and the node's shared throttle: pass on to callGateway. */
	call: CallSettings;
}

/** What the call produced: the records that become output items, and the last answer's metadata. */
export interface CallOutcome {
	records: IDataObject[];
	meta: ResponseMeta;
	/**
	 * Set when the gateway answered "no data" (on the first page of a list): no records. The node's
	 * On No Data option decides what it becomes; `error` is the error to raise for Raise Error.
	 */
	noData?: { answer: NoDataAnswer; error: NodeApiError };
}

/** How an endpoint is called: once, page by page, or as a task to wait for. */
export type CallStrategy = (context: IExecuteFunctions, plan: CallPlan, itemIndex: number) => Promise<CallOutcome>;

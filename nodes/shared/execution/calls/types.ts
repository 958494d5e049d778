import type { IDataObject, IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';

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
/**
 * A way of calling an endpoint (one request, page by page, a task and its polls): the calls, and
 * everything about it that the rest of the package must know, so that a new strategy is one module.
 */
export interface CallStrategy {
	/** Sends one item's calls. */
	call(context: IExecuteFunctions, plan: CallPlan, itemIndex: number): Promise<CallOutcome>;
	/** The node parameters it reads, shown for `operations` (the operations it calls). */
	parameters(operations: readonly string[]): INodeProperties[];
	/** The entries of the Options collection it reads, shown for `operations`. */
	options(operations: readonly string[]): INodeProperties[];
	/**
	 * Parameters besides the request that change what it returns: part of the request key, so two
	 * items that differ only here are different calls (Call Identical Requests Once).
	 */
	keyParameters: readonly string[];
}

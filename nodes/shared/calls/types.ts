import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoint } from '../catalog';
import type { Contract, ParsedProfile } from '../profile';
import type { CallSettings, GatewayRequest, ResponseMeta } from '../transport';

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
}

/** How an endpoint is called: once, page by page, or as a task to wait for. */
export type CallStrategy = (context: IExecuteFunctions, plan: CallPlan, itemIndex: number) => Promise<CallOutcome>;

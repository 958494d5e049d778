/** What one call to the gateway is and what it gives back; apart from request.ts so that retry.ts can read it without a cycle. */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { CodeKind } from './codes';

export interface GatewayRequest {
	method: IHttpRequestMethods;
	/** A path on the gateway, e.g. /apis/tt/gw/ocr/v1/invoice; the credential adds the base URL. */
	path: string;
	/** A JSON object, or JSON bytes already built (bodies with images, see body.ts). */
	body?: IDataObject | Buffer;
	qs?: IDataObject;
}

export interface GatewayResult {
	data: unknown;
	meta: ResponseMeta;
}

export interface ResponseMeta {
	requestId?: string;
	billed?: boolean;
	code: number;
	message?: string;
	gatewayTime?: number;
}

/** Why a call failed, in the terms the caller needs to decide on a retry. */
export type FailureKind = CodeKind | 'http' | 'notEnvelope' | 'network' | 'timeout';

export class GatewayFailure {
	constructor(
		readonly kind: FailureKind,
		readonly message: string,
		public description: string,
		readonly meta: Partial<ResponseMeta>,
		readonly httpStatus?: number,
		/** True when the request cannot have reached the gateway (so it cannot have been billed). */
		readonly notSent = false,
		/** From a Retry-After header, in milliseconds. */
		public retryAfterMs?: number,
	) {}
}

export function billedText(billed: boolean | undefined): string {
	if (billed === undefined) return 'unknown (the gateway did not say)';
	return billed ? 'yes' : 'no';
}

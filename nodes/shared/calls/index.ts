import type { Endpoint } from '../catalog';
import { singleCall } from './single';
import type { CallStrategy } from './types';

/** Picks how an endpoint is called from its catalog entry. */
export function strategyFor(endpoint: Endpoint): CallStrategy {
	switch (endpoint.output.kind) {
		default:
			return singleCall;
	}
}

export type { CallOutcome, CallPlan, CallStrategy, NodeOptions } from './types';

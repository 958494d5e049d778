import type { Endpoint } from '../catalog';
import { pagedCall } from './paged';
import { singleCall } from './single';
import { taskCall } from './task';
import type { CallStrategy } from './types';

/** Picks how an endpoint is called from its catalog entry. */
export function strategyFor(endpoint: Endpoint): CallStrategy {
	switch (endpoint.output.kind) {
		case 'list':
			return pagedCall;
		case 'task':
			return taskCall;
		default:
			return singleCall;
	}
}

export type { CallOutcome, CallPlan, CallStrategy, NodeOptions } from './types';

import type { Endpoint } from '../../catalog';
import { pagedCall } from './paged';
import { singleCall } from './single';
import { INTERVAL_PARAMETER, taskCall, TIMEOUT_PARAMETER, WAIT_PARAMETER } from './task';
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

/**
 * Node parameters besides the request that change what a strategy returns (how many pages, whether
 * to wait): two items with the same request but different values here are different calls.
 */
export function strategyParameters(endpoint: Endpoint): string[] {
	switch (endpoint.output.kind) {
		case 'list':
			return ['returnAll', 'limit'];
		case 'task':
			return [WAIT_PARAMETER, INTERVAL_PARAMETER, TIMEOUT_PARAMETER];
		default:
			return [];
	}
}

export type { CallOutcome, CallPlan, CallStrategy, NodeOptions } from './types';

import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../catalog';
import { pagedCall } from './paged';
import { singleCall } from './single';
import { taskCall } from './task';
import type { CallStrategy } from './types';

/** Picks how an endpoint is called from its catalog entry's output. */
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
 * The node parameters and Options entries of the strategies that call these endpoints, each shown
 * for the operations it calls: a node gets paging or waiting by having such endpoints, nothing else.
 */
export function strategyProperties(endpoints: readonly Endpoint[]): { parameters: INodeProperties[]; options: INodeProperties[] } {
	const operations = new Map<CallStrategy, string[]>();
	for (const endpoint of endpoints.filter((candidate) => candidate.output.kind !== 'notification')) {
		const strategy = strategyFor(endpoint);
		operations.set(strategy, [...(operations.get(strategy) ?? []), endpoint.operation]);
	}
	const entries = [...operations];
	return {
		parameters: entries.flatMap(([strategy, called]) => strategy.parameters(called)),
		options: entries.flatMap(([strategy, called]) => strategy.options(called)),
	};
}

export type { CallOutcome, CallPlan, CallStrategy, NodeOptions } from './types';

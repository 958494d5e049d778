import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Endpoint } from '../catalog';

/**
 * The operation dropdown. An option's name is what n8n's dropdown filter searches, so it carries the
 * English name and the gateway's Chinese name ("Business Registration (工商照面)"): typing 照面 or
 * Business finds it. Its description says what comes back (the catalog entry's `returns`); the path
 * is in the Path option's hint and the README, not here. Option values are identifiers saved in
 * workflows and never change.
 */

/** "Business Registration (工商照面)"; a name that already ends in parentheses shares them: "Marital Status (Authorized, 婚姻信息查询-单人版授权)". */
export function operationName(endpoint: Endpoint): string {
	const { name, chineseName } = endpoint;
	return name.endsWith(')') ? `${name.slice(0, -1)}, ${chineseName})` : `${name} (${chineseName})`;
}

export function operationOption(endpoint: Endpoint): INodePropertyOptions {
	return {
		name: operationName(endpoint),
		value: endpoint.operation,
		action: endpoint.action,
		// Every catalog entry a node calls has `returns` (test/optionsApply.test.ts); the action is the fallback.
		description: endpoint.returns ?? endpoint.action,
	};
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export interface OperationSpec {
	endpoints: readonly Endpoint[];
	resourceNames?: Readonly<Record<string, string>>;
	defaultOperation?: string;
}

/** Resource (where the node groups its operations) and Operation. */
export function operationProperties(spec: OperationSpec): INodeProperties[] {
	const { endpoints, defaultOperation } = spec;
	const resources = [...new Set(endpoints.map((endpoint) => endpoint.resource).filter(Boolean))] as string[];
	if (resources.length === 0) {
		const firstOperation = endpoints.find((endpoint) => endpoint.operation === defaultOperation)?.operation ?? endpoints[0].operation;
		return [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: firstOperation,
				options: endpoints.map(operationOption).sort(byName),
			},
		];
	}
	const firstResource = resources[0];
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: firstResource,
		options: resources.map((resource) => ({ name: spec.resourceNames?.[resource] ?? resource, value: resource })).sort(byName),
	};
	return [
		resourceProperty,
		...resources.map((resource): INodeProperties => {
			const inResource = endpoints.filter((endpoint) => endpoint.resource === resource);
			const firstInResource = inResource[0].operation;
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				default: firstInResource,
				options: inResource.map(operationOption).sort(byName),
			};
		}),
	];
}

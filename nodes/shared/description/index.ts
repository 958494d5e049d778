import type { INodeProperties } from 'n8n-workflow';

import { parameterOf, type Endpoint } from '../catalog';
import type { ExecutableNode } from '../execution/executor';
import { FIELD_KINDS } from '../fields';
import { operationProperties } from './operations';
import { optionsProperty } from './options';
import { strategyProperties } from '../execution/calls';
import { toolDescriptionProperties } from './tool';

export { operationName, operationOption } from './operations';

/** What a catalog node is made of: the executor's part (endpoints, own operations) and how it looks. */
export interface CatalogNodeSpec extends ExecutableNode {
	/** Display names of the endpoints' resources (the values are identifiers saved in workflows). */
	resourceNames?: Readonly<Record<string, string>>;
	/** The operation a new node starts with, when the catalog's first is not the one most users want. */
	defaultOperation?: string;
	/** Node-specific parameters placed after the operation's fields (for example output format). */
	extraProperties?: INodeProperties[];
	/**
	 * Node-specific entries for the Options collection. Give each the operations it applies to
	 * (`displayOptions.show['/operation']`); options.ts scopes the few it knows by name.
	 */
	extraOptions?: INodeProperties[];
}

/** One property per parameter name, shown for every operation that uses it. */
function fieldProperties(endpoints: readonly Endpoint[]): INodeProperties[] {
	const byParameter = new Map<string, { property: INodeProperties; operations: string[] }>();
	for (const endpoint of endpoints) {
		for (const field of endpoint.fields) {
			const name = parameterOf(field);
			const existing = byParameter.get(name);
			if (existing) {
				existing.operations.push(endpoint.operation);
				continue;
			}
			const kind = FIELD_KINDS[field.kind];
			byParameter.set(name, {
				operations: [endpoint.operation],
				property: {
					...kind.property,
					displayName: field.displayName ?? kind.displayName,
					name,
					required: field.required ?? true,
					description: field.description ?? kind.description,
				},
			});
		}
	}
	return [...byParameter.values()].map(({ property, operations }) => ({
		...property,
		displayOptions: { show: { operation: operations } },
	}));
}

/** The node's parameters, generated from its catalog: operation, the operation's fields, options. */
export function buildProperties(spec: CatalogNodeSpec): INodeProperties[] {
	const strategies = strategyProperties(spec.endpoints);
	return [
		...toolDescriptionProperties(spec.endpoints),
		...operationProperties(spec),
		...fieldProperties(spec.endpoints),
		...strategies.parameters,
		...(spec.extraProperties ?? []),
		optionsProperty(spec.endpoints, [...strategies.options, ...(spec.extraOptions ?? [])]),
	];
}

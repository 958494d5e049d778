import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { parameterOf, type Endpoint } from '../catalog';
import { FIELD_KINDS } from '../fields';
import { DEFAULT_MAX_IMAGE_MB } from '../fields/image';
import { pagingProperties } from './paging';
import { outcomeOptions } from './outcomeOptions';
import { toolDescriptionProperties } from './tool';

export interface CatalogNodeSpec {
	endpoints: readonly Endpoint[];
	/** Display names of the endpoints' resources (the values are identifiers saved in workflows). */
	resourceNames?: Readonly<Record<string, string>>;
	/** The operation a new node starts with, when the catalog's first is not the one most users want. */
	defaultOperation?: string;
	/** Node-specific parameters placed after the operation's fields (for example output format). */
	extraProperties?: INodeProperties[];
	/** Node-specific entries for the Options collection. */
	extraOptions?: INodeProperties[];
}

function operationOption(endpoint: Endpoint): INodePropertyOptions {
	const path = endpoint.pathConfirmed
		? `${endpoint.method} ${endpoint.path}`
		: `${endpoint.method} ${endpoint.path} (path assumed; change it under Options)`;
	return {
		name: endpoint.name,
		value: endpoint.operation,
		action: endpoint.action,
		description: `${endpoint.chineseName}. ${path}.`,
	};
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function operationProperties(spec: CatalogNodeSpec): INodeProperties[] {
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

function usesImages(endpoints: readonly Endpoint[]): boolean {
	return endpoints.some((endpoint) => endpoint.fields.some((field) => FIELD_KINDS[field.kind].read !== undefined));
}

function optionsProperty(spec: CatalogNodeSpec): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Call Identical Requests Once',
			name: 'deduplicate',
			type: 'boolean',
			default: true,
			description:
				'Whether items with exactly the same request in this execution share one call and its answer, since each call is billed',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				'How many items are sent to the gateway at the same time at the start. The node then sends more while the gateway answers promptly, and fewer when it answers "too many requests", up to Max Concurrency. Output order stays the input order.',
		},
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			default: 200,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				'The most items sent to the gateway at the same time. Set it to your gateway’s concurrency quota if it has one; set it equal to Concurrency for a fixed number.',
		},
		{
			displayName: 'Extra Body Fields',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			description:
				'A JSON object merged into the request body, for parameters the node does not offer. Its keys win over the node’s.',
		},
		{
			displayName: 'Include Response Metadata',
			name: 'includeMetadata',
			type: 'boolean',
			default: false,
			description: 'Whether to add the gateway request ID and whether the call was billed to each item, under "_cbt"',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often a call is repeated when the gateway cannot have billed it: the connection was refused, the gateway asked to slow down, or a temporary error with no charge',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: '/apis/tt/gw/ent/v1/basic',
			description:
				'Overrides the endpoint path. Most paths are assumed from the gateway’s naming pattern; set the one from your gateway documentation if it differs.',
		},
		{
			displayName: 'Pause Between Batches (Ms)',
			name: 'batchPauseMs',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description:
				'For strict quotas: send items in batches of Concurrency items with this pause between batches (the number sent at once then stays fixed). 0 sends continuously.',
		},
		{
			displayName: 'Skip Input Validation',
			name: 'skipValidation',
			type: 'boolean',
			default: false,
			description:
				'Whether to send values without checking them first (ID check digits, mobile formats, …). Invalid values may still be billed by the gateway.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1, maxValue: 600 },
			description: 'How long to wait for the gateway to answer one call',
		},
		...(spec.extraOptions ?? []),
		...outcomeOptions(spec.endpoints),
	];
	if (usesImages(spec.endpoints)) {
		options.push(
			{
				displayName: 'Max Image Size (MB)',
				name: 'maxImageSizeMb',
				type: 'number',
				default: DEFAULT_MAX_IMAGE_MB,
				typeOptions: { minValue: 0.1, maxValue: 50, numberPrecision: 1 },
				description:
					'Larger images fail before any call. The gateway’s own limit is not documented; 4 MB is what comparable OCR services take.',
			},
		);
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The node's parameters, generated from its catalog: operation, the operation's fields, options. */
export function buildProperties(spec: CatalogNodeSpec): INodeProperties[] {
	return [
		...toolDescriptionProperties(spec.endpoints),
		...operationProperties(spec),
		...fieldProperties(spec.endpoints),
		...pagingProperties(spec.endpoints),
		...(spec.extraProperties ?? []),
		optionsProperty(spec),
	];
}

import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../catalog';
import { FIELD_KINDS } from '../fields';
import { DEFAULT_MAX_IMAGE_MB } from '../fields/image';
import { outcomeOptions } from './outcomeOptions';

/*
 * The Options collection. Each option is shown only for the operations it affects, with
 * `displayOptions: { show: { '/operation': [...] } }` (a path from the node's root, as the option sits
 * inside the collection). Which operations that are is read from the catalog entries below, so a new
 * endpoint gets the right options without a change here. test/optionsApply.test.ts checks every
 * node's every operation against its own reading of the catalog.
 *
 * The options every call reads are read by operations a node adds beside the catalog's too (CBT
 * Gateway's Custom Request runs through the same executor): they carry no condition when every
 * catalog operation reads them.
 */

type Applies = (endpoint: Endpoint) => boolean;

const every: Applies = () => true;
/** An image taken from a binary field, a URL or base64 (read before the call). */
const hasImage: Applies = (endpoint) => endpoint.fields.some((field) => FIELD_KINDS[field.kind].read !== undefined);
/** A value Skip Input Validation lets through unchecked (images are always checked: they must become base64). */
const hasCheckedValue: Applies = (endpoint) => endpoint.fields.some((field) => FIELD_KINDS[field.kind].read === undefined);

interface ScopedOption {
	property: INodeProperties;
	appliesTo: Applies;
	/**
	 * Every catalog node had this option before it was shown only where it applies: where none of a
	 * node's operations reads it, it stays as a hidden parameter, so a saved workflow keeps its value.
	 */
	keptHidden?: boolean;
}

function showFor(operations: readonly string[]): INodeProperties['displayOptions'] {
	return { show: { '/operation': [...operations] } };
}

/** The option with the condition that shows it for the operations it applies to; undefined (or hidden) when it applies to none. */
function scoped(option: ScopedOption, endpoints: readonly Endpoint[]): INodeProperties | undefined {
	const operations = endpoints.filter(option.appliesTo).map((endpoint) => endpoint.operation);
	if (operations.length === 0) return option.keptHidden ? { ...option.property, type: 'hidden' } : undefined;
	// Options every call reads carry no condition, so operations outside the catalog (Custom Request) show them too.
	if (option.appliesTo === every) return option.property;
	return { ...option.property, displayOptions: showFor(operations) };
}

const COMMON: ScopedOption[] = [
	{
		appliesTo: every,
		property: {
			displayName: 'Call Identical Requests Once',
			name: 'deduplicate',
			type: 'boolean',
			default: true,
			description:
				'Whether items with exactly the same request in this execution share one call and its answer, since each call is billed',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				'How many items are sent to the gateway at the same time at the start. The node then sends more while the gateway answers promptly, and fewer when it answers "too many requests", up to Max Concurrency. Output order stays the input order.',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			default: 200,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				'The most items sent to the gateway at the same time. Set it to your gateway’s concurrency quota if it has one; set it equal to Concurrency for a fixed number.',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Extra Body Fields',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			description:
				'A JSON object merged into the request body, for parameters the node does not offer. Its keys win over the node’s.',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Include Response Metadata',
			name: 'includeMetadata',
			type: 'boolean',
			default: false,
			description: 'Whether to add the gateway request ID and whether the call was billed to each item, under "_cbt"',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often a call is repeated when the gateway cannot have billed it: the connection was refused, the gateway asked to slow down, or a temporary error with no charge',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Pause Between Batches (Ms)',
			name: 'batchPauseMs',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description:
				'For strict quotas: send items in batches of Concurrency items with this pause between batches (the number sent at once then stays fixed). 0 sends continuously.',
		},
	},
	{
		appliesTo: hasCheckedValue,
		keptHidden: true,
		property: {
			displayName: 'Skip Input Validation',
			name: 'skipValidation',
			type: 'boolean',
			default: false,
			description:
				'Whether to send values without checking them first (ID check digits, mobile formats, …). Invalid values may still be billed by the gateway.',
		},
	},
	{
		appliesTo: every,
		property: {
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1, maxValue: 600 },
			description: 'How long to wait for the gateway to answer one call',
		},
	},
	{
		appliesTo: hasImage,
		property: {
			displayName: 'Max Image Size (MB)',
			name: 'maxImageSizeMb',
			type: 'number',
			default: DEFAULT_MAX_IMAGE_MB,
			typeOptions: { minValue: 0.1, maxValue: 50, numberPrecision: 1 },
			description:
				'Larger images fail before any call. The gateway’s own limit is not documented; 4 MB is what comparable OCR services take.',
		},
	},
];

/**
 * Path: one entry per operation, each shown only for its operation, so that the placeholder and the
 * hint give that operation's own default path. They are one option (one saved value, `options.path`):
 * n8n shows the entry whose condition holds.
 */
function pathOptions(endpoints: readonly Endpoint[]): INodeProperties[] {
	return endpoints.map((endpoint) => ({
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: endpoint.path,
		hint: `Empty: ${endpoint.method} ${endpoint.path} (${endpoint.pathConfirmed ? 'documented by the gateway' : 'assumed'})`,
		description: endpoint.pathConfirmed
			? 'Overrides the endpoint path, which the gateway documents'
			: 'Overrides the endpoint path. The default is assumed from the gateway’s naming pattern: set the one from your gateway documentation if it differs, or set it for every workflow in the credential’s gateway profile.',
		displayOptions: showFor([endpoint.operation]),
	}));
}

/**
 * The Options collection of a catalog node: `extraOptions` are the node's own entries and the call
 * strategies' (each gives its own display condition).
 */
export function optionsProperty(endpoints: readonly Endpoint[], extraOptions: readonly INodeProperties[] = []): INodeProperties {
	const called = endpoints.filter((endpoint) => endpoint.output.kind !== 'notification');
	const options = [
		...COMMON.map((option) => scoped(option, called)),
		...pathOptions(called),
		...extraOptions,
		...outcomeOptions(called),
	].filter((option): option is INodeProperties => option !== undefined);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		// Stable: the Path entries keep the catalog's order among themselves.
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

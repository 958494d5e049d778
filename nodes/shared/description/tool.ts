import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, FieldSpec } from '../catalog';
import { FIELD_KINDS } from '../fields';

/*
 * What an AI agent's model is told about a node used as a tool. n8n gives the model the node's
 * `toolDescription` parameter when the node has one, so each operation gets its own, shown only in
 * tool mode (the '@tool' display condition) and written from the catalog: what it does, each input
 * and its format, that every call is billed, and that invalid inputs are refused without charge.
 */

const TOOL = { '@tool': [true] };

function inputLine(endpoint: Endpoint, field: FieldSpec): string {
	const kind = FIELD_KINDS[field.kind];
	const label = field.displayName ?? kind.displayName;
	const optional = field.required === false ? ' (optional)' : '';
	if (field.kind === 'image' && endpoint.category === 'OCR') {
		// The binary field's label does not apply: as a tool the image comes from a URL (Image Source's tool default).
		return `Image${optional}: a public http(s) URL of a JPG, PNG or BMP file`;
	}
	if (field.kind === 'faceImage' || field.kind === 'image') {
		return `${label}${optional}: a photo from a binary field, which an AI agent cannot pass to a tool, so this operation works only as an ordinary workflow node`;
	}
	const format = (field.description ?? kind.description).replace(/[.\s]+$/, '');
	return `${label}${optional}${format ? `: ${format}` : ''}`;
}

function returns(endpoint: Endpoint): string {
	switch (endpoint.output.kind) {
		case 'list':
			return 'one item per record the gateway has (up to the node’s limit)';
		case 'task':
			return 'a task ID to fetch the result with later, or the result itself when the node waits for it';
		default:
			return 'one item with what the gateway found for the input';
	}
}

export function toolDescriptionText(endpoint: Endpoint): string {
	const inputs = endpoint.fields.map((field) => inputLine(endpoint, field));
	return [
		`${endpoint.action} (${endpoint.chineseName}) through the CBT data gateway.`,
		inputs.length > 0 ? `Inputs: ${inputs.join('; ')}.` : 'It takes no inputs.',
		...(endpoint.returns ? [`${endpoint.returns.replace(/[.\s]+$/, '')}.`, `Output: ${returns(endpoint)}.`] : [`Returns ${returns(endpoint)}.`]),
		'Each call is billed by the gateway. Inputs in the wrong format are refused before anything is sent and are not billed; the error says which input to fix.',
	].join(' ');
}

/** One Tool Description per operation, visible only when the node is used as an AI agent tool. */
export function toolDescriptionProperties(endpoints: readonly Endpoint[]): INodeProperties[] {
	return endpoints.map((endpoint) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: toolDescriptionText(endpoint),
		description: 'What the AI agent’s model reads about this tool. Written from the operation; edit it to add what your agent should know.',
		displayOptions: {
			show: { ...TOOL, ...(endpoint.resource ? { resource: [endpoint.resource] } : {}), operation: [endpoint.operation] },
		},
	}));
}

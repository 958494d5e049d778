import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterOf, type Endpoint, type FieldSpec } from '../catalog';
import { FIELD_KINDS } from '../fields';

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function fieldLabel(field: FieldSpec): string {
	return field.displayName ?? FIELD_KINDS[field.kind].displayName;
}

export function invalidInput(context: IExecuteFunctions, itemIndex: number, field: FieldSpec, problem: string) {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}, field '${fieldLabel(field)}': ${problem}`, {
		itemIndex,
		description: 'Nothing was sent to the gateway for this item, so it was not billed.',
	});
}

/** Reads one field's raw value: from the parameter, or from a binary field for images. */
export async function readField(context: IExecuteFunctions, itemIndex: number, field: FieldSpec): Promise<unknown> {
	const kind = FIELD_KINDS[field.kind];
	const parameter = parameterOf(field);
	if (kind.read) return await kind.read(context, itemIndex, parameter);
	return context.getNodeParameter(parameter, itemIndex, '');
}

/**
 * Normalises and checks one field. Returns undefined for an empty optional field (not sent).
 * Throws an error naming the item and the field; nothing has been sent at that point.
 */
export function checkField(
	context: IExecuteFunctions,
	itemIndex: number,
	field: FieldSpec,
	raw: unknown,
	skipValidation: boolean,
): unknown {
	const required = field.required ?? true;
	if (isEmpty(raw)) {
		if (!required) return undefined;
		throw invalidInput(context, itemIndex, field, 'is empty; this field is required');
	}
	const kind = FIELD_KINDS[field.kind];
	// Skipping validation never skips turning an image into base64: the gateway cannot take bytes.
	if (skipValidation && !isDeferred(field)) return typeof raw === 'string' ? raw.trim() : raw;
	const parsed = kind.schema.safeParse(raw);
	if (!parsed.success) throw invalidInput(context, itemIndex, field, parsed.error.issues[0]?.message ?? 'is invalid');
	// Some checks only warn (a bank card failing Luhn can still be real): the value is sent, and the
	// user sees why it may come back empty.
	const warning = kind.warn?.(raw);
	if (warning) {
		context.addExecutionHints({ message: `Item ${itemIndex}, field '${fieldLabel(field)}': ${warning}`, location: 'outputPane' });
	}
	return parsed.data;
}

/** Fields whose values are read only when the item's turn comes (images), to keep memory flat. */
export function isDeferred(field: FieldSpec): boolean {
	return FIELD_KINDS[field.kind].read !== undefined;
}

export function findEndpoint(endpoints: readonly Endpoint[], operation: string): Endpoint | undefined {
	return endpoints.find((endpoint) => endpoint.operation === operation);
}

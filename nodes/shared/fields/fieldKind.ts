import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';

/**
 * A kind of input field (ID number, mobile, image, …), defined once and reused by every endpoint
 * that takes one: its n8n property, how its value is read, and the zod schema that normalises and
 * validates it before any billed call.
 */
export interface FieldKind {
	id: string;
	/** Default label in the node's parameter panel. */
	displayName: string;
	description: string;
	/** The n8n property, without name, label, displayOptions and required, which the catalog supplies. */
	property: Pick<INodeProperties, 'type' | 'default'> & Partial<Pick<INodeProperties, 'placeholder' | 'typeOptions' | 'hint' | 'options'>>;
	/**
	 * Normalises and validates the raw value. Its error messages complete the sentence
	 * "Item 3, field 'ID Number': …" and say how to fix the value.
	 */
	schema: z.ZodType<unknown, z.ZodTypeDef, unknown>;
	/** Reads the raw value for an item; by default the parameter's value. */
	read?: (context: IExecuteFunctions, itemIndex: number, parameterName: string) => Promise<unknown>;
	/** Things worth telling the user that do not block the call (for example a failed Luhn check). */
	warn?: (value: unknown) => string | undefined;
}

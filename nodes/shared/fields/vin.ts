import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const vin: FieldKind = {
	id: 'vin',
	displayName: 'VIN',
	description: 'Vehicle identification number (车架号), 17 characters',
	property: { type: 'string', default: '', placeholder: 'LSVAU2180N2183294' },
	schema: text.schema,
};

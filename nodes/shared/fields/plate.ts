import type { FieldKind } from './fieldKind';
import { text } from './text';

// Placeholder until its rules are written: accepts any non-empty text.
export const plate: FieldKind = {
	id: 'plate',
	displayName: 'Plate Number',
	description: 'Vehicle plate number (车牌号), ordinary or new-energy',
	property: { type: 'string', default: '', placeholder: '沪AD12345' },
	schema: text.schema,
};

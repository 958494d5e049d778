import type { FieldKind } from './fieldKind';
import { CODE } from './rules/normalise';
import { checkPlate } from './rules/plate';
import { schemaOf, textRule } from './rules/schema';

export const plateRule = textRule(CODE, checkPlate);

export const plate: FieldKind = {
	id: 'plate',
	displayName: 'Plate Number',
	description: 'Vehicle plate number (车牌号) with its province character: 7 characters, or 8 for new-energy vehicles',
	property: { type: 'string', default: '', placeholder: '沪AD12345' },
	schema: schemaOf(plateRule),
};

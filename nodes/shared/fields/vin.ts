import type { FieldKind } from './fieldKind';
import { CODE } from './rules/normalise';
import { schemaOf, textRule, warningOf } from './rules/schema';
import { checkVin, vinWarning } from './rules/vin';

export const vinRule = textRule(CODE, checkVin);

export const vin: FieldKind = {
	id: 'vin',
	displayName: 'VIN',
	description: 'Vehicle identification number (车架号), 17 letters and digits without I, O or Q',
	property: { type: 'string', default: '', placeholder: 'LSVAU218XN2183294' },
	schema: schemaOf(vinRule),
	warn: warningOf(vinRule, vinWarning),
};

import type { FieldKind } from './fieldKind';
import { CODE } from './rules/normalise';
import { checkResidentId } from './rules/residentId';
import { schemaOf, textRule } from './rules/schema';

export const idNumberRule = textRule(CODE, (value) => checkResidentId(value));

export const idNumber: FieldKind = {
	id: 'idNumber',
	displayName: 'ID Number',
	description:
		'Resident ID card number (居民身份证号): 18 characters, the last may be X. An old 15-digit number is converted to 18 digits before it is sent.',
	property: { type: 'string', default: '', placeholder: '11010519491231002X' },
	schema: schemaOf(idNumberRule),
};

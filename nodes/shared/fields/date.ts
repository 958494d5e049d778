import type { FieldKind } from './fieldKind';
import type { Checked } from './rules/checked';
import { checkDate } from './rules/date';
import { CODE_KEEPING_SPACES } from './rules/normalise';
import { schemaOf, textRule, type Rule } from './rules/schema';

interface LuxonLike {
	isLuxonDateTime: true;
	isValid: boolean;
	toISODate(): string | null;
}

const isLuxon = (value: unknown): value is LuxonLike =>
	typeof value === 'object' && value !== null && (value as Partial<LuxonLike>).isLuxonDateTime === true;

const fromText = textRule(CODE_KEEPING_SPACES, checkDate);

/**
 * Dates also arrive as objects: ={{ $now }} gives luxon's DateTime (its own time zone decides the day)
 * and some nodes give a JavaScript Date (taken in UTC, as JSON would write it).
 */
export const dateRule: Rule = (raw): Checked => {
	if (isLuxon(raw)) return raw.isValid ? fromText(raw.toISODate()) : { ok: false, problem: 'is an invalid DateTime; check the expression that fills this field' };
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { ok: false, problem: 'is an invalid Date; check the expression that fills this field' } : fromText(raw.toISOString());
	return fromText(raw);
};

export const date: FieldKind = {
	id: 'date',
	displayName: 'Date',
	description: 'A date such as 2024-01-31, 2024/1/31, 20240131 or 2024年1月31日, or a DateTime from an expression; sent as YYYY-MM-DD',
	property: { type: 'string', default: '', placeholder: '2024-01-31' },
	schema: schemaOf(dateRule),
};

import type { IDataObject } from 'n8n-workflow';

/**
 * One answer to "does this check out?", the same for every check endpoint, so that an IF or Switch
 * node routes on one condition whatever the check: `match`, `mismatch`, `noRecord` (the source holds
 * nothing on the subject: the gateway's "no data" answer, or a result that says so) or `unknown`
 * (an answer the endpoint's table does not know, such as 不能确定, or no result field at all).
 */
export type Verdict = 'match' | 'mismatch' | 'noRecord' | 'unknown';

export const VERDICTS: readonly Verdict[] = ['match', 'mismatch', 'noRecord', 'unknown'];

/** The output field that holds the verdict, beside the gateway's own fields. */
export const VERDICT_FIELD = 'verdict';

/**
 * How an endpoint's answer reads as a verdict: which field holds the result, and which of its values
 * (codes or texts, compared as trimmed text, letters in any case) mean what. `"*"` in a list stands
 * for any other non-empty value. A value in no list, or a missing field, is `unknown`.
 */
export interface VerdictRule {
	/** The answer's field; a dotted path ("detail.result") reaches into nested objects. */
	field: string;
	match: readonly string[];
	mismatch: readonly string[];
	noRecord: readonly string[];
	/** True where the gateway does not document the field or its values (the catalog's own guess). */
	assumed: boolean;
}

export const ANY_VALUE = '*';

const comparable = (value: string) => value.trim().toLowerCase();

function valueAt(record: IDataObject, path: string): unknown {
	if (path in record) return record[path];
	let current: unknown = record;
	for (const part of path.split('.')) {
		if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

/** The verdict one record of an answer gives under a rule. */
export function verdictOf(record: IDataObject, rule: VerdictRule): Verdict {
	const text = asText(valueAt(record, rule.field));
	if (text === undefined || text.trim() === '') return 'unknown';
	const value = comparable(text);
	const lists: Array<[Verdict, readonly string[]]> = [
		['match', rule.match],
		['mismatch', rule.mismatch],
		['noRecord', rule.noRecord],
	];
	for (const [verdict, values] of lists) {
		if (values.some((candidate) => candidate !== ANY_VALUE && comparable(candidate) === value)) return verdict;
	}
	for (const [verdict, values] of lists) {
		if (values.includes(ANY_VALUE)) return verdict;
	}
	return 'unknown';
}

/** The record with its verdict added after the gateway's own fields (which stay as they are). */
export function withVerdict(record: IDataObject, rule: VerdictRule): IDataObject {
	return { ...record, [VERDICT_FIELD]: verdictOf(record, rule) };
}

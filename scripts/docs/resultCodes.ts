/**
 * The README's result codes (between <!-- result-codes:start --> and <!-- result-codes:end -->): for
 * every kind of check, each code or text its answer may hold, the `verdict` it becomes and what it
 * means. The codes come from the verdict tables in nodes/shared/catalog/verdicts.ts, the operations
 * from the catalog entries that name each table; only the English meaning is written here.
 */
import { CATEGORY_NODES } from '../../nodes/shared/catalog';
import * as VERDICT_TABLES from '../../nodes/shared/catalog/verdicts';
import { operationName } from '../../nodes/shared/description/operations';
import type { VerdictRule } from '../../nodes/shared/outcomes/verdict';

const cell = (text: string) => text.replace(/\|/g, '\\|');

interface VerdictWording {
	title: string;
	match: string;
	mismatch: string;
	noRecord: string;
	unknown: string;
}

/**
 * The English meaning of each verdict, per table in verdicts.ts (by its exported name). The codes and
 * texts themselves come from the tables; a new table without wording here stops `npm run docs`.
 */
const VERDICT_WORDING: Record<string, VerdictWording> = {
	CONSISTENCY_VERDICT: {
		title: 'Consistency checks (一致性核验)',
		match: 'The details belong together: the name, ID number, mobile number or company details are those of one person or company.',
		mismatch: 'At least one detail belongs to someone else.',
		noRecord: 'The source has no record of the person, the number or the company.',
		unknown: 'An answer the table does not know: read the gateway’s `desc`.',
	},
	PORTRAIT_VERDICT: {
		title: 'Portrait checks (人像核验)',
		match: 'The photo shows the person the ID number belongs to.',
		mismatch: 'A different person (`3`), or the photo failed the liveness check and was not compared (`4`).',
		noRecord: 'The source has no photo for the ID number.',
		unknown: 'Includes `2` (不能确定是否为同一人): the similarity lies between the thresholds, so a person should look at it.',
	},
	COUPLE_VERDICT: {
		title: 'Whether two people are married to each other (婚姻信息查询-双方版)',
		match: 'The two people are married to each other.',
		mismatch: 'They are not married to each other.',
		noRecord: 'The source has no record of one of them.',
		unknown: 'An answer the table does not know: read the gateway’s `desc`.',
	},
	EDUCATION_VERDICT: {
		title: 'Education (教育背景核验)',
		match: 'The name and ID number lead to an education record; `level` is the highest level (本科, 硕士研究生, …).',
		mismatch: 'Never: the answer is a level, not a comparison.',
		noRecord: 'The person has no education record.',
		unknown: 'The answer has no level.',
	},
};

const isVerdictRule = (value: unknown): value is VerdictRule =>
	typeof value === 'object' && value !== null && 'field' in value && 'match' in value && 'mismatch' in value && 'noRecord' in value;

function answerList(values: readonly string[]): string {
	if (values.length === 0) return 'none';
	return values.map((value) => (value === '*' ? 'any other value' : /^[0-9]+$/.test(value) ? `\`${value}\`` : cell(value))).join(', ');
}

/** One table per kind of check: each result code or text, the `verdict` it gives and what it means. */
export function resultCodesTable(): string {
	const tables = Object.entries(VERDICT_TABLES).filter(([, value]) => isVerdictRule(value)) as Array<[string, VerdictRule]>;
	const unworded = tables.filter(([name]) => !VERDICT_WORDING[name]).map(([name]) => name);
	if (unworded.length > 0) throw new Error(`scripts/docs/resultCodes.ts has no wording for ${unworded.join(', ')} (nodes/shared/catalog/verdicts.ts)`);
	const parts: string[] = [];
	// In the order of VERDICT_WORDING: the checks most workflows use first.
	for (const [name, wording] of Object.entries(VERDICT_WORDING)) {
		const rule = tables.find(([tableName]) => tableName === name)?.[1];
		if (!rule) throw new Error(`nodes/shared/catalog/verdicts.ts has no ${name}`);
		const operations = CATEGORY_NODES.flatMap((entry) =>
			entry.endpoints.filter((endpoint) => endpoint.verdict === rule).map((endpoint) => `${entry.displayName} › ${operationName(endpoint)}`),
		);
		if (operations.length === 0) continue;
		const anyValue = [rule.match, rule.mismatch, rule.noRecord].some((values) => values.includes('*'));
		parts.push(
			`**${wording.title}**${rule.assumed ? ' (assumed)' : ''}: ${operations.join(', ')}. The answer's \`${rule.field}\`:`,
			'',
			'| Answer | `verdict` | Meaning |',
			'| --- | --- | --- |',
			`| ${answerList(rule.match)} | \`match\` | ${wording.match} |`,
			`| ${answerList(rule.mismatch)} | \`mismatch\` | ${wording.mismatch} |`,
			`| ${rule.noRecord.length > 0 ? `${answerList(rule.noRecord)}; ` : ''}the gateway's "no data" code | \`noRecord\` | ${wording.noRecord} |`,
			`| ${anyValue ? `no \`${rule.field}\`, or an empty one` : `anything else, or no \`${rule.field}\``} | \`unknown\` | ${wording.unknown} |`,
			'',
		);
	}
	return parts.join('\n').trimEnd();
}

import { z } from 'zod';

import type { Checked } from './checked';
import { normalise, type NormaliseOptions } from './normalise';

/** A field kind's whole rule: raw parameter value in, normalised value or problem out. */
export type Rule = (raw: unknown) => Checked;

/** The shared normalisation followed by a kind's own check. */
export function textRule(options: NormaliseOptions, check?: (value: string) => Checked): Rule {
	return (raw) => {
		const text = normalise(raw, options);
		return text.ok && check ? check(text.value) : text;
	};
}

/** The zod schema of a rule, whose issue message is the rule's problem. */
export function schemaOf(rule: Rule): z.ZodType<string, z.ZodTypeDef, unknown> {
	return z.unknown().transform((raw, ctx) => {
		const result = rule(raw);
		if (result.ok) return result.value;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.problem });
		return z.NEVER;
	});
}

/** A warning on values the rule accepts; invalid values get their error elsewhere, not a warning. */
export function warningOf(rule: Rule, warning: (value: string) => string | undefined): (raw: unknown) => string | undefined {
	return (raw) => {
		const result = rule(raw);
		return result.ok ? warning(result.value) : undefined;
	};
}

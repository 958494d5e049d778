import { inspectProfile, inspectProfileText, ProfileError, type ParsedProfile } from '../nodes/shared/profile/parse';

/*
 * The profile check for tools outside n8n (the sandbox, the profile builders): the nodes' own check,
 * thrown as a ProfileError listing every problem. Node code raises n8n errors instead.
 */

/** Checks a profile already parsed from JSON; throws a ProfileError when it does not pass. */
export function checkProfile(raw: unknown): ParsedProfile {
	const result = inspectProfile(raw);
	if (result instanceof ProfileError) throw result;
	return result;
}

/** Reads and checks a profile's JSON text; undefined for an empty text. */
export function parseProfile(text: string | undefined | null): ParsedProfile | undefined {
	const result = inspectProfileText(text);
	if (result instanceof ProfileError) throw result;
	return result;
}

export { ProfileError };

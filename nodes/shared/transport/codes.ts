/**
 * What the gateway's codes mean. The gateway's own code table is not available to us: apart from
 * 0 (success) these are the codes our sandbox uses, modelled on comparable Chinese data gateways.
 * Replace the rows of CODE_TABLE when the real table is known (or override them in a gateway profile).
 */

export type CodeKind =
	| 'success'
	| 'auth'
	| 'clock'
	| 'input'
	| 'noData'
	| 'pending'
	| 'quota'
	| 'rateLimit'
	| 'transient'
	| 'unknown';

export interface CodeMeaning {
	kind: CodeKind;
	meaning: string;
	/** What the user can do about it. */
	hint: string;
}

/**
 * The code table, one row per situation. The sandbox answers with these codes, the tests name them
 * through CODE and the README's table is written from here (`npm run docs`): replacing a number here
 * is the whole change.
 */
export const CODE_TABLE = [
	{ name: 'ok', code: 0, kind: 'success', meaning: 'Success', hint: '' },
	{ name: 'unknownKey', code: 100001, kind: 'auth', meaning: 'Unknown App Key', hint: 'Check the App Key in the CBT API credential.' },
	{ name: 'badSignature', code: 100002, kind: 'auth', meaning: 'Signature mismatch', hint: "Check the App Secret and the credential's signature settings against your gateway signing document." },
	{ name: 'staleTimestamp', code: 100003, kind: 'clock', meaning: 'Timestamp outside the allowed window', hint: "Check this machine's clock and the credential's Timestamp Unit." },
	{ name: 'invalidParameter', code: 100004, kind: 'input', meaning: 'Invalid parameter', hint: 'Check the input fields of this item; the gateway message says which one it rejected.' },
	{ name: 'unknownEndpoint', code: 100005, kind: 'auth', meaning: 'Endpoint not enabled for this App Key', hint: 'Ask the gateway to enable this endpoint for your App Key, or check the path under Options.' },
	{ name: 'quota', code: 100006, kind: 'quota', meaning: 'Balance exhausted', hint: 'Top up the account balance with the gateway.' },
	{ name: 'rateLimit', code: 100007, kind: 'rateLimit', meaning: 'Too many requests', hint: 'Lower the concurrency or add a pause between batches.' },
	{ name: 'missingHeaders', code: 100008, kind: 'auth', meaning: 'Missing signature headers', hint: 'Use the CBT API credential so that requests are signed.' },
	{ name: 'noData', code: 200001, kind: 'noData', meaning: 'No data found', hint: 'The gateway has no record for this input.' },
	{ name: 'pending', code: 200002, kind: 'pending', meaning: 'Still processing', hint: 'The result is not ready yet; fetch it again later.' },
	{ name: 'internal', code: 500001, kind: 'transient', meaning: 'Gateway internal error', hint: 'Try again later.' },
	{ name: 'unavailable', code: 500002, kind: 'transient', meaning: 'Data source unavailable', hint: 'Try again later.' },
] as const satisfies ReadonlyArray<{ name: string; code: number } & CodeMeaning>;

/** A situation the gateway answers with a code of its own. */
export type CodeName = (typeof CODE_TABLE)[number]['name'];

/** The code of each situation, by name: `CODE.noData`. */
export const CODE = Object.fromEntries(CODE_TABLE.map((row) => [row.name, row.code])) as Readonly<Record<CodeName, number>>;

export const GATEWAY_CODES: Readonly<Record<number, CodeMeaning>> = Object.fromEntries(
	CODE_TABLE.map(({ code, kind, meaning, hint }) => [code, { kind, meaning, hint }]),
);

/** How codes read for one endpoint: the package's table, or a gateway profile's on top of it. */
export type CodeBook = (code: number) => CodeMeaning;

export function describeCode(code: number): CodeMeaning {
	return (
		GATEWAY_CODES[code] ?? {
			kind: 'unknown',
			meaning: 'Unknown gateway code',
			hint: 'See the gateway message; report the request ID to the gateway if it persists.',
		}
	);
}

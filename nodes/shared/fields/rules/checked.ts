/** The outcome of a rule: the normalised value, or a problem that completes "Item 3, field 'ID Number': …". */
export type Checked = { ok: true; value: string } | { ok: false; problem: string };

export const accept = (value: string): Checked => ({ ok: true, value });
export const reject = (problem: string): Checked => ({ ok: false, problem });

/**
 * Spreadsheets keep 15 significant digits: a longer number typed into a number column ends in
 * zeros, so a wrong check character on a value ending in 000 most likely comes from that.
 */
export const ZEROED_BY_SPREADSHEET =
	'ends in 000 and its check character is wrong, which is what a spreadsheet does to a long number in a number column (it keeps 15 digits and fills in zeros); format the column as text and enter the full value again, or check it for a typo';

/** 1-based, as people count characters. */
export const ordinal = (index: number) => `position ${index + 1}`;

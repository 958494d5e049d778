import { isRealDate } from './calendar';
import { accept, reject, type Checked } from './checked';

export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2099;

// Year first, in the forms Chinese spreadsheets and systems write: 2024-01-31, 2024/1/31, 2024.01.31, 20240131, 2024年1月31日.
const DATE_FORMS: readonly RegExp[] = [
	/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
	/^(\d{4})(\d{2})(\d{2})$/,
	/^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
];
// An ISO date-time (from luxon's DateTime, n8n's $now or an API): the date as written, in its own time zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?:\[[^\]]+\])?$/;
// How n8n prints a DateTime inside a longer expression: "[DateTime: 2024-01-31T10:00:00.000+08:00]".
const N8N_DATE_TIME = /^\[DateTime: (.+)\]$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Checks a normalised date and returns it as YYYY-MM-DD. */
export function checkDate(input: string): Checked {
	// "2024 年 1 月 31 日" and "2024 - 01 - 31" as typed, but not the space before a time of day.
	const text = input.replace(N8N_DATE_TIME, '$1').trim().replace(/\s*([-/.年月日号])\s*/g, '$1');
	const match = DATE_FORMS.map((form) => form.exec(text)).find(Boolean) ?? DATE_TIME.exec(text);
	if (!match) {
		if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(text)) {
			return reject(`is ${text}, with the year last, which is ambiguous (day or month first?); write it as YYYY-MM-DD`);
		}
		if (/^\d{5}$/.test(text)) {
			return reject(`is ${text}, which looks like a spreadsheet's day number; format the column as a date or text in YYYY-MM-DD form`);
		}
		return reject(`is not a date in a known form; write it as YYYY-MM-DD, for example 2024-01-31`);
	}
	const [year, month, day] = match.slice(1, 4).map(Number);
	const iso = `${year}-${pad(month)}-${pad(day)}`;
	if (!isRealDate(year, month, day)) return reject(`is ${iso}, which is not a real date; check the month and day`);
	if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX) return reject(`has the year ${year}, outside ${DATE_YEAR_MIN}-${DATE_YEAR_MAX}; check the year`);
	return accept(iso);
}

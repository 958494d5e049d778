/*
 * The builders' report, for a person: what matched what and how, what is a guess to check, what
 * the document left out. Printed on stderr so that stdout stays the profile.
 */

export interface EndpointRef {
	id: string;
	chineseName: string;
}

export interface CodeLine {
	code: number;
	text: string;
	where: string;
	kind?: string;
	/** emitted: in the profile's codes; endpoint: in one endpoint's codes; known: the package's table agrees; unclassified; conflict: another text for the same code came first. */
	outcome: 'emitted' | 'endpoint' | 'known' | 'unclassified' | 'conflict';
	id?: string;
}

export interface Report {
	title: string;
	matched: Array<EndpointRef & { operation: string; how: 'name' | 'path'; detail: string }>;
	fields: Array<EndpointRef & { property: string; field: string; how: string; guessed: boolean; why: string }>;
	guesses: Array<EndpointRef & { property: string; field: string; why: string }>;
	dropped: Array<EndpointRef & { field: string }>;
	constants: Array<EndpointRef & { key: string; value: unknown; why: string }>;
	unmapped: Array<EndpointRef & { property: string; note: string }>;
	/** Path, method, list and task keys, and per-endpoint notes. */
	other: Array<EndpointRef & { text: string }>;
	codes: CodeLine[];
	unmatched: Array<{ operation: string; reason: string }>;
	skipped: Array<{ what: string; reason: string }>;
	notInDocument: EndpointRef[];
	notes: string[];
	/** With --merge: what changed in the existing profile. */
	changes: string[];
}

export function emptyReport(title: string): Report {
	return { title, matched: [], fields: [], guesses: [], dropped: [], constants: [], unmapped: [], other: [], codes: [], unmatched: [], skipped: [], notInDocument: [], notes: [], changes: [] };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function grouped<T extends EndpointRef>(items: T[], line: (item: T) => string): string[] {
	const groups = new Map<string, T[]>();
	for (const item of items) groups.set(item.id, [...(groups.get(item.id) ?? []), item]);
	return [...groups.values()].flatMap((group) => [`  ${group[0].chineseName} (${group[0].id})`, ...group.map((item) => `    ${line(item)}`)]);
}

const value = (raw: unknown) => {
	const text = JSON.stringify(raw);
	return text === undefined ? 'undefined' : text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

export function summary(report: Report): string {
	const byName = report.matched.filter((match) => match.how === 'name').length;
	const guessed = report.fields.filter((field) => field.guessed).length;
	const codes = report.codes.filter((code) => code.outcome === 'emitted' || code.outcome === 'endpoint').length;
	return (
		`${plural(report.matched.length, 'endpoint')} matched (${byName} by name, ${report.matched.length - byName} by path), ` +
		`${plural(report.fields.length, 'field')} mapped (${guessed} guessed), ${report.dropped.length} dropped, ` +
		`${plural(report.constants.length, 'constant')}, ${plural(codes, 'code')}; ` +
		`${plural(report.notInDocument.length, 'catalog endpoint')} not in the document` +
		(report.unmatched.length > 0 ? `; ${plural(report.unmatched.length, 'document operation')} unmatched` : '') +
		(report.skipped.length > 0 ? `; ${report.skipped.length} skipped` : '')
	);
}

export function formatReport(report: Report): string {
	const out: string[] = [`Gateway profile from ${report.title}`];
	const section = (title: string, lines: string[], empty?: string) => {
		if (lines.length === 0 && empty === undefined) return;
		out.push('', `${title}:`, ...(lines.length > 0 ? lines : [`  ${empty}`]));
	};
	section(
		'Matched',
		report.matched.map((match) => `  ${match.chineseName} → ${match.id}   by ${match.how} (${match.detail}; ${match.operation})`),
		'none',
	);
	section(
		'Fields',
		grouped(report.fields, (field) => `${field.property} → ${field.field}   ${field.how}${field.guessed ? ', guessed — check' : ''} (${field.why})`),
	);
	section('Guesses not applied', grouped(report.guesses, (guess) => `${guess.property} might be ${guess.field} — guessed — check (${guess.why})`));
	section('Dropped', grouped(report.dropped, (drop) => `${drop.field}: dropped: the documentation does not mention ${drop.field}`));
	section('Constants', grouped(report.constants, (constant) => `${constant.key} = ${value(constant.value)} (${constant.why})`));
	section(
		'Unmapped (add them with the node\'s Extra Body Fields option if the gateway needs them)',
		grouped(report.unmapped, (unmapped) => `${unmapped.property}: ${unmapped.note}`),
	);
	section('Paths, methods, lists, tasks and notes', grouped(report.other, (other) => other.text));
	const codeLine = (code: CodeLine) => {
		const text = `${code.code} "${code.text}"`;
		switch (code.outcome) {
			case 'emitted':
				return `  ${text} → ${code.kind} (${code.where})`;
			case 'endpoint':
				return `  ${text} → ${code.kind}, for ${code.id} only: another part of the document gives this code another meaning (${code.where})`;
			case 'known':
				return `  ${text} → ${code.kind}: the package already reads it so; not emitted (${code.where})`;
			case 'conflict':
				return `  ${text} → ${code.kind ?? '?'}: the code was already read with another meaning; this one is ignored (${code.where})`;
			default:
				return `  ${text}: no kind recognised in its text; not emitted — add it by hand if it matters (${code.where})`;
		}
	};
	section('Codes', report.codes.map(codeLine), 'the document lists no gateway codes');
	section('Unmatched document operations', report.unmatched.map((item) => `  ${item.operation}: ${item.reason}`));
	section('Skipped', report.skipped.map((item) => `  ${item.what}: ${item.reason}`));
	if (report.notInDocument.length > 0) {
		out.push('', `Not in the document: ${plural(report.notInDocument.length, 'catalog endpoint')} (kept as the catalog assumes)`);
		out.push(`  ${report.notInDocument.map((endpoint) => endpoint.chineseName).join('、')}`);
	}
	section('Notes', report.notes.map((note) => `  ${note}`));
	section('Changes to the existing profile', report.changes.map((change) => `  ${change}`));
	out.push('', summary(report));
	return `${out.join('\n')}\n`;
}

// A small reader for the XLSX files n8n's Convert to File writes, so the e2e test can check what lands
// on disk without a spreadsheet dependency: an XLSX is a zip of XML parts; the first sheet's cells are
// read with their types (shared, inline and formula strings, numbers, booleans).
import { inflateRawSync } from 'node:zlib';

/** The entries of a zip file: { [name]: Buffer }. */
export function unzip(buffer) {
	const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
	const count = buffer.readUInt16LE(eocd + 10);
	let at = buffer.readUInt32LE(eocd + 16);
	const entries = {};
	for (let i = 0; i < count; i++) {
		if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
		const method = buffer.readUInt16LE(at + 10);
		const compressedSize = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const localHeader = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
		const raw = buffer.subarray(dataStart, dataStart + compressedSize);
		if (method === 0) entries[name] = raw;
		else if (method === 8) entries[name] = inflateRawSync(raw);
		else throw new Error(`zip entry ${name}: unsupported compression method ${method}`);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

const decode = (text) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
		.replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
		.replace(/&amp;/g, '&');

/** Text of every <t> inside an XML fragment (rich text runs joined). */
const textOf = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decode(m[1] ?? '')).join('');

function columnIndex(ref) {
	const letters = /^[A-Z]+/.exec(ref)[0];
	return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/**
 * The sheets of an XLSX file: [{ name, rows: cell[][] }], cells as strings, numbers, booleans or null.
 * @param {Buffer} buffer
 */
export function readXlsx(buffer) {
	const parts = unzip(buffer);
	const xml = (name) => parts[name]?.toString('utf8');
	const shared = [...(xml('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
	const workbook = xml('xl/workbook.xml') ?? '';
	const rels = xml('xl/_rels/workbook.xml.rels') ?? '';
	const targets = Object.fromEntries([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])[1], /Target="([^"]+)"/.exec(m[0])[1]]));
	return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
		const name = decode(/name="([^"]*)"/.exec(m[0])[1]);
		const target = targets[/r:id="([^"]+)"/.exec(m[0])[1]].replace(/^\/?xl\//, '').replace(/^\//, '');
		const sheet = xml(`xl/${target}`) ?? '';
		const rows = [];
		for (const row of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
			const rowIndex = Number(/\br="(\d+)"/.exec(row[0])[1]) - 1;
			const cells = [];
			for (const cell of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
				const attributes = cell[1];
				const body = cell[2] ?? '';
				const type = /\bt="([^"]+)"/.exec(attributes)?.[1] ?? 'n';
				const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
				let parsed = null;
				if (type === 's') parsed = shared[Number(value)];
				else if (type === 'inlineStr') parsed = textOf(body);
				else if (type === 'str' || type === 'e' || type === 'd') parsed = value === undefined ? null : decode(value);
				else if (type === 'b') parsed = value === '1';
				else parsed = value === undefined ? null : Number(value);
				cells[columnIndex(/\br="([A-Z]+\d+)"/.exec(attributes)[1])] = parsed;
			}
			rows[rowIndex] = Array.from(cells, (c) => (c === undefined ? null : c));
		}
		return { name, rows: Array.from(rows, (r) => r ?? []) };
	});
}

/** The first sheet as objects keyed by its header row. */
export function xlsxObjects(buffer) {
	const [sheet] = readXlsx(buffer);
	const [header, ...rows] = sheet.rows;
	return { sheetName: sheet.name, header, rows: rows.map((row) => Object.fromEntries(header.map((key, i) => [key, row[i] ?? null]))) };
}

import { GATEWAY_CODES } from '../../nodes/shared/transport/codes';
import type { ProfileCodeKind } from '../../nodes/shared/profile/types';
import type { FoundCode } from './source';

/*
 * Gateway codes in a document: error-code tables in descriptions ("| 300000 | 查无数据 |",
 * "300000: 查无数据"), and `code` properties whose enum values are described. Each code's text is
 * classified into a profile code kind by keywords; what cannot be classified is only reported.
 */

const TABLE_ROW = /^\s*\|?\s*`?(-?\d{1,9})`?\s*\|\s*([^|]*?)\s*(?:\|\s*([^|]*?)\s*)?(?:\|.*)?$/;
// "300000: 查无数据", "300000：查无数据", "- 300000 查无结果", "* `300000` - 查无数据", "300000 = no data".
const LINE = /^\s*(?:[-*+]\s+)?`?(-?\d{1,9})`?\s*(?:[:：=\-–—]\s*|\s+)(.+?)\s*$/;
// Inside one line of a description: "0: 成功, 300000: 查无数据; 100002：签名错误".
const PAIR = /(?:^|[\s,，;；、(（])`?(-?\d{1,9})`?\s*[:：=]\s*([^,，;；\n|)）]+)/g;

const hasWords = (text: string) => /[A-Za-z\u4E00-\u9FFF]/.test(text);

/** A code the line form accepts: 0, or three digits or more (so that "1. 先签名" is not code 1). */
const plausible = (code: string) => code === '0' || /^-?\d{3,9}$/.test(code);

function clean(text: string): string {
	return text
		.replace(/`/g, '')
		.replace(/\*\*/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Codes in a free text: markdown table rows and "code: text" lines. */
export function codesInText(text: string | undefined, where: string): FoundCode[] {
	if (!text) return [];
	const found: FoundCode[] = [];
	for (const line of text.split(/\r?\n/)) {
		if (/^\s*\|?\s*:?-{3,}/.test(line)) continue;
		const row = line.includes('|') ? TABLE_ROW.exec(line) : null;
		if (row) {
			// | code | text | or | code | name | description |: take the first cell with words.
			const cell = [row[2], row[3]].map((value) => clean(value ?? '')).find(hasWords);
			if (cell && plausible(row[1])) found.push({ code: Number(row[1]), text: cell, where });
			continue;
		}
		const simple = LINE.exec(line);
		if (simple && plausible(simple[1]) && hasWords(simple[2]) && !/^\d/.test(simple[2].trim())) {
			// A line holding several pairs is read as pairs.
			const pairs = codePairs(line, where);
			if (pairs.length > 1) found.push(...pairs);
			else found.push({ code: Number(simple[1]), text: clean(simple[2]), where });
			continue;
		}
		found.push(...codePairs(line, where).filter((pair) => plausible(String(pair.code))));
	}
	return found;
}

/** "code: text" pairs within one text, as a `code` property's description lists them. */
export function codePairs(text: string | undefined, where: string): FoundCode[] {
	if (!text) return [];
	const found: FoundCode[] = [];
	for (const match of text.matchAll(PAIR)) {
		const words = clean(match[2]);
		if (hasWords(words)) found.push({ code: Number(match[1]), text: words, where });
	}
	return found;
}

/**
 * Codes a `code` property's schema describes: its enum with x-enum-descriptions (or
 * x-enumDescriptions, x-enum-varnames), x-apifox-enum, or "code: text" pairs in its description.
 */
export function codesInSchema(schema: Record<string, unknown>, where: string): FoundCode[] {
	const found: FoundCode[] = [];
	const values = Array.isArray(schema.enum) ? schema.enum : [];
	const add = (value: unknown, text: unknown) => {
		const code = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
		if (Number.isSafeInteger(code) && typeof text === 'string' && hasWords(text)) found.push({ code, text: clean(text), where });
	};
	for (const key of ['x-enum-descriptions', 'x-enumDescriptions', 'x-enum-varnames', 'x-enumNames']) {
		const described = schema[key];
		if (Array.isArray(described)) values.forEach((value, index) => add(value, described[index]));
		else if (described && typeof described === 'object') for (const [value, text] of Object.entries(described)) add(value, text);
		if (found.length > 0) break;
	}
	const apifox = schema['x-apifox-enum'];
	if (Array.isArray(apifox)) {
		for (const item of apifox) {
			if (item && typeof item === 'object') {
				const { value, description, name } = item as Record<string, unknown>;
				add(value, typeof description === 'string' && hasWords(description) ? description : name);
			}
		}
	}
	if (typeof schema.description === 'string') {
		const known = new Set(found.map((entry) => entry.code));
		for (const entry of [...codesInText(schema.description, where), ...codePairs(schema.description, where)]) {
			if (!known.has(entry.code)) {
				known.add(entry.code);
				found.push(entry);
			}
		}
	}
	return found;
}

/*
 * Keywords per kind, tried in this order: the more specific first, so that 时间戳过期 is a clock
 * problem, AppKey不存在 an auth problem and 参数不能为空 an input problem before anything else.
 */
const KINDS: ReadonlyArray<[ProfileCodeKind, RegExp]> = [
	['pending', /处理中|查询中|计算中|生成中|采集中|进行中|排队|未完成|\bprocessing\b|\bpending\b|in progress|\bqueued\b/i],
	['clock', /时间戳|过期|时间.*(窗口|偏差|误差)|timestamp|expired|clock/i],
	['auth', /签名|验签|appkey|app key|app_key|密钥|秘钥|未授权|无权|未开通|鉴权|认证失败|白名单|\bip\b.*(限制|不在)|\bauth|unauthori[sz]ed|forbidden|permission|signature|\bsecret\b|not enabled/i],
	['quota', /余额|欠费|额度|充值|套餐|\bbalance\b|quota|insufficient funds|arrears/i],
	['rateLimit', /频繁|限流|并发|qps|超过.*(次数|限制|上限)|调用次数|\brate\b|too many|throttl|concurren/i],
	['input', /参数|格式|必填|不能为空|缺少|不合法|非法|校验失败|不正确|有误|invalid|parameter|\bparam\b|missing|malformed|required/i],
	['noData', /查无|无数据|无结果|无记录|未查得|未查到|查询不到|没有数据|不存在|无匹配|no data|not found|no result|no record|empty result/i],
	['transient', /系统|繁忙|超时|异常|内部|维护|稍后|服务不可用|上游|数据源|internal|unavailable|timeout|timed out|\bbusy\b|server error|upstream|try again/i],
	['success', /成功|^ok$|success|\bsucceeded\b/i],
];

/** The kind a code's text says, if any keyword says one. */
export function classifyCode(text: string): ProfileCodeKind | undefined {
	const normalised = text.replace(/[_-]+/g, ' ');
	return KINDS.find(([, pattern]) => pattern.test(normalised))?.[0];
}

export interface ClassifiedCode {
	code: number;
	text: string;
	where: string;
	kind?: ProfileCodeKind;
	/** True when the package's table already says the same (GATEWAY_CODES): nothing to emit. */
	known: boolean;
}

export function classify(found: FoundCode): ClassifiedCode {
	const kind = classifyCode(found.text);
	return { ...found, kind, known: kind !== undefined && GATEWAY_CODES[found.code]?.kind === kind };
}

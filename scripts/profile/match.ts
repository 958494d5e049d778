import { CATALOG, type Endpoint, type FieldSpec } from '../../nodes/shared/catalog';
import { FIELD_KINDS, type FieldKindId } from '../../nodes/shared/fields';
import { distance, endpointId } from '../../nodes/shared/profile/parse';
import type { NotificationPart } from '../../nodes/shared/profile/types';
import type { DocOperation, DocProperty, Shape } from './source';

/*
 * The builders' judgement: which catalog endpoint a documented operation is (by its Chinese name,
 * then by its path), and which catalog field each request property is (by key, by name with
 * synonyms, by its Chinese description, by what its example value looks like).
 */

// ---------------------------------------------------------------- endpoints

/** A name as compared: NFKC (full-width to half-width), lower case, no spaces or brackets, one kind of dash, no trailing 接口 / 查询. */
export function normaliseName(name: string): string {
	let text = name
		.normalize('NFKC')
		.toLowerCase()
		.replace(/\s+/g, '')
		.replace(/[()[\]{}【】〔〕〈〉<>《》「」『』]/g, '')
		.replace(/[‐‑‒–—―−~～_]/g, '-');
	for (let again = true; again; ) {
		again = false;
		for (const suffix of ['接口', '查询', 'api']) {
			if (text.endsWith(suffix) && text.length > suffix.length + 1) {
				text = text.slice(0, -suffix.length).replace(/-$/, '');
				again = true;
			}
		}
	}
	return text;
}

const BY_NAME = new Map(CATALOG.map((endpoint) => [endpoint.chineseName, endpoint]));
const BY_ID = new Map(CATALOG.map((endpoint) => [endpointId(endpoint), endpoint]));
const BY_NORMALISED = (() => {
	const map = new Map<string, Endpoint | null>();
	for (const endpoint of CATALOG) {
		const key = normaliseName(endpoint.chineseName);
		// Two endpoints that normalise alike are matched by their exact names only.
		map.set(key, map.has(key) ? null : endpoint);
	}
	return map;
})();

export type MatchHow = 'name' | 'path';

export interface Match {
	operation: DocOperation;
	endpoint: Endpoint;
	how: MatchHow;
	/** What matched: 'summary "公安实名二要素核验"', 'path /apis/…', … */
	detail: string;
}

export interface Unmatched {
	operation: DocOperation;
	reason: string;
}

/** The catalog name closest to a name, if close enough to suggest. */
export function closestName(name: string): string | undefined {
	const wanted = normaliseName(name);
	let best: { name: string; score: number } | undefined;
	for (const endpoint of CATALOG) {
		const score = distance(wanted, normaliseName(endpoint.chineseName));
		if (!best || score < best.score) best = { name: endpoint.chineseName, score };
	}
	return best && best.score > 0 && best.score <= Math.max(1, Math.floor([...wanted].length / 4)) ? best.name : undefined;
}

function byName(operation: DocOperation): { endpoint: Endpoint; detail: string } | undefined {
	for (const name of operation.names) {
		const endpoint = BY_NAME.get(name.text) ?? BY_ID.get(name.text);
		if (endpoint) return { endpoint, detail: `${name.from} "${name.text}"` };
	}
	for (const name of operation.names) {
		const endpoint = BY_NORMALISED.get(normaliseName(name.text));
		if (endpoint) return { endpoint, detail: `${name.from} "${name.text}", normalised` };
	}
	// A folder or tag written before the name: "【GA】公安实名二要素核验", "GA/公安实名二要素核验".
	for (const name of operation.names) {
		const bare = name.text.replace(/^\s*[[【(（][^\]】)）]*[\]】)）]\s*/, '').replace(/^.*[/／]\s*/, '');
		const endpoint = bare !== name.text ? (BY_NAME.get(bare) ?? BY_NORMALISED.get(normaliseName(bare))) : undefined;
		if (endpoint) return { endpoint, detail: `${name.from} "${name.text}", without its prefix` };
	}
	return undefined;
}

const alphanumeric = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const pathKey = (path: string) => path.toLowerCase().replace(/\/+$/, '');

function byPath(operation: DocOperation, taken: Set<Endpoint>): { endpoint?: Endpoint; detail: string } {
	const path = pathKey(operation.path);
	if (!path) return { detail: 'it has no path' };
	const callable = CATALOG.filter((endpoint) => endpoint.output.kind !== 'notification');
	const free = (found: Endpoint[], how: string): { endpoint?: Endpoint; detail: string } => {
		const left = found.filter((endpoint) => !taken.has(endpoint));
		if (left.length === 1) return { endpoint: left[0], detail: how };
		if (left.length > 1) return { detail: `its ${how} could be ${left.map(endpointId).join(' or ')}` };
		return { detail: `its ${how} is ${found.map(endpointId).join(' or ')}, already described by another operation` };
	};
	const exact = callable.filter((endpoint) => pathKey(endpoint.path) === path);
	if (exact.length > 0) return free(exact, `path ${operation.path}`);
	const segments = path.split('/').filter(Boolean);
	const last = alphanumeric(segments[segments.length - 1] ?? '');
	let candidates = callable.filter((endpoint) => alphanumeric(endpoint.operation) === last);
	if (candidates.length > 1) {
		const inCategory = candidates.filter((endpoint) => segments.includes(endpoint.category.toLowerCase()));
		if (inCategory.length > 0) candidates = inCategory;
	}
	if (candidates.length > 0) return free(candidates, `last path segment "${segments[segments.length - 1]}"`);
	return { detail: '' };
}

/** Matches every operation to at most one endpoint, and every endpoint to at most one operation: names first, then paths. */
export function matchOperations(operations: DocOperation[]): { matches: Match[]; unmatched: Unmatched[] } {
	const matches: Match[] = [];
	const unmatched: Unmatched[] = [];
	const taken = new Map<Endpoint, DocOperation>();
	const left: DocOperation[] = [];
	for (const operation of operations) {
		const found = byName(operation);
		if (found && taken.has(found.endpoint)) {
			unmatched.push({ operation, reason: `${found.detail} is ${endpointId(found.endpoint)} again, already described by ${(taken.get(found.endpoint) as DocOperation).label}` });
		} else if (found) {
			taken.set(found.endpoint, operation);
			matches.push({ operation, endpoint: found.endpoint, how: 'name', detail: found.detail });
		} else left.push(operation);
	}
	for (const operation of left) {
		const found = byPath(operation, new Set(taken.keys()));
		if (found.endpoint) {
			taken.set(found.endpoint, operation);
			matches.push({ operation, endpoint: found.endpoint, how: 'path', detail: found.detail });
			continue;
		}
		const names = operation.names.map((name) => `"${name.text}"`).join(', ') || '(no name)';
		const suggestion = operation.names.map((name) => closestName(name.text)).find(Boolean);
		unmatched.push({
			operation,
			reason: `no catalog endpoint is named ${names}${found.detail ? `; ${found.detail}` : ` or has the path ${operation.path || '(none)'}`}${suggestion ? ` (closest name: ${suggestion})` : ''}`,
		});
	}
	return { matches, unmatched };
}

// ---------------------------------------------------------------- fields

/** A key as compared: lower case, without _, -, spaces and dots. */
export const normaliseKey = (key: string) => key.normalize('NFKC').toLowerCase().replace(/[_\-\s.]/g, '');

interface Target {
	kind?: FieldKindId;
	key?: RegExp;
}

interface Synonym {
	/** What it is, for the report. */
	label: string;
	/** Property names, normalised (normaliseKey). */
	words: string[];
	/** Words in a property's title or description (Chinese, and English phrases). */
	hints: string[];
	/** The fields it may be, best first. */
	targets: Target[];
}

// Each word is in one synonym only. More specific synonyms (legal person, partner) before general ones.
const SYNONYMS: Synonym[] = [
	{
		label: 'legal representative name',
		words: ['legalname', 'legalperson', 'legalpersonname', 'legalrepname', 'frname', 'frxm', 'fddbr', 'legalrepresentative', 'corporatename', '法人', '法人姓名', '法定代表人'],
		hints: ['法定代表人姓名', '法人姓名', '法定代表人', '法人代表', 'legal representative'],
		targets: [{ kind: 'chineseName', key: /legal/i }, { kind: 'chineseName' }],
	},
	{
		label: 'legal representative ID number',
		words: ['legalidcard', 'legalidno', 'legalcertno', 'legalpersonidcard', 'legalpersonidno', 'legalpersoncertno', 'fridcard', 'frsfzh', '法人身份证', '法人身份证号'],
		hints: ['法人身份证', '法定代表人身份证'],
		targets: [{ kind: 'idNumber', key: /legal/i }, { kind: 'idNumber' }],
	},
	{
		label: 'partner name',
		words: ['partnername', 'spousename', 'matename', 'name2', 'secondname', 'othername', 'womanname', 'wifename', 'husbandname', '配偶姓名', '对方姓名'],
		hints: ['配偶姓名', '对方姓名', '女方姓名', '另一方姓名', "partner's name", 'spouse name'],
		targets: [{ kind: 'chineseName', key: /partner/i }],
	},
	{
		label: 'partner ID number',
		words: ['partneridcard', 'partneridno', 'partnercertno', 'spouseidcard', 'spouseidno', 'mateidcard', 'idcard2', 'idno2', 'certno2', 'secondidcard', 'otheridcard', 'womanidcard', 'wifeidcard', 'husbandidcard', '配偶身份证', '配偶身份证号'],
		hints: ['配偶身份证', '对方身份证', '女方身份证', '另一方身份证'],
		targets: [{ kind: 'idNumber', key: /partner/i }],
	},
	{
		label: 'person name',
		words: ['realname', 'username', 'truename', 'fullname', 'personname', 'custname', 'customername', 'holdername', 'ownername', 'xm', 'userrealname', '姓名', '真实姓名', '名字', '用户姓名'],
		hints: ['姓名', '名字', '人名', 'real name', 'full name', "person's name"],
		targets: [{ kind: 'chineseName' }],
	},
	{ label: 'name', words: ['name'], hints: [], targets: [{ kind: 'chineseName' }, { kind: 'companyKeyword' }, { key: /name/i }] },
	{
		label: 'ID number',
		words: ['idcard', 'idno', 'idnum', 'idnumber', 'idcardno', 'idcardnum', 'idcardnumber', 'certno', 'certnum', 'certid', 'certcode', 'certnumber', 'identityno', 'identitycard', 'identitynumber', 'identityid', 'cardid', 'personid', 'sfz', 'sfzh', 'sfzhm', 'zjhm', '身份证', '身份证号', '身份证号码', '证件号', '证件号码'],
		hints: ['身份证', '证件号', 'id card', 'id number', 'identity card', 'identity number', 'resident id'],
		targets: [{ kind: 'idNumber' }],
	},
	{
		label: 'mobile number',
		words: ['mobile', 'phone', 'mobileno', 'mobilenum', 'mobilephone', 'mobilenumber', 'phoneno', 'phonenum', 'phonenumber', 'tel', 'telno', 'telephone', 'cellphone', 'cell', 'msisdn', 'sjh', 'sjhm', '手机', '手机号', '手机号码', '电话', '电话号码'],
		hints: ['手机', '电话', 'mobile', 'phone number', 'cell phone'],
		targets: [{ kind: 'mobile' }],
	},
	{
		label: 'credit code',
		words: ['creditcode', 'uscc', 'usci', 'creditno', 'socialcreditcode', 'unifiedsocialcreditcode', 'unifiedcode', 'unicode', 'tyshxydm', 'taxno', 'taxpayerid', 'taxpayerno', 'taxnumber', 'taxid', 'nsrsbh', 'regno', '统一社会信用代码', '信用代码', '税号', '纳税人识别号'],
		hints: ['统一社会信用代码', '信用代码', '纳税人识别号', '税号', 'credit code', 'uscc', 'taxpayer id'],
		targets: [{ kind: 'creditCode' }, { kind: 'companyKeyword' }],
	},
	{
		label: 'image',
		words: ['image', 'img', 'imagebase64', 'imgbase64', 'base64', 'base64image', 'imagedata', 'imagestr', 'imgstr', 'imagecontent', 'imgdata', 'pic', 'picture', 'photo', 'photobase64', 'file', 'filebase64', 'faceimage', 'faceimg', 'face', 'facephoto', 'facebase64', 'portrait', '图片', '照片', '图像', '人像'],
		hints: ['图片', '照片', '图像', '人像', '人脸', 'base64', 'image', 'photo', 'picture'],
		targets: [{ kind: 'image' }, { kind: 'faceImage' }],
	},
	{
		label: 'bank card number',
		words: ['bankcard', 'bankcardno', 'bankcardnum', 'cardno', 'cardnum', 'cardnumber', 'bankno', 'bankaccount', 'accountno', 'acctno', 'accno', 'yhkh', '银行卡', '银行卡号', '卡号'],
		hints: ['银行卡', '卡号', 'bank card', 'card number'],
		targets: [{ kind: 'bankCard' }],
	},
	{
		label: 'licence plate',
		words: ['plate', 'plateno', 'platenum', 'platenumber', 'carno', 'carnum', 'carnumber', 'licenseplate', 'licenceplate', 'licenseno', 'vehicleno', 'vehiclenumber', 'hphm', 'cph', '车牌', '车牌号', '车牌号码'],
		hints: ['车牌', '号牌', 'licence plate', 'license plate', 'plate number'],
		targets: [{ kind: 'plate' }],
	},
	{
		label: 'VIN',
		words: ['vin', 'vinno', 'vincode', 'vinnumber', 'frameno', 'framenum', 'chassisno', 'clsbdh', 'cjh', '车架号', '车辆识别代号'],
		hints: ['车架号', '车辆识别代号', '车辆识别码', 'vin'],
		targets: [{ kind: 'vin' }],
	},
	{
		label: 'company',
		words: ['keyword', 'keywords', 'kw', 'companyname', 'company', 'entname', 'enterprisename', 'enterprise', 'corpname', 'comname', 'orgname', 'qymc', 'searchkey', 'word', 'key', 'searchword', 'q', 'query', 'companykeyword', '企业名称', '公司名称', '企业名', '关键词', '关键字'],
		hints: ['企业名称', '公司名称', '企业全称', '企业名', '关键词', '关键字', '搜索词', 'company name', 'keyword'],
		targets: [{ kind: 'companyKeyword' }, { key: /keyword|company_?name/i }],
	},
	{
		label: 'start date',
		words: ['startdate', 'begindate', 'starttime', 'begintime', 'datefrom', 'fromdate', 'start', 'begin', 'kprqq', '开始日期', '开始时间', '起始日期'],
		hints: ['开始', '起始', 'start date', 'from date'],
		targets: [{ kind: 'date', key: /start|begin|from/i }],
	},
	{
		label: 'end date',
		words: ['enddate', 'endtime', 'dateto', 'todate', 'end', 'kprqz', '结束日期', '结束时间', '截止日期'],
		hints: ['结束', '截止', 'end date', 'to date'],
		targets: [{ kind: 'date', key: /end|to/i }],
	},
	{
		label: 'order ID',
		words: ['orderid', 'orderno', 'ordernum', 'ordernumber', 'ordersn', 'ordercode', 'order', '订单号', '订单编号'],
		hints: ['订单', 'order id', 'order number'],
		targets: [{ key: /order/i }],
	},
	{
		label: 'task ID',
		words: ['taskid', 'taskno', 'tasknum', 'tasknumber', 'jobid', 'queryid', 'querytaskid', 'ticket', '任务id', '任务编号'],
		hints: ['任务', 'task id'],
		targets: [{ key: /task/i }],
	},
	{
		label: 'authorization code',
		words: ['authcode', 'authorizationcode', 'authno', 'authorization', 'authorizeno', 'authorizecode', 'authid', 'sqm', 'sqsbh', '授权码', '授权书编号'],
		hints: ['授权码', '授权书', '授权', 'authorization'],
		targets: [{ key: /auth/i }],
	},
	{
		label: 'callback URL',
		words: ['callbackurl', 'callback', 'notifyurl', 'notifyaddress', 'notificationurl', 'webhook', 'webhookurl', 'backurl', '回调地址'],
		hints: ['回调', '通知地址', 'callback', 'webhook'],
		targets: [{ key: /callback/i }],
	},
	{
		label: 'property certificate number',
		words: ['certificateno', 'certificatenumber', 'propertycertno', 'realestatecertno', 'bdcqzh', 'cqzh', '不动产权证号', '产权证号'],
		hints: ['不动产权证', '产权证', '权证号', 'property certificate'],
		targets: [{ key: /cert_no|certificate/i }],
	},
];

const article = (label: string) => `${/^[aeiouAEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

const WORDS = new Map(SYNONYMS.flatMap((synonym) => synonym.words.map((word) => [word, synonym] as const)));

const PAGE_WORDS = new Set(['page', 'pageno', 'pagenum', 'pagenumber', 'pageindex', 'current', 'currentpage', 'curpage', 'pn', 'pageidx', '页码']);
const PAGE_SIZE_WORDS = new Set(['pagesize', 'size', 'limit', 'rows', 'perpage', 'pagelimit', 'ps', 'pagerows', 'num', '每页条数']);
const ITEMS_WORDS = ['items', 'list', 'records', 'rows', 'result', 'results', 'data', 'datas', 'datalist', 'content', 'items'];
const TOTAL_WORDS = new Set(['total', 'totalcount', 'count', 'totalnum', 'totalsize', 'totalrecords', 'totalrecord', 'totalrow', 'totalrows', 'totalelements', 'recordcount', 'totalitems']);
const TASK_ID_WORDS = ['taskid', 'taskno', 'tasknum', 'jobid', 'queryid', 'orderid', 'orderno', 'requestid', 'serialno', 'ticket', 'id'];
const STATUS_WORDS = ['status', 'state', 'taskstatus', 'querystatus', 'taskstate', 'resultstatus'];

export type FieldHow = 'exact' | 'name' | 'description' | 'value';

export interface FieldMatch {
	property: DocProperty;
	field: FieldSpec;
	how: FieldHow;
	/** Higher is surer; see candidates(). */
	score: number;
	guessed: boolean;
	/** Why, for the report: 'synonym of ID number', 'example 110101199003074477 is a valid idNumber', … */
	why: string;
}

export interface FieldMapping {
	mapped: FieldMatch[];
	/** Every candidate considered, best first. */
	candidates: FieldMatch[];
	/** Candidates not applied because the field went to a better property: reported as guesses. */
	alternatives: FieldMatch[];
	/** A list endpoint's paging properties. */
	pageKey?: DocProperty;
	pageSizeKey?: DocProperty;
	/** Properties matching no field. */
	rest: DocProperty[];
}

const fits = (field: FieldSpec, target: Target) =>
	(target.kind === undefined || field.kind === target.kind) &&
	(target.key === undefined || target.key.test(field.key) || target.key.test(field.parameter ?? ''));

/** The fields a synonym points to, each with how far down its targets it was found. */
function fieldsFor(synonym: Synonym, fields: FieldSpec[]): Array<{ field: FieldSpec; rank: number }> {
	const found: Array<{ field: FieldSpec; rank: number }> = [];
	synonym.targets.forEach((target, rank) => {
		for (const field of fields) if (fits(field, target) && !found.some((known) => known.field === field)) found.push({ field, rank: rank + found.length });
	});
	return found;
}

const STRONG_KINDS: FieldKindId[] = ['idNumber', 'creditCode', 'mobile', 'plate', 'vin', 'bankCard'];

function validAs(kind: FieldKindId, value: unknown): boolean {
	const kindDef = FIELD_KINDS[kind];
	const result = kindDef.schema.safeParse(value);
	if (!result.success) return false;
	// A bank card is only recognised by a value passing the Luhn check (an ID number has 18 digits too).
	return kind !== 'bankCard' || kindDef.warn?.(value) === undefined;
}

const IMAGE_VALUE = /^(data:image\/[a-z+]+;base64,|[A-Za-z0-9+/]{200,}={0,2}$|https?:\/\/\S+\.(jpe?g|png|bmp|gif|webp)$)/i;

/** The kinds an example value is, strong (a check character or a strict format) or weak (a plausible look). */
export function kindsOfValue(value: unknown): Array<{ kind: FieldKindId; strong: boolean }> {
	if (value === undefined || value === null || value === '' || typeof value === 'object' || typeof value === 'boolean') return [];
	const text = String(value).trim();
	if (text === '') return [];
	const kinds: Array<{ kind: FieldKindId; strong: boolean }> = [];
	for (const kind of STRONG_KINDS) if (validAs(kind, text)) kinds.push({ kind, strong: true });
	// An ID number's digits also pass as a bank card's: the ID number wins.
	if (kinds.some((found) => found.kind === 'idNumber')) return kinds.filter((found) => found.kind !== 'bankCard');
	if (kinds.length > 0) return kinds;
	if (IMAGE_VALUE.test(text)) return [{ kind: 'image', strong: false }, { kind: 'faceImage', strong: false }];
	if (/^[\u4E00-\u9FFF]{2,4}$|^[\u4E00-\u9FFF]+·[\u4E00-\u9FFF]+$/.test(text) && validAs('chineseName', text)) kinds.push({ kind: 'chineseName', strong: false });
	if (/(公司|集团|企业|厂|合作社|事务所|中心|银行|研究院)$/.test(text) && validAs('companyKeyword', text)) kinds.push({ kind: 'companyKeyword', strong: false });
	if (/^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$|^(19|20)\d{6}$/.test(text) && validAs('date', text)) kinds.push({ kind: 'date', strong: false });
	return kinds;
}

/** Whether a description says a hint: Chinese anywhere in it, English as whole words ("vin" is not in "province"). */
function says(description: string, hint: string): boolean {
	if (/[\u4E00-\u9FFF]/.test(hint)) return description.includes(hint);
	return new RegExp(`(^|[^a-z0-9])${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`, 'i').test(description);
}

/** The most specific hint a description gives (法人姓名 rather than 姓名). */
function hintIn(description: string): { synonym: Synonym; hint: string } | undefined {
	let best: { synonym: Synonym; hint: string } | undefined;
	for (const synonym of SYNONYMS) {
		for (const hint of synonym.hints) {
			if (says(description, hint) && (!best || hint.length > best.hint.length)) best = { synonym, hint };
		}
	}
	return best;
}

/** Known words too general to count when they are only part of a longer name (fileName, orderType). */
const NOT_PARTIAL = new Set(['file', 'face', 'cell', 'order', 'start', 'begin', 'query', 'word', 'company', 'enterprise', 'picture', 'portrait']);

/** Every way a property could be a field, with a score: exact 100/95, same key 90, synonym 80, description 70, strong value 60, partial name 50, weak value 40. */
function candidates(property: DocProperty, fields: FieldSpec[]): FieldMatch[] {
	const found: FieldMatch[] = [];
	const add = (field: FieldSpec, how: FieldHow, score: number, why: string, guessed = false) => found.push({ property, field, how, score, guessed, why });
	const key = normaliseKey(property.name);
	for (const field of fields) {
		if (property.name === field.key) add(field, 'exact', 100, 'the catalog key');
		else if (property.name === field.parameter) add(field, 'exact', 95, "the node's parameter name");
		else if (key === normaliseKey(field.key) || key === normaliseKey(field.parameter ?? '')) add(field, 'name', 90, 'the same key written differently');
	}
	const synonym = WORDS.get(key);
	if (synonym) for (const { field, rank } of fieldsFor(synonym, fields)) add(field, 'name', 80 - 5 * rank, `a usual name for ${article(synonym.label)}`);
	else {
		// A longer name ending in or containing a known word: custIdCard, applicantMobile.
		const partial = [...WORDS.entries()].filter(([word]) => word.length >= 4 && /^[a-z]/.test(word) && !NOT_PARTIAL.has(word) && key.includes(word)).sort((a, b) => b[0].length - a[0].length)[0];
		if (partial) for (const { field, rank } of fieldsFor(partial[1], fields)) add(field, 'name', 50 - 5 * rank, `its name contains "${partial[0]}" (${partial[1].label})`, true);
	}
	const hint = property.description ? hintIn(property.description) : undefined;
	if (hint) for (const { field, rank } of fieldsFor(hint.synonym, fields)) add(field, 'description', 70 - 5 * rank, `its description says "${hint.hint}"`);
	for (const value of property.examples) {
		for (const { kind, strong } of kindsOfValue(value)) {
			for (const field of fields) {
				if (field.kind === kind) add(field, 'value', strong ? 60 : 40, `its example ${JSON.stringify(String(value).length > 40 ? `${String(value).slice(0, 37)}…` : value)} looks like ${article(kind)}`, !strong);
			}
		}
	}
	// One candidate per field: the best reason.
	const best = new Map<FieldSpec, FieldMatch>();
	for (const match of found) {
		const known = best.get(match.field);
		if (!known || match.score > known.score) best.set(match.field, match);
		else if (known && match.how !== known.how && !known.guessed) known.score += 2; // two reasons agree
	}
	return [...best.values()];
}

const paging = (property: DocProperty, words: Set<string>) => words.has(normaliseKey(property.name));

/** Maps an operation's request properties to an endpoint's fields: best candidates first, one property per field. */
export function mapFields(endpoint: Endpoint, operation: DocOperation): FieldMapping {
	let properties = [...operation.properties];
	const mapping: FieldMapping = { mapped: [], candidates: [], alternatives: [], rest: [] };
	const fieldKeys = new Set(endpoint.fields.flatMap((field) => [field.key, field.parameter ?? field.key]));
	if (endpoint.output.kind === 'list') {
		mapping.pageKey = properties.find((property) => !fieldKeys.has(property.name) && paging(property, PAGE_WORDS));
		mapping.pageSizeKey = properties.find((property) => !fieldKeys.has(property.name) && paging(property, PAGE_SIZE_WORDS));
		properties = properties.filter((property) => property !== mapping.pageKey && property !== mapping.pageSizeKey);
	}
	// A required field is the likelier meaning of a property than an optional one, unless the key is exactly the optional field's.
	const all = properties
		.flatMap((property) => candidates(property, endpoint.fields))
		.map((match) => (match.field.required === false && match.how !== 'exact' ? { ...match, score: match.score - 15 } : match))
		.sort((a, b) => b.score - a.score);
	mapping.candidates = all;
	const doneProperties = new Set<DocProperty>();
	const doneFields = new Set<FieldSpec>();
	for (const match of all) {
		if (doneProperties.has(match.property) || doneFields.has(match.field)) continue;
		// A tie for the same field or the same property at the same score: the pick is a guess.
		const rivals = all.filter(
			(other) =>
				other !== match &&
				other.score === match.score &&
				((other.field === match.field && !doneProperties.has(other.property)) || (other.property === match.property && !doneFields.has(other.field))),
		);
		doneProperties.add(match.property);
		doneFields.add(match.field);
		mapping.mapped.push(rivals.length > 0 ? { ...match, guessed: true, why: `${match.why}; as likely: ${rivals.map((other) => (other.field === match.field ? other.property.name : other.field.key)).join(', ')}` } : match);
	}
	// A property nearly as likely to be a field left without one: the pick is a guess.
	mapping.mapped = mapping.mapped.map((match) => {
		const close = all.filter((other) => other.property === match.property && !doneFields.has(other.field) && match.score - other.score <= 10);
		return close.length === 0 ? match : { ...match, guessed: true, why: `${match.why}; could also be ${close.map((other) => other.field.key).join(', ')}` };
	});
	mapping.alternatives = all.filter((match) => !doneProperties.has(match.property));
	// Only the best alternative per property.
	mapping.alternatives = mapping.alternatives.filter((match, index, list) => list.findIndex((other) => other.property === match.property) === index);
	mapping.rest = properties.filter((property) => !doneProperties.has(property));
	return mapping;
}

// ---------------------------------------------------------------- answers

/** The `data` object of an answer in the gateway's envelope, if the document shows one. */
function dataOf(response: Shape | undefined): Shape | undefined {
	return response?.type === 'object' ? response.properties.get('data') : undefined;
}

export interface ListFindings {
	itemsKey?: string;
	totalKey?: string;
	notes: string[];
}

/** Where a list endpoint's answer keeps its records and its total. */
export function listKeysOf(response: Shape | undefined): ListFindings {
	const data = dataOf(response);
	if (!data) return { notes: response ? ['its answer shows no "data" object, so the list keys stay as assumed'] : [] };
	if (data.type === 'array') return { notes: ['its answer\'s "data" is the list itself; the node expects "data" to hold the list under a key, so check this endpoint'] };
	if (data.type !== 'object') return { notes: [] };
	const arrays = [...data.properties].filter(([, shape]) => shape.type === 'array').map(([key]) => key);
	const findings: ListFindings = { notes: [] };
	if (arrays.length === 1) findings.itemsKey = arrays[0];
	else if (arrays.length > 1) {
		findings.itemsKey = ITEMS_WORDS.map((word) => arrays.find((key) => normaliseKey(key) === word)).find(Boolean) ?? arrays[0];
		findings.notes.push(`its "data" has several lists (${arrays.join(', ')}); "${findings.itemsKey}" was taken as the records`);
	}
	findings.totalKey = [...data.properties].find(([key, shape]) => shape.type === 'value' && TOTAL_WORDS.has(normaliseKey(key)))?.[0];
	return findings;
}

/** The key a task endpoint's answer gives its task ID under. */
export function taskIdKeyOf(response: Shape | undefined): string | undefined {
	const data = dataOf(response);
	if (data?.type !== 'object') return undefined;
	const keys = [...data.properties].filter(([, shape]) => shape.type === 'value').map(([key]) => key);
	return TASK_ID_WORDS.map((word) => keys.find((key) => normaliseKey(key) === word)).find(Boolean);
}

/** The key a task's result gives its status under. */
export function statusKeyOf(response: Shape | undefined): string | undefined {
	const data = dataOf(response);
	if (data?.type !== 'object') return undefined;
	const keys = [...data.properties].filter(([, shape]) => shape.type === 'value').map(([key]) => key);
	return STATUS_WORDS.map((word) => keys.find((key) => normaliseKey(key) === word)).find(Boolean);
}

const NOTIFICATION_WORDS: Record<NotificationPart, string[]> = {
	event: ['event', 'eventtype', 'type', 'notifytype', 'notificationtype', 'msgtype', 'messagetype', 'action', '事件', '事件类型'],
	id: ['requestid', 'id', 'notifyid', 'notificationid', 'messageid', 'msgid', 'eventid', 'notifyno', 'serialno'],
	orderId: ['orderid', 'orderno', 'ordernum', 'ordersn', 'ordercode', '订单号'],
	data: ['data', 'result', 'payload', 'body', 'content', 'detail'],
};

/** The notification's parts in a documented notification body. */
export function notificationKeysOf(properties: DocProperty[]): Partial<Record<NotificationPart, string>> {
	const found: Partial<Record<NotificationPart, string>> = {};
	const used = new Set<string>();
	for (const [part, words] of Object.entries(NOTIFICATION_WORDS) as Array<[NotificationPart, string[]]>) {
		const property = words.map((word) => properties.find((candidate) => !used.has(candidate.name) && normaliseKey(candidate.name) === word)).find(Boolean);
		if (property) {
			found[part] = property.name;
			used.add(property.name);
		}
	}
	return found;
}

import type { INodeParameters } from 'n8n-workflow';

/*
 * What every catalog operation must send and what its node must output, written down as data: one row
 * per operation, 108 rows (every endpoint of the 11 catalog nodes; CBT Trigger's 异步通知 is a request
 * the gateway sends to us, not a call). operations.test.ts runs each row's node through n8n-core against
 * the sandbox over HTTP and compares the sandbox ledger (method, path, sorted body or query keys) and the
 * output items with the row. Nothing here is computed from the catalog, the gateway profile code or the
 * sandbox's fixtures, so a wrong key, path or output mapping in any of them fails its row instead of
 * agreeing with itself. (test/snapshots/contract.default.json, by contrast, is whatever the code sent.)
 *
 * HOW IT WAS MADE. A one-off script (not kept) ran every operation with the inputs below against the
 * sandbox and printed the ledger entry and the first output item of each; that print-out is the first
 * draft. Every row was then read against sources that are not the code under test:
 * - Paths. Invoice OCR's is documented (/work/shared/seed: 发票OCR, POST /apis/tt/gw/ocr/v1/invoice).
 *   All others are the chosen pattern of /work/shared/gateway-notes.md, /apis/tt/gw/<category>/v1/<operation>
 *   in lower case (RPA_TAX → rpa_tax). One exception, deliberate and in the README's OCR table: Business
 *   License is /apis/tt/gw/ocr/v1/license. Unnamed Endpoint (未命名接口) is the one GET, as on the
 *   gateway's page; 拾点 and every other endpoint are POST.
 * - Keys. The "Body keys assumed" comment of each catalog entry and the README: name, id_card, mobile,
 *   auth_code, partner_name, partner_id_card, image (GA, OPT, EDU, tv1); plate_no, vin (CAR); credit_code
 *   (TAX); keyword, companyName, creditCode, legalPersonName, legalPersonIdNumber, name, idNumber (ENT,
 *   README "Lists and paging"); name, idcard, cert_no, task_id (IMP, README table); credit_code,
 *   company_name, callback_url, order_id, start_date, end_date (RPA_TAX); image (OCR, documented for the
 *   invoice), side for ID Card OCR when a side is chosen; page and page_size on every list call (README,
 *   paging convention); Extra Body Fields as the query of the GET. An optional input left empty is not
 *   sent (the variants).
 * - Output. The Invoice row is the seed page's documented answer, mapped by hand: payee* is the seller,
 *   payer* the buyer, clerk the issuer, checker the reviewer, antiFakeCode the check code, invoiceSecret
 *   the cipher text, amounts as numbers, 2018年07月20日 as 2018-07-20, "" as null, 16% as 0.16; the page
 *   names no invoice type (so invoiceType is null) and fileName is the input file's name. The raw rows
 *   are the gateway's data as the sandbox answers it (the invoice's is the page's, verbatim).
 *   Verdicts follow the README's tables (result 1 match / 2 mismatch; portrait 1 match, 3 and 4 mismatch;
 *   couple 1 / 0; education: any level is a match). Values that repeat an input were checked against that
 *   input (marked "echo"): company names and credit codes, plate, VIN, masked ID numbers, birth date and
 *   sex read from an ID number, order and task IDs, Extra Body Fields. All other values are the sandbox's
 *   invented answer for these inputs: they are pinned so that a mapping that moves, renames or drops a
 *   field fails, not because anyone knows them to be the gateway's.
 * Found while reading (the sandbox's inventions, pinned as they are, not fixed here): ENT Investments and
 * Positions answers a masked ID number that is not the one sent; CBT Tax Report names the company of
 * 91350100M000100Y43 福建远航供应链管理有限公司 where CBT Enterprise says 福建示例科技有限公司; RPA_TAX
 * data puts a Fujian credit code at a Shenzhen tax office. ENT keys are camelCase where every other node's
 * are snake_case; the README states both, so the rows follow it.
 *
 * Inputs are the sample values of test/support/operationCases.ts (SAMPLES), written out: 张三 /
 * 11010519491231002X / 13800138000 for a person, 王五 / 110101199003074477 as the second person, the
 * sample companies of the sandbox (福建示例科技有限公司 = 91350100M000100Y43, active; 杭州旧港贸易有限公司,
 * deregistered), and for lists that are empty for the active company a company whose list is not empty.
 * Where a sample makes no sense the value is chosen: search terms 示例 / Example, a callback URL
 * (https://hooks.example.com/cbt: not local, so the sandbox does not call it), Extra Body Fields {"ref": "ref-0"}.
 * Prerequisite orders and tasks (PREREQUISITES) are made by the nodes themselves before the rows run.
 *
 * Checked by mutation (issue #17): a body key, an optional key, a path, the GET method, a path pattern,
 * the invoice's seller mapping, a verdict table, the list records key and the poll's task ID key, each
 * broken in turn, fail their rows.
 *
 * Changing a row is changing the contract: there is no update mode. Edit the row by hand, say why in the
 * commit, and keep README's tables in step.
 */

/** A value the output must have: JSON compared exactly, or a pattern for a value that changes every run. */
export type Expected = string | number | boolean | null | RegExp | readonly unknown[] | { readonly [key: string]: unknown };

export interface WireCall {
	method: 'GET' | 'POST';
	path: string;
	/** The sorted top-level keys of the JSON body (POST) or the query parameter names (GET). */
	keys: readonly string[];
}

export interface OperationExpectation {
	/** The node type without the package prefix. */
	node: string;
	resource?: string;
	operation: string;
	/** The node's parameters for the one input item. A value named in PREREQUISITES is replaced by that ID. */
	parameters: INodeParameters;
	/** A PNG given to the node in the item's binary field `photo`. */
	image?: 'face' | 'document';
	/** The one call the node makes. */
	request: WireCall;
	/** Whether the gateway billed it; default true. */
	billed?: false;
	output: {
		/** Output items for the one input item (a list: one per record, at most one page of 50). */
		items: number;
		/** The exact field names of every output item. */
		fields: readonly string[];
		/** Values of the first output item. */
		values: Readonly<Record<string, Expected>>;
	};
	/** OCR only: the item with Output Format Raw, which is the gateway's data unchanged. */
	raw?: Readonly<Record<string, Expected>>;
	/** The same operation with some parameters changed, and the calls it then makes. */
	variants?: ReadonlyArray<{ why: string; parameters: INodeParameters; calls: readonly WireCall[] }>;
}

/** 12 × 12 px, the face photo of the portrait checks (test/support/images.ts makePng(12, 12, 40)). */
export const FACE_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAwAAAAMCAIAAADZF8uwAAABO0lEQVR4nGO4cf/Z2y+/mTgFxOVUdYytHD38w2JTsosqG9r7ps5Z' +
	'vGrjjv3HzjLcfvTyw/d/rDzCUooa+ma2Lt5BkQnpeaU1zV0TZ8xftnbL7kMnLzDce/rm8y9GDn4xWRVtI0sHd7/QmOSswor6tt4p' +
	'sxet3LB939Ezlxkevnj/7S8Lt5CkgrqeqY2zV2BEfFpuSXVT54Tp85au2bzr4Inz1xievP70k4GdT1RGWcvQwt7NNyQ6KbOgvK61' +
	'Z/KshSvWb9t75PSlmwzP3339w8wlKCGvpmti7eQZEB6XmlNc1djRP23uktWbdh44fu7qHYZXH3/8Z+MVkVbSNDC3c/UJjkrMyC+r' +
	'bemeNHPB8nVb9xw+dfHGfQaC/r9y+xEDQf9fv/eUgaD/bz18wUDQ/3efvGYg6P8Hz98BAA9e1BHszFpTAAAAAElFTkSuQmCC';

/**
 * 16 × 16 px, the "scan" of the OCR rows (makePng(16, 16, 7)). The sandbox answers an image under 32 px
 * with the first sample of each OCR operation; for the invoice that is the seed page's documented answer.
 */
export const DOCUMENT_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABZ0lEQVR4nGO4+eD5u69/mLkEJeTVdE2snTwDwuNSc4qrGjv6p81d' +
	'snrTzgPHz1298/jVxx//2XhFpJUYkNiaBuZ2rj7BUYkZ+WW1Ld2TZi5Yvm7rnsOnLt64/+ztl99MnALicqoMSGwdYytHD/+w2JTs' +
	'osqG9r6pcxav2rhj/7GzV24/evnh+z9WHmEpRQ0GJLa+ma2Ld1BkQnpeaU1z18QZ85et3bL70MkL1+89ffP5FyMHv5isijYDEtvI' +
	'0sHdLzQmOauwor6td8rsRSs3bN939MzlWw9fvP/2l4VbSFJBXY8BiW1q4+wVGBGflltS3dQ5Yfq8pWs27zp44vy1u09ef/rJwM4n' +
	'KqOsZciAxLawd/MNiU7KLCiva+2ZPGvhivXb9h45fQk1HBlIClNNA3MGksJUx9iKgaQw1TezZSApTI0sHRhIClNTG2cGksLUwt6N' +
	'gaQwtXbyZCApTO1cfRhIClNHD38A9RVfEJRWqSIAAAAASUVORK5CYII=';

/**
 * The data of the example answer on the gateway's Invoice OCR page (the seed page, 返回响应 › 示例),
 * copied as it is printed there: the one answer in this package that is documented.
 */
export const SEED_PAGE_INVOICE = {
	antiFakeCode: '',
	payerBankName: '中国工商行金有限公司正表宝行6682528591778654000',
	invoiceAmount: '174000.00',
	remark: '',
	checker: '',
	invoiceDate: '2018年07月20日',
	invoiceCode: '5106532891',
	invoiceSecret: '88++>0402/8*98-1>20>15*3/95',
	payeeRegisterNo: '',
	clerk: '曹玉',
	payee: '',
	withoutTaxAmount: '150000.00',
	payeeAddress: '都市青学区苏北路16号 009-87317576',
	payeeName: '成都送达套品有限公司',
	itemName: [
		{ tax_amount: '-846', unit: '', amount: '', quantity: '', rate: '394*0', service_name: '', model: '', unit_price: '' },
		{ tax_amount: '24000.00', unit: '箱', amount: '150000.00', quantity: '1000.00', rate: '16%', service_name: '达达牌面包', model: '', unit_price: '150.00' },
	],
	payeeBankName: '中国工具管行散会有限公司苏暖宝行4642589351022013654',
	payerAddress: '都金锦江区大业路78号029-06113977',
	payerName: '成都惠底连限有限公司',
	payerRegisterNo: '',
	invoiceNo: '',
	taxAmount: '23154.00',
} as const;

/**
 * IDs that exist only once something was started: the test runs these first (the sandbox's tasks finish
 * at once in the test) and puts the ID where a row says '{order}', '{orderWithArrears}' or '{task}'.
 */
export const PREREQUISITES: Readonly<Record<string, { node: string; parameters: INodeParameters; idField: string }>> = {
	'{order}': {
		node: 'cbtTaxData',
		parameters: { operation: 'orderPush', creditCode: '91350100M000100Y43', companyName: '福建示例科技有限公司' },
		idField: 'order_id',
	},
	// The order of the active sample company has no overdue tax; this company's has one.
	'{orderWithArrears}': { node: 'cbtTaxData', parameters: { operation: 'orderPush', creditCode: '91330100716105852F' }, idField: 'order_id' },
	'{task}': { node: 'cbtRealEstate', parameters: { operation: 'request', name: '王五', idNumber: '110101199003074477' }, idField: 'task_id' },
};

/** RT + Beijing time (14 digits) + 6 hex + a 6-digit sequence, as the README's notification example. */
const ORDER_ID = /^RT\d{14}[0-9A-F]{6}\d{6}$/;
const TASK_ID = /^IMP\d{14}[0-9A-F]{6}\d{6}$/;
/** "2024-10-24 17:15:26": the time the sandbox accepted or finished a task. */
const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const OPERATIONS: readonly OperationExpectation[] = [
	// ---- cbtOcr ------------------------------------------------------------
	{
		// Every value below is the seed page's documented example answer (发票OCR), field by field.
		node: 'cbtOcr',
		operation: 'invoice',
		parameters: { imageSource: 'binary', binaryPropertyName: 'photo' },
		image: 'document',
		request: { method: 'POST', path: '/apis/tt/gw/ocr/v1/invoice', keys: ['image'] },
		output: {
			items: 1,
			fields: ['amountWithoutTax', 'buyerAddressPhone', 'buyerBankAccount', 'buyerName', 'buyerTaxId', 'checkCode', 'checks', 'cipherText', 'fileName', 'invoiceCode', 'invoiceDate', 'invoiceNumber', 'invoiceType', 'invoiceTypeName', 'issuer', 'lineItemCount', 'lineItems', 'payee', 'remark', 'reviewer', 'sellerAddressPhone', 'sellerBankAccount', 'sellerName', 'sellerTaxId', 'taxAmount', 'totalAmount'],
			values: {
				fileName: 'document.png', // echo: the name of the input's binary file
				invoiceCode: '5106532891', // invoiceCode
				invoiceNumber: null, // invoiceNo ""
				invoiceDate: '2018-07-20', // invoiceDate 2018年07月20日
				invoiceType: null, // the page's answer names no type, and a 10-digit code is no fully digital invoice
				invoiceTypeName: null,
				checkCode: null, // antiFakeCode ""
				sellerName: '成都送达套品有限公司', // payeeName
				sellerTaxId: null, // payeeRegisterNo ""
				sellerAddressPhone: '都市青学区苏北路16号 009-87317576', // payeeAddress
				sellerBankAccount: '中国工具管行散会有限公司苏暖宝行4642589351022013654', // payeeBankName
				buyerName: '成都惠底连限有限公司', // payerName
				buyerTaxId: null, // payerRegisterNo ""
				buyerAddressPhone: '都金锦江区大业路78号029-06113977', // payerAddress
				buyerBankAccount: '中国工商行金有限公司正表宝行6682528591778654000', // payerBankName
				amountWithoutTax: 150000, // withoutTaxAmount "150000.00"
				taxAmount: 23154, // taxAmount "23154.00"
				totalAmount: 174000, // invoiceAmount "174000.00"
				payee: null, // payee (收款人) ""
				reviewer: null, // checker (复核) ""
				issuer: '曹玉', // clerk (开票人)
				remark: null, // remark ""
				cipherText: '88++>0402/8*98-1>20>15*3/95', // invoiceSecret
				lineItemCount: 2,
				// itemName[]: line 1 has only tax_amount -846 and rate "394*0" (unreadable); line 2 is 达达牌面包, 箱, 1000 × 150.00 = 150000.00 at 16%, tax 24000.00.
				lineItems: [{ itemName: null, model: null, unit: null, quantity: null, unitPrice: null, amount: null, taxRate: null, taxAmount: -846 }, { itemName: '达达牌面包', model: null, unit: '箱', quantity: 1000, unitPrice: 150, amount: 150000, taxRate: 0.16, taxAmount: 24000 }],
				// 150000 + 23154 ≠ 174000; line 1's amount is unread; 2018 is past; no buyer tax ID to check.
				checks: { amountsAddUp: false, lineItemsAddUp: null, dateNotInFuture: true, buyerTaxIdValid: null },
			},
		},
		raw: SEED_PAGE_INVOICE,
	},
	{
		node: 'cbtOcr',
		operation: 'idCard',
		parameters: { imageSource: 'binary', binaryPropertyName: 'photo', options: { idCardSide: 'front' } },
		image: 'document',
		request: { method: 'POST', path: '/apis/tt/gw/ocr/v1/idcard', keys: ['image', 'side'] },
		output: {
			items: 1,
			fields: ['address', 'birthDate', 'ethnicity', 'idNumber', 'issuingAuthority', 'name', 'sex', 'side', 'validFrom', 'validLongTerm', 'validTo'],
			values: {
				side: 'front', // echo of ID Card Side
				name: '王小明',
				sex: '男', // 17th digit of the ID number odd
				ethnicity: '汉', // nation
				birthDate: '1990-03-07', // birth 1990年03月07日 = digits 7-14 of the ID number
				address: '北京市东城区景山前街4号', // 110101: 北京市东城区
				idNumber: '110101199003074477',
				issuingAuthority: null,
				validFrom: null,
				validTo: null,
				validLongTerm: false,
			},
		},
		// The sandbox's first ID card sample: a front, so no issuing authority or validity.
		raw: { side: 'front', name: '王小明', sex: '男', nation: '汉', birth: '1990年03月07日', address: '北京市东城区景山前街4号', idNumber: '110101199003074477' },
		variants: [
			{ why: 'without ID Card Side the gateway decides: no \'side\'', parameters: { options: {} }, calls: [{ method: 'POST', path: '/apis/tt/gw/ocr/v1/idcard', keys: ['image'] }] },
		],
	},
	{
		node: 'cbtOcr',
		operation: 'bankCard',
		parameters: { imageSource: 'binary', binaryPropertyName: 'photo' },
		image: 'document',
		request: { method: 'POST', path: '/apis/tt/gw/ocr/v1/bankcard', keys: ['image'] },
		output: {
			items: 1,
			fields: ['bankName', 'cardKind', 'cardNumber', 'cardType', 'validThru'],
			// 622202 is an ICBC (中国工商银行) debit BIN; validDate 12/29 read as 2029-12; 借记卡 is debit.
			values: { cardNumber: '6222020200112233446', bankName: '中国工商银行', cardType: '借记卡', cardKind: 'debit', validThru: '2029-12' },
		},
		raw: { cardNumber: '6222020200112233446', bankName: '中国工商银行', cardType: '借记卡', validDate: '12/29' },
	},
	{
		node: 'cbtOcr',
		operation: 'businessLicense',
		parameters: { imageSource: 'binary', binaryPropertyName: 'photo' },
		image: 'document',
		request: { method: 'POST', path: '/apis/tt/gw/ocr/v1/license', keys: ['image'] },
		output: {
			items: 1,
			fields: ['address', 'businessScope', 'companyName', 'companyType', 'creditCode', 'establishDate', 'legalRepresentative', 'registeredCapital', 'registeredCapitalAmount', 'registeredCapitalCurrency', 'validFrom', 'validLongTerm', 'validTo'],
			values: {
				creditCode: '91350100M000100Y43',
				companyName: '福州闽江软件科技有限公司',
				companyType: '有限责任公司(自然人投资或控股)', // type
				legalRepresentative: '陈建华',
				registeredCapital: '1000万元人民币',
				registeredCapitalAmount: 10000000, // 1000万 yuan
				registeredCapitalCurrency: 'CNY',
				establishDate: '2015-06-18', // 2015年06月18日
				validFrom: '2015-06-18', // validPeriod 2015年06月18日至长期
				validTo: null,
				validLongTerm: true,
				address: '福建省福州市鼓楼区五四路1号',
				businessScope: '软件开发；信息技术咨询服务；数据处理和存储支持服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
			},
		},
		raw: {
			creditCode: '91350100M000100Y43',
			companyName: '福州闽江软件科技有限公司',
			type: '有限责任公司(自然人投资或控股)',
			legalRepresentative: '陈建华',
			registeredCapital: '1000万元人民币',
			establishDate: '2015年06月18日',
			validPeriod: '2015年06月18日至长期',
			address: '福建省福州市鼓楼区五四路1号',
			businessScope: '软件开发；信息技术咨询服务；数据处理和存储支持服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
		},
	},

	// ---- cbtIdentity ------------------------------------------------------------
	// Verdicts (README): two-factor result 1 match / 2 mismatch; portrait 1 match, 2 unknown, 3 and 4 mismatch; couple 1 match / 0 mismatch.
	{
		node: 'cbtIdentity',
		operation: 'badRecord',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/badrecord', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'records', 'result'],
			values: { result: '0', desc: '未命中不良记录', records: [] },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'twoFactor',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/twofactor', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'result', 'verdict'],
			values: { result: '2', desc: '不一致', verdict: 'mismatch' },
		},
	},
	{
		// Sent SM4-encrypted under the usual keys; the answer is the plain check's for the same person.
		// The key is the sandbox's published test key (sandbox/fixtures/ga.ts SANDBOX_SM4_KEY).
		node: 'cbtIdentity',
		operation: 'twoFactorSm',
		// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the sandbox's published test key, not a secret
		parameters: { name: '张三', idNumber: '11010519491231002X', options: { sm4KeyHex: '8a1f3c5e7b9d02468ace13579bdf0246' } },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/twofactorsm', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'result', 'verdict'],
			values: { result: '2', desc: '不一致', verdict: 'mismatch' },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'portrait',
		parameters: { name: '张三', idNumber: '11010519491231002X', binaryPropertyName: 'photo' },
		image: 'face',
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/portrait', keys: ['id_card', 'image', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'result', 'similarity', 'verdict'],
			values: { result: '1', desc: '系统判断为同一人', similarity: '87.10', verdict: 'match' },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'portraitLiveness',
		parameters: { name: '张三', idNumber: '11010519491231002X', binaryPropertyName: 'photo' },
		image: 'face',
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/portraitliveness', keys: ['id_card', 'image', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'livenessDesc', 'livenessResult', 'livenessScore', 'result', 'similarity', 'verdict'],
			values: { result: '1', desc: '系统判断为同一人', similarity: '87.10', livenessResult: '1', livenessDesc: '活体', livenessScore: '0.9226', verdict: 'match' },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'maritalStatus',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/maritalstatus', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['latestRegisterDate', 'status', 'statusCode'],
			values: { status: '已婚', statusCode: '1', latestRegisterDate: '1972-12' },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'maritalStatusAuthorized',
		parameters: { name: '张三', idNumber: '11010519491231002X', authorizationCode: 'AUTH20240601001' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/maritalstatusauthorized', keys: ['auth_code', 'id_card', 'name'] },
		output: {
			items: 1,
			fields: ['authorized', 'latestRegisterDate', 'status', 'statusCode'],
			values: { status: '已婚', statusCode: '1', latestRegisterDate: '1972-12', authorized: true },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'maritalStatusCouple',
		parameters: { name: '张三', idNumber: '11010519491231002X', partnerName: '王五', partnerIdNumber: '110101199003074477' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/maritalstatuscouple', keys: ['id_card', 'name', 'partner_id_card', 'partner_name'] },
		output: {
			items: 1,
			fields: ['desc', 'registerDate', 'result', 'verdict'],
			values: { result: '0', desc: '双方不是夫妻关系', registerDate: null, verdict: 'mismatch' },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'litigation',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/litigation', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['cases', 'total'],
			values: { total: 0, cases: [] },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'fraudRiskScore',
		parameters: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/fraudriskscore', keys: ['id_card', 'mobile', 'name'] },
		output: {
			items: 1,
			fields: ['level', 'score', 'tags'],
			values: { score: 22, level: '低风险', tags: [] },
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'multiLending',
		parameters: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/multilending', keys: ['id_card', 'mobile', 'name'] },
		output: {
			items: 1,
			fields: ['last180Days', 'last30Days', 'last365Days', 'last7Days', 'last90Days', 'lastApplicationDate'],
			values: {
				last7Days: { applications: 0, institutions: 0, banks: 0, nonBanks: 0 },
				last30Days: { applications: 0, institutions: 0, banks: 0, nonBanks: 0 },
				last90Days: { applications: 0, institutions: 0, banks: 0, nonBanks: 0 },
				last180Days: { applications: 0, institutions: 0, banks: 0, nonBanks: 0 },
				last365Days: { applications: 0, institutions: 0, banks: 0, nonBanks: 0 },
				lastApplicationDate: null,
			},
		},
	},
	{
		node: 'cbtIdentity',
		operation: 'multiLendingDetail',
		parameters: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/ga/v1/multilendingdetail', keys: ['id_card', 'mobile', 'name'] },
		output: {
			items: 1,
			fields: ['records', 'summary'],
			values: { records: [] },
		},
	},

	// ---- cbtEnterprise ------------------------------------------------------------
	// Echo: entName, creditCode, taxpayerId, applicant, winner and the like are the company sent (福建示例科技有限公司 is
	// 91350100M000100Y43; 杭州旧港贸易有限公司 is 91330106MA2KX0LX3R). A list row's values are its first record's.
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'businessInfo',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/businessinfo', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['address', 'approvedDate', 'businessScope', 'cancelDate', 'city', 'creditCode', 'currency', 'district', 'englishName', 'entName', 'entType', 'establishDate', 'formerNames', 'industry', 'industryCode', 'legalPerson', 'operatingFrom', 'operatingTo', 'orgCode', 'paidInCapital', 'province', 'regAuthority', 'regCapital', 'regNo', 'regStatus', 'taxpayerId'],
			values: {
				entName: '福建示例科技有限公司',
				englishName: 'Fujian Example Technology Co., Ltd.',
				creditCode: '91350100M000100Y43',
				regNo: '350102605348016',
				orgCode: 'M000100Y-4',
				taxpayerId: '91350100M000100Y43',
				legalPerson: '陈示例',
				entType: '有限责任公司(自然人投资或控股)',
				regStatus: '存续（在营、开业、在册）',
				regCapital: '1000万人民币',
				paidInCapital: '0万人民币',
				currency: '人民币',
				establishDate: '2015-06-18',
				operatingFrom: '2015-06-18',
				operatingTo: '无固定期限',
				approvedDate: '2020-11-25',
				regAuthority: '福州市鼓楼区市场监督管理局',
				province: '福建省',
				city: '福州市',
				district: '鼓楼区',
				address: '福建省福州市鼓楼区五四路1号',
				industry: '软件和信息技术服务业',
				industryCode: 'I65',
				businessScope: '软件开发；信息技术咨询服务；信息系统集成服务；数据处理和存储支持服务。',
				formerNames: [],
				cancelDate: null,
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'shareholders',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/shareholders', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 7,
			fields: ['name', 'ratio', 'subscribedCapital', 'subscribedDate', 'type'],
			values: { name: '陈示例', type: '自然人股东', ratio: '42.19%', subscribedCapital: '422万人民币', subscribedDate: '2031-12-31' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'keyPersonnel',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/keypersonnel', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 6,
			fields: ['name', 'position'],
			values: { name: '陈示例', position: '执行董事兼总经理' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'changeRecords',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/changerecords', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 17,
			fields: ['after', 'before', 'changeDate', 'changeItem'],
			values: { changeDate: '2024-06-19', changeItem: '经营范围变更', before: '杭州市古墩路200号', after: '浙江省杭州市西湖区天目山路103号19层' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'annualReports',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/annualreports', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 8,
			fields: ['address', 'email', 'employees', 'operatingStatus', 'phone', 'publishDate', 'status', 'totalAssets', 'year'],
			values: {
				year: '2023',
				publishDate: '2024-04-15',
				status: '已公示',
				employees: 2198,
				phone: '0512-86747864',
				email: 'service@exampletech.com.cn',
				address: '福建省福州市鼓楼区五四路1号',
				operatingStatus: '开业',
				totalAssets: '企业选择不公示',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'outboundInvestments',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/outboundinvestments', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 14,
			fields: ['amount', 'establishDate', 'legalPerson', 'name', 'ratio', 'status'],
			values: { name: '福州鼎盛物流有限公司', legalPerson: '赵子涵', ratio: '69.00%', amount: '967万人民币', establishDate: '2008-02-20', status: '存续' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'branches',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/branches', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['establishDate', 'name', 'principal', 'regAuthority', 'status'],
			values: { name: '福建示例科技有限公司苏州分公司', principal: '郑雪梅', establishDate: '2015-10-26', status: '存续', regAuthority: '苏州工业园区市场监督管理局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'familyTree',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/familytree', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['creditCode', 'downstream', 'entName', 'maxLevel', 'upstream'],
			values: { entName: '福建示例科技有限公司', creditCode: '91350100M000100Y43', maxLevel: 6 },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'actualController',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/actualcontroller', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['controller', 'controllerType', 'entName', 'paths', 'ratio'],
			values: { entName: '福建示例科技有限公司', controller: '陈示例', controllerType: '自然人', ratio: '83.07%', paths: [['陈示例', '福建示例科技有限公司'], ['陈示例', '福州恒达咨询有限责任公司', '福建示例科技有限公司']] },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'controlledCompanies',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/controlledcompanies', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 5,
			fields: ['controlRatio', 'level', 'name', 'path'],
			values: { name: '深圳新元机械有限公司', controlRatio: '84.00%', level: 2, path: '福建示例科技有限公司 → 深圳新元科技股份有限公司 → 深圳新元机械有限公司' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'beneficialOwners',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/beneficialowners', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['name', 'position', 'ratio', 'type'],
			values: { name: '陈示例', ratio: '67.00%', type: '直接持股', position: '执行董事兼总经理' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'contactDetails',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/contactdetails', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['address', 'emails', 'entName', 'phones', 'website'],
			values: {
				entName: '福建示例科技有限公司',
				phones: ['0512-86747864', '13870436112'],
				emails: ['service@exampletech.com.cn'],
				website: 'https://www.exampletech.com.cn',
				address: '福建省福州市鼓楼区五四路1号',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'companyLogo',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/companylogo', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'logoUrl', 'updatedAt'],
			values: { entName: '福建示例科技有限公司', logoUrl: 'https://img.example.cn/logo/91350100M000100Y43.png', updatedAt: '2024-03-18' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'companySize',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/companysize', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['basis', 'employees', 'entName', 'size'],
			values: { entName: '福建示例科技有限公司', size: '大型企业', employees: 2198, basis: '《统计上大中小微型企业划分办法(2017)》' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'simplifiedDeregistration',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/simplifiedderegistration', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['authority', 'creditCode', 'entName', 'noticePeriod', 'objections', 'result'],
			values: {
				entName: '杭州旧港贸易有限公司',
				creditCode: '91330106MA2KX0LX3R',
				noticePeriod: '2021-04-17至2021-04-28',
				authority: '杭州市西湖区市场监督管理局',
				result: '准予简易注销',
				objections: [],
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'liquidationGroup',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/liquidationgroup', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['address', 'entName', 'filingDate', 'leader', 'members'],
			values: { entName: '杭州旧港贸易有限公司', leader: '曾明', members: ['曾明', '许俊杰', '何海燕'], filingDate: '2023-06-25', address: '浙江省杭州市西湖区天目山路103号19层' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'companySearch',
		parameters: { searchTerm: '示例' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/companysearch', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['creditCode', 'establishDate', 'legalPerson', 'name', 'province', 'regCapital', 'status'],
			values: {
				name: '福建示例科技有限公司',
				creditCode: '91350100M000100Y43',
				legalPerson: '陈示例',
				status: '存续',
				establishDate: '2015-06-18',
				regCapital: '1000万人民币',
				province: '福建省',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'company',
		operation: 'englishNameSearch',
		parameters: { englishName: 'Example' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/englishnamesearch', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 31,
			fields: ['creditCode', 'englishName', 'establishDate', 'legalPerson', 'name', 'province', 'regCapital', 'status'],
			values: {
				name: '福建示例科技有限公司',
				englishName: 'Fujian Example Technology Co., Ltd.',
				creditCode: '91350100M000100Y43',
				legalPerson: '陈示例',
				status: '存续',
				establishDate: '2015-06-18',
				regCapital: '1000万人民币',
				province: '福建省',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'abnormalOperations',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州中科实业有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/abnormaloperations', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['putAuthority', 'putDate', 'putReason', 'removeDate', 'removeReason'],
			values: { putDate: '2024-01-20', putReason: '通过登记的住所或者经营场所无法联系的', putAuthority: '杭州市西湖区市场监督管理局', removeDate: null, removeReason: null },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'chattelMortgages',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/chattelmortgages', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['amount', 'collateral', 'debtTerm', 'mortgagee', 'regDate', 'regNumber', 'status'],
			values: {
				regNumber: '35010220244158847',
				regDate: '2024-05-23',
				mortgagee: '中国建设银行福州分行',
				amount: '828万元',
				debtTerm: '2024-05-23至2027-05-23',
				collateral: '库存原材料',
				status: '有效',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'equityPledges',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/equitypledges', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['pledgedAmount', 'pledgee', 'pledgor', 'regDate', 'regNumber', 'status'],
			values: { regNumber: '3501027242482272', pledgor: '何艳', pledgee: '中国工商银行股份有限公司', pledgedAmount: '340万元', regDate: '2024-01-25', status: '有效' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'equityFreezes',
		parameters: { company: { __rl: true, mode: 'keyword', value: '91330100716105852F' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/equityfreezes', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['caseNumber', 'executedPerson', 'executionCourt', 'freezeFrom', 'freezeTo', 'frozenAmount', 'status'],
			values: {
				executionCourt: '杭州市西湖区人民法院',
				executedPerson: '林海燕',
				frozenAmount: '363万元',
				caseNumber: '(2024)浙0106执37816号',
				freezeFrom: '2024-01-01',
				freezeTo: '2027-01-01',
				status: '冻结',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'dishonestDebtors',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/dishonestdebtors', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['basis', 'behavior', 'caseNumber', 'court', 'filingDate', 'legalPerson', 'obligation', 'performance', 'publishDate'],
			values: {
				caseNumber: '(2024)浙0106执39338号',
				court: '杭州市西湖区人民法院',
				legalPerson: '曾明',
				filingDate: '2024-04-06',
				publishDate: '2024-03-31',
				basis: '(2023)浙0106民初32998号',
				obligation: '支付货款65万元及逾期付款利息',
				performance: '全部未履行',
				behavior: '有履行能力而拒不履行生效法律文书确定义务',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'judgmentDebtors',
		parameters: { company: { __rl: true, mode: 'keyword', value: '91330100716105852F' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/judgmentdebtors', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 7,
			fields: ['caseNumber', 'court', 'executionTarget', 'filingDate', 'status'],
			values: { caseNumber: '(2024)浙0106执6426号', court: '杭州市西湖区人民法院', filingDate: '2024-05-27', executionTarget: '1143850.46', status: '执行完毕' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'judgmentDocuments',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/judgmentdocuments', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['amount', 'caseNumber', 'caseType', 'cause', 'court', 'judgeDate', 'role', 'title'],
			values: {
				caseNumber: '(2024)浙0106民初38460号',
				title: '杭州旧港贸易有限公司与杭州瑞丰机械股份有限公司侵害商标权纠纷一审民事判决书',
				caseType: '民事案件',
				cause: '侵害商标权纠纷',
				court: '杭州市西湖区人民法院',
				judgeDate: '2024-05-20',
				role: '原告',
				amount: '402701.57',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'courtAnnouncements',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/courtannouncements', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 4,
			fields: ['content', 'court', 'parties', 'publishDate', 'type'],
			values: {
				type: '裁判文书',
				court: '杭州市西湖区人民法院',
				publishDate: '2024-06-04',
				parties: ['杭州旧港贸易有限公司', '杨杰'],
				content: '杨杰：本院受理杭州旧港贸易有限公司诉你方合同纠纷一案，现依法向你方公告送达起诉状副本、应诉通知书、举证通知书及开庭传票。',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'hearingAnnouncements',
		parameters: { company: { __rl: true, mode: 'keyword', value: '914403001922038216' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/hearingannouncements', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['caseNumber', 'cause', 'court', 'courtroom', 'defendants', 'hearingTime', 'plaintiffs'],
			values: {
				caseNumber: '(2024)粤0305民初38446号',
				cause: '劳动争议',
				hearingTime: '2024-06-18 10:00',
				court: '深圳市南山区人民法院',
				courtroom: '第8法庭',
				plaintiffs: ['北京启明机械股份有限公司'],
				defendants: ['上海恒达建设有限公司'],
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'judicialAssistance',
		parameters: { company: { __rl: true, mode: 'keyword', value: '914403001922038216' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/judicialassistance', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['court', 'date', 'equityAmount', 'executedPerson', 'notificationNumber', 'type'],
			values: { executedPerson: '邓俊杰', equityAmount: '428万元', court: '深圳市南山区人民法院', notificationNumber: '(2024)粤0305执保12768号', type: '股东变更', date: '2024-01-18' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'judicialAuctions',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/judicialauctions', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 5,
			fields: ['auctionDate', 'court', 'startingPrice', 'status', 'title'],
			values: { title: '福州市鼓楼区湖东路269号房产', court: '福州市鼓楼区人民法院', startingPrice: '8609815.88', auctionDate: '2024-04-11', status: '流拍' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'administrativePenalties',
		parameters: { company: { __rl: true, mode: 'keyword', value: '91330100716105852F' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/administrativepenalties', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['amount', 'authority', 'content', 'decisionDate', 'decisionNumber', 'type'],
			values: { decisionNumber: '杭州市监罚〔2024〕890号', type: '罚款', content: '发布虚假广告', amount: '29193.63', decisionDate: '2024-05-27', authority: '杭州市西湖区市场监督管理局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'environmentalPenalties',
		parameters: { company: { __rl: true, mode: 'keyword', value: '91330100716105852F' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/environmentalpenalties', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['authority', 'date', 'decisionNumber', 'penalty', 'violation'],
			values: { decisionNumber: '杭环罚〔2024〕236号', violation: '未批先建', penalty: '罚款28万元', authority: '杭州市生态环境局', date: '2024-03-11' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'seriousViolations',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/seriousviolations', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['authority', 'putDate', 'reason', 'removeDate'],
			values: { putDate: '2024-06-22', reason: '被列入经营异常名录届满3年仍未履行相关义务的', authority: '杭州市西湖区市场监督管理局', removeDate: null },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'risk',
		operation: 'spotChecks',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/spotchecks', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['authority', 'checkDate', 'result', 'type'],
			values: { checkDate: '2024-01-11', type: '不定向', result: '未按规定公示应当公示的信息', authority: '福州市鼓楼区市场监督管理局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'taxCreditA',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/taxcredita', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 6,
			fields: ['authority', 'grade', 'taxpayerId', 'year'],
			values: { year: '2023', grade: 'A', taxpayerId: '91330106MA2KX0LX3R', authority: '国家税务总局杭州市西湖区税务局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'taxArrears',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州中科实业有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/taxarrears', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['authority', 'balance', 'newArrears', 'publishDate', 'taxType'],
			values: { taxType: '房产税', balance: '243666.13', newArrears: '18905.19', publishDate: '2024-05-09', authority: '国家税务总局杭州市西湖区税务局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'totalTaxArrears',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/totaltaxarrears', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['count', 'entName', 'latestDate', 'total'],
			values: { entName: '福建示例科技有限公司', count: 4, total: '35530.16', latestDate: '2022-01-13' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'majorTaxViolations',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州恒达科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/majortaxviolations', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['authority', 'caseNature', 'illegalFacts', 'publishDate', 'punishment'],
			values: {
				caseNature: '虚开增值税专用发票',
				illegalFacts: '经国家税务总局杭州市西湖区税务局检查，该单位于2021年通过虚假申报方式少缴税款296万元。',
				punishment: '依法追缴税款、滞纳金并处少缴税款0.5倍罚款',
				publishDate: '2024-04-27',
				authority: '国家税务总局杭州市西湖区税务局',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'abnormalTaxpayers',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州示例贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/abnormaltaxpayers', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 2,
			fields: ['address', 'authority', 'identifyDate', 'legalPerson', 'status'],
			values: { identifyDate: '2023-11-02', status: '非正常', legalPerson: '吴华', address: '浙江省杭州市西湖区文三路44号10层', authority: '国家税务总局杭州市西湖区税务局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'taxpayerType',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/taxpayertype', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['authority', 'effectiveDate', 'entName', 'taxpayerId', 'type'],
			values: { entName: '福建示例科技有限公司', taxpayerId: '91350100M000100Y43', type: '增值税一般纳税人', effectiveDate: '2022-02-18', authority: '国家税务总局福州市鼓楼区税务局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'tax',
		operation: 'socialInsurance',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/socialinsurance', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'maternity', 'medical', 'pension', 'unemployment', 'workInjury', 'year'],
			values: { entName: '福建示例科技有限公司', year: '2023', pension: 1621, unemployment: 1621, medical: 1621, workInjury: 1621, maternity: 1620 },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'patents',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/patents', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 50,
			fields: ['applicant', 'applicationDate', 'applicationNumber', 'inventors', 'publicationNumber', 'status', 'title', 'type'],
			values: {
				title: '一种高效包装装置',
				type: '外观设计',
				applicationNumber: 'CN202434077252.9',
				applicationDate: '2024-06-20',
				publicationNumber: 'CN988493986S',
				inventors: ['徐丽', '何国庆'],
				applicant: '福建示例科技有限公司',
				status: '授权',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'trademarks',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/trademarks', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 50,
			fields: ['agent', 'applicationDate', 'class', 'name', 'registrationNumber', 'status'],
			values: { name: '示例科技', registrationNumber: '13318290', class: '第7类-机械设备', applicationDate: '2024-06-29', status: '注册', agent: '北京集佳知识产权代理有限公司' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'copyrightedWorks',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/copyrightedworks', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 19,
			fields: ['completionDate', 'name', 'registrationDate', 'registrationNumber', 'type'],
			values: { name: '旧港宣传画册', type: '文字', registrationNumber: '国作登字-2024-F-89456094', completionDate: '2024-02-01', registrationDate: '2024-06-23' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'softwareCopyrights',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州示例贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/softwarecopyrights', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 25,
			fields: ['firstPublishDate', 'name', 'registrationDate', 'registrationNumber', 'shortName', 'version'],
			values: {
				name: '示例仓储管理系统',
				shortName: '示例仓储管理',
				version: 'V4.8',
				registrationNumber: '2024SR9571234',
				registrationDate: '2024-06-17',
				firstPublishDate: '2024-05-27',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'domainNames',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/domainnames', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 5,
			fields: ['approvalDate', 'domain', 'icp', 'siteName'],
			values: { domain: 'jiugangtrad.com.cn', siteName: '杭州旧港贸易有限公司官网', icp: '浙ICP备69407655号-1', approvalDate: '2024-02-26' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'financing',
		parameters: { company: { __rl: true, mode: 'keyword', value: '91330100716105852F' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/financing', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 4,
			fields: ['amount', 'date', 'investors', 'round'],
			values: { date: '2023-07-25', round: 'B轮', amount: '近亿人民币', investors: ['深创投', '元禾原点'] },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'news',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/news', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 50,
			fields: ['publishDate', 'sentiment', 'source', 'title', 'url'],
			values: { title: '福建示例科技有限公司举行年度合作伙伴大会', source: '澎湃新闻', publishDate: '2024-06-26', sentiment: '中性', url: 'https://news.example.cn/0876687717.html' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'bids',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/bids', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 50,
			fields: ['amount', 'publishDate', 'purchaser', 'region', 'title', 'winner'],
			values: { title: '北京市公安局物业服务项目招标公告', publishDate: '2024-06-29', purchaser: '北京市公安局', winner: '福建示例科技有限公司', amount: '7613585.85', region: '福建省' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'importExport',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/importexport', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['administrativeDivision', 'annualReportStatus', 'businessType', 'creditCode', 'creditRating', 'customsCode', 'customsOffice', 'economicRegion', 'entName', 'industryCategory', 'regDate', 'status', 'validTo'],
			values: {
				entName: '福建示例科技有限公司',
				creditCode: '91350100M000100Y43',
				customsCode: '3501460978',
				customsOffice: '福州海关',
				regDate: '2015-04-16',
				businessType: '进出口货物收发货人',
				creditRating: '失信企业',
				industryCategory: '软件和信息技术服务业',
				economicRegion: '综合保税区',
				administrativeDivision: '福建省福州市鼓楼区',
				annualReportStatus: '已报送',
				validTo: '长期',
				status: '正常',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'administrativeLicenses',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/administrativelicenses', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 4,
			fields: ['authority', 'licenseNumber', 'name', 'validFrom', 'validTo'],
			values: { licenseNumber: '福XK67385202369152', name: '危险化学品经营许可证', validFrom: '2024-04-24', validTo: '2029-04-24', authority: '福州市鼓楼区市场监督管理局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'telecomLicenses',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/telecomlicenses', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['authority', 'businessType', 'licenseNumber', 'status', 'validTo'],
			values: { licenseNumber: 'B1-20212018', businessType: '第二类增值电信业务中的信息服务业务', validTo: '2026-01-17', status: '正常', authority: '福建省通信管理局' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'qualifications',
		parameters: { company: { __rl: true, mode: 'keyword', value: '杭州旧港贸易有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/qualifications', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 11,
			fields: ['authority', 'certificateNumber', 'certificateType', 'expiryDate', 'issueDate'],
			values: { certificateType: '高新技术企业', certificateNumber: 'GR202433777807', issueDate: '2024-04-12', expiryDate: '2027-04-12', authority: '浙江省科学技术厅' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'ipOperations',
		operation: 'jobPostings',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/jobpostings', keys: ['keyword', 'page', 'page_size'] },
		output: {
			items: 30,
			fields: ['city', 'education', 'experience', 'publishDate', 'salary', 'source', 'title'],
			values: { title: '行政专员', salary: '8-15K', city: '福州市', education: '大专', experience: '经验不限', publishDate: '2024-06-26', source: '智联招聘' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'dxTenders',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/dxtenders', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'recent', 'summary'],
			values: { entName: '福建示例科技有限公司', summary: { bidCount: 68, winCount: 2, winAmount: '9168706.32' } },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'r360Judicial',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/r360judicial', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['cases', 'counts', 'entName', 'riskLevel'],
			values: { entName: '福建示例科技有限公司', riskLevel: '高', counts: { judgmentDocuments: 26, dishonest: 1, judgmentDebtors: 2, hearings: 7 } },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'r360PledgeChanges',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/r360pledgechanges', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['analysis', 'changes', 'entName', 'pledges'],
			values: {
				entName: '福建示例科技有限公司',
				changes: [{ changeDate: '2024-06-01', changeItem: '高级管理人员备案（董事、监事、经理等）', before: '福州市五四路287号', after: '福建省福州市鼓楼区五四路1号' }],
				analysis: '近一年股权结构稳定，未见频繁变更',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'lhzxListedFinancials',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/lhzxlistedfinancials', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['currentRatio', 'debtRatio', 'entName', 'netProfit', 'reportPeriod', 'revenue', 'roe', 'stockCode'],
			values: {
				entName: '福建示例科技有限公司',
				stockCode: '600587',
				reportPeriod: '2023年报',
				revenue: '478001578.87',
				netProfit: '376110201.05',
				roe: '4.78%',
				debtRatio: '28.46%',
				currentRatio: '1.19',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'lhzxLandMortgages',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/lhzxlandmortgages', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'mortgages'],
			values: { entName: '福建示例科技有限公司', mortgages: [] },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'lhzxGuarantees',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/lhzxguarantees', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'guarantees'],
			values: { entName: '福建示例科技有限公司' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'customReport',
		operation: 'dgsmReports',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/dgsmreports', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['basic', 'entName', 'generatedAt', 'reportNo', 'sections'],
			values: {
				entName: '福建示例科技有限公司',
				reportNo: 'DG20245671024568',
				generatedAt: '2024-06-30 10:00:00',
				basic: { legalPerson: '陈示例', regCapital: '1000万人民币', establishDate: '2015-06-18', status: '存续' },
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'scoreModel',
		operation: 'shellCompanyIndex',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/shellcompanyindex', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'factors', 'level', 'score'],
			values: {
				entName: '福建示例科技有限公司',
				score: 74,
				level: '高风险',
				factors: [{ name: '社保缴纳人数', value: '1758' }, { name: '注册地址集中度', value: '高' }, { name: '实缴资本比例', value: '99%' }],
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'scoreModel',
		operation: 'annualReportAssets',
		parameters: { company: { __rl: true, mode: 'keyword', value: '福建示例科技有限公司' } },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/annualreportassets', keys: ['keyword'] },
		output: {
			items: 1,
			fields: ['entName', 'mainRevenue', 'netProfit', 'revenue', 'totalAssets', 'totalEquity', 'totalLiabilities', 'totalProfit', 'totalTax', 'year'],
			values: {
				entName: '福建示例科技有限公司',
				year: '2023',
				totalAssets: '1000万-5000万',
				totalEquity: '500万-1000万',
				totalLiabilities: '100万-500万',
				revenue: '500万-1000万',
				mainRevenue: '100万-500万',
				totalProfit: '500万-1000万',
				netProfit: '5000万-1亿',
				totalTax: '500万-1000万',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'verification',
		operation: 'verifyThreeFactors',
		parameters: { companyName: '福建示例科技有限公司', creditCode: '91350100M000100Y43', legalPersonName: '陈示例' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/verifythreefactors', keys: ['companyName', 'creditCode', 'legalPersonName'] },
		output: {
			items: 1,
			fields: ['companyNameMatches', 'creditCodeMatches', 'legalPersonMatches', 'result', 'status', 'verdict'],
			values: { result: '一致', companyNameMatches: true, creditCodeMatches: true, legalPersonMatches: true, status: '存续', verdict: 'match' },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'verification',
		operation: 'verifyFourFactors',
		parameters: { companyName: '福建示例科技有限公司', creditCode: '91350100M000100Y43', legalPersonName: '陈示例', legalPersonIdNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/verifyfourfactors', keys: ['companyName', 'creditCode', 'legalPersonIdNumber', 'legalPersonName'] },
		output: {
			items: 1,
			fields: ['companyNameMatches', 'creditCodeMatches', 'legalPersonIdNumberMatches', 'legalPersonMatches', 'result', 'status', 'verdict'],
			values: {
				result: '一致',
				companyNameMatches: true,
				creditCodeMatches: true,
				legalPersonMatches: true,
				legalPersonIdNumberMatches: true,
				status: '存续',
				verdict: 'match',
			},
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'person',
		operation: 'executiveJudicial',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/executivejudicial', keys: ['idNumber', 'name'] },
		output: {
			items: 1,
			fields: ['judgments', 'name', 'summary'],
			values: { name: '张三', summary: { judgments: 0, dishonest: 0, judgmentDebtors: 0, restrictedConsumption: 0 }, judgments: [] },
		},
	},
	{
		node: 'cbtEnterprise',
		resource: 'person',
		operation: 'personInvestments',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/ent/v1/personinvestments', keys: ['idNumber', 'name'] },
		output: {
			items: 1,
			fields: ['idNumber', 'investments', 'legalRepresentative', 'name', 'positions'],
			values: {
				name: '张三',
				idNumber: '3301**********0209',
				investments: [{ entName: '福州新元科技股份有限公司', ratio: '67.00%', amount: '698万人民币', status: '存续' }],
				positions: [{ entName: '福州新元科技股份有限公司', position: '监事', status: '存续' }],
				legalRepresentative: [{ entName: '福州新元科技股份有限公司', status: '存续' }],
			},
		},
	},

	// ---- cbtCarrier ------------------------------------------------------------
	{
		node: 'cbtCarrier',
		operation: 'threeFactor',
		parameters: { name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/opt/v1/threefactor', keys: ['id_card', 'mobile', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'isp', 'result', 'verdict'],
			values: { result: '1', desc: '一致', isp: '中国移动', verdict: 'match' },
		},
	},
	{
		node: 'cbtCarrier',
		operation: 'twoFactor',
		parameters: { name: '张三', mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/opt/v1/twofactor', keys: ['mobile', 'name'] },
		output: {
			items: 1,
			fields: ['desc', 'isp', 'result', 'verdict'],
			values: { result: '1', desc: '一致', isp: '中国移动', verdict: 'match' },
		},
	},
	{
		node: 'cbtCarrier',
		operation: 'onlineDuration',
		parameters: { mobile: '13800138000' },
		request: { method: 'POST', path: '/apis/tt/gw/opt/v1/onlineduration', keys: ['mobile'] },
		output: {
			items: 1,
			fields: ['desc', 'isp', 'range'],
			values: { isp: '中国移动', range: '24+', desc: '24个月以上' },
		},
	},

	// ---- cbtEducation ------------------------------------------------------------
	{
		node: 'cbtEducation',
		operation: 'educationLevel',
		parameters: { name: '张三', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/edu/v1/educationlevel', keys: ['id_card', 'name'] },
		output: {
			items: 1,
			fields: ['graduationYear', 'level', 'studyForm', 'verdict'],
			values: { level: '专科', studyForm: '普通全日制', graduationYear: '1970', verdict: 'match' },
		},
	},

	// ---- cbtVehicle ------------------------------------------------------------
	{
		node: 'cbtVehicle',
		operation: 'vehicleFiveItems',
		parameters: { plateNumber: '沪AD12345' },
		request: { method: 'POST', path: '/apis/tt/gw/car/v1/vehiclefiveitems', keys: ['plate_no'] },
		output: {
			items: 1,
			fields: ['brandModel', 'engineNo', 'plateNo', 'registerDate', 'useCharacter', 'vin'],
			values: { plateNo: '沪AD12345', vin: 'LRWHU2186M2745138', engineNo: 'TZ90419195', brandModel: '特斯拉牌TSL7000BEVAR0', registerDate: '2021-04-27', useCharacter: '营运' },
		},
	},
	{
		node: 'cbtVehicle',
		operation: 'vehicleConfiguration',
		parameters: { vin: 'LSVAU2180N2183294' },
		request: { method: 'POST', path: '/apis/tt/gw/car/v1/vehicleconfiguration', keys: ['vin'] },
		output: {
			items: 1,
			fields: ['bodyType', 'brand', 'displacement', 'fuelType', 'guidePrice', 'manufacturer', 'model', 'modelYear', 'seats', 'series', 'transmission', 'vin'],
			values: {
				vin: 'LSVAU2180N2183294',
				manufacturer: '上汽大众汽车有限公司',
				brand: '大众',
				series: '途观L',
				model: '2022款 2.0T 豪华版',
				modelYear: '2022',
				displacement: '2.0T',
				transmission: '7挡双离合',
				fuelType: '汽油',
				bodyType: 'SUV',
				seats: 5,
				guidePrice: '24.98万',
			},
		},
	},

	// ---- cbtRealEstate ------------------------------------------------------------
	{
		node: 'cbtRealEstate',
		operation: 'request',
		parameters: { name: '王五', idNumber: '110101199003074477', certificateNumber: 'AUTH20240601001' },
		request: { method: 'POST', path: '/apis/tt/gw/imp/v1/request', keys: ['cert_no', 'idcard', 'name'] },
		output: {
			items: 1,
			fields: ['status', 'task_id'],
			values: { task_id: TASK_ID, status: 'processing' },
		},
		variants: [
			{ why: 'the optional certificate number left empty is not sent', parameters: { certificateNumber: '' }, calls: [{ method: 'POST', path: '/apis/tt/gw/imp/v1/request', keys: ['idcard', 'name'] }] },
			{ why: 'Wait for Result polls Get Result with the task ID', parameters: { waitForResult: true, pollIntervalSeconds: 1 }, calls: [{ method: 'POST', path: '/apis/tt/gw/imp/v1/request', keys: ['cert_no', 'idcard', 'name'] }, { method: 'POST', path: '/apis/tt/gw/imp/v1/result', keys: ['task_id'] }] },
		],
	},
	{
		// Echo: the task's holder 王五 and 110101199003074477, masked. Get Result is not billed: the request was.
		node: 'cbtRealEstate',
		operation: 'result',
		parameters: { taskId: '{task}' },
		request: { method: 'POST', path: '/apis/tt/gw/imp/v1/result', keys: ['task_id'] },
		billed: false,
		output: {
			items: 1,
			fields: ['finished_at', 'idcard', 'name', 'properties', 'status', 'task_id', 'total'],
			values: { task_id: '{task}', name: '王五', idcard: '110101********4477', finished_at: BEIJING_TIME, status: 'done', total: 1 },
		},
	},

	// ---- cbtTaxReport ------------------------------------------------------------
	{
		node: 'cbtTaxReport',
		operation: 'taxReport',
		parameters: { creditCode: '91350100M000100Y43' },
		request: { method: 'POST', path: '/apis/tt/gw/tax/v1/taxreport', keys: ['credit_code'] },
		output: {
			items: 1,
			fields: ['companyName', 'creditCode', 'creditRating', 'overdueTax', 'penaltyCount', 'reportPeriod', 'taxpayerType', 'years'],
			values: {
				companyName: '福建远航供应链管理有限公司',
				creditCode: '91350100M000100Y43',
				taxpayerType: '一般纳税人',
				creditRating: 'M',
				reportPeriod: '2021-2023',
				overdueTax: '0.00',
				penaltyCount: 0,
			},
		},
	},
	{
		node: 'cbtTaxReport',
		operation: 'invoiceReport',
		parameters: { creditCode: '91350100M000100Y43' },
		request: { method: 'POST', path: '/apis/tt/gw/tax/v1/invoicereport', keys: ['credit_code'] },
		output: {
			items: 1,
			fields: ['companyName', 'creditCode', 'months', 'period', 'topCustomers', 'totalAmount', 'totalInvoiceCount'],
			values: { companyName: '福建远航供应链管理有限公司', creditCode: '91350100M000100Y43', period: '2023-07至2024-06', totalAmount: '12188845.00', totalInvoiceCount: 949 },
		},
	},

	// ---- cbtTaxData ------------------------------------------------------------
	// Echo: order_id is the order read, taxpayer_name the name the order was pushed with, credit_code its code.
	{
		node: 'cbtTaxData',
		operation: 'orderPush',
		parameters: { creditCode: '91350100M000100Y43', companyName: '福建示例科技有限公司', callbackUrl: 'https://hooks.example.com/cbt' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/orderpush', keys: ['callback_url', 'company_name', 'credit_code'] },
		output: {
			items: 1,
			fields: ['accepted_at', 'callback_url', 'credit_code', 'order_id', 'status'],
			values: { order_id: ORDER_ID, status: 'collecting', credit_code: '91350100M000100Y43', callback_url: 'https://hooks.example.com/cbt', accepted_at: BEIJING_TIME },
		},
		variants: [
			{ why: 'the optional company name and callback URL left empty are not sent', parameters: { companyName: '', callbackUrl: '' }, calls: [{ method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/orderpush', keys: ['credit_code'] }] },
		],
	},
	{
		node: 'cbtTaxData',
		operation: 'companyBasics',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/companybasics', keys: ['order_id'] },
		output: {
			items: 1,
			fields: ['credit_code', 'credit_rating', 'industry', 'legal_representative', 'order_id', 'registered_address', 'registered_at', 'registration_type', 'status', 'tax_authority', 'taxpayer_name', 'taxpayer_type'],
			values: {
				order_id: '{order}',
				taxpayer_name: '福建示例科技有限公司',
				credit_code: '91350100M000100Y43',
				taxpayer_type: '小规模纳税人',
				registration_type: '其他有限责任公司',
				legal_representative: '刘洋',
				industry: '通用设备制造业',
				tax_authority: '国家税务总局深圳市南山区税务局',
				registered_address: '广东省深圳市南山区科技南十二路2号',
				registered_at: '2009-02-07',
				credit_rating: 'A',
				status: '正常',
			},
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'companyChanges',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/companychanges', keys: ['order_id', 'page', 'page_size'] },
		output: {
			items: 5,
			fields: ['after', 'before', 'changed_at', 'item'],
			values: { item: '办税人员', before: '李娜', after: '刘洋', changed_at: '2016-02-13' },
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'filings',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/filings', keys: ['order_id', 'page', 'page_size'] },
		output: {
			items: 16,
			fields: ['filed_at', 'period_end', 'period_start', 'tax_paid', 'tax_payable', 'tax_type'],
			values: { tax_type: '增值税', period_start: '2024-01-01', period_end: '2024-01-31', filed_at: '2024-02-10', tax_payable: '363775.60', tax_paid: '363775.60' },
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'levies',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/levies', keys: ['order_id', 'page', 'page_size'] },
		output: {
			items: 28,
			fields: ['amount', 'paid_at', 'period_end', 'period_start', 'tax_item', 'tax_type', 'voucher_no'],
			values: {
				tax_type: '增值税',
				tax_item: '数控机床配件',
				period_start: '2024-01-01',
				period_end: '2024-01-31',
				amount: '363775.60',
				paid_at: '2024-02-10',
				voucher_no: '30061240000100Y4',
			},
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'arrears',
		parameters: { orderId: '{orderWithArrears}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/arrears', keys: ['order_id', 'page', 'page_size'] },
		output: {
			items: 1,
			fields: ['amount', 'late_fee', 'overdue_since', 'period', 'tax_type'],
			values: { tax_type: '印花税', period: '2024-07', amount: '111.80', late_fee: '8.62', overdue_since: '2024-08-16' },
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'salesInvoices',
		parameters: { orderId: '{order}', startDate: '2024-01-01', endDate: '2024-06-30' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/salesinvoices', keys: ['end_date', 'order_id', 'page', 'page_size', 'start_date'] },
		output: {
			items: 50,
			fields: ['amount', 'buyer_name', 'buyer_tax_no', 'invoice_code', 'invoice_no', 'invoice_type', 'issue_date', 'seller_name', 'seller_tax_no', 'status', 'tax_amount', 'tax_rate', 'total_amount'],
			values: {
				invoice_type: '数电票（增值税专用发票）',
				invoice_code: '',
				invoice_no: '24350100000049055000',
				issue_date: '2024-01-01',
				seller_name: '福建示例科技有限公司',
				seller_tax_no: '91350100M000100Y43',
				buyer_name: '北京中关村软件园发展有限责任公司',
				buyer_tax_no: '911101087226181298',
				amount: '12106.86',
				tax_rate: '13%',
				tax_amount: '1573.89',
				total_amount: '13680.75',
				status: '正常',
			},
		},
		variants: [
			{ why: 'without the optional dates', parameters: { startDate: '', endDate: '' }, calls: [{ method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/salesinvoices', keys: ['order_id', 'page', 'page_size'] }] },
		],
	},
	{
		node: 'cbtTaxData',
		operation: 'purchaseInvoices',
		parameters: { orderId: '{order}', startDate: '2024-01-01', endDate: '2024-06-30' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/purchaseinvoices', keys: ['end_date', 'order_id', 'page', 'page_size', 'start_date'] },
		output: {
			items: 50,
			fields: ['amount', 'buyer_name', 'buyer_tax_no', 'invoice_code', 'invoice_no', 'invoice_type', 'issue_date', 'seller_name', 'seller_tax_no', 'status', 'tax_amount', 'tax_rate', 'total_amount'],
			values: {
				invoice_type: '增值税普通发票',
				invoice_code: '044002423711',
				invoice_no: '35778000',
				issue_date: '2024-01-01',
				seller_name: '成都蓉欧供应链管理有限公司',
				seller_tax_no: '91510100MA61ABCD2F',
				buyer_name: '福建示例科技有限公司',
				buyer_tax_no: '91350100M000100Y43',
				amount: '50324.69',
				tax_rate: '6%',
				tax_amount: '3019.48',
				total_amount: '53344.17',
				status: '正常',
			},
		},
		variants: [
			{ why: 'without the optional dates', parameters: { startDate: '', endDate: '' }, calls: [{ method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/purchaseinvoices', keys: ['order_id', 'page', 'page_size'] }] },
		],
	},
	{
		node: 'cbtTaxData',
		operation: 'balanceSheet',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/balancesheet', keys: ['order_id'] },
		output: {
			items: 1,
			fields: ['accounts_payable', 'accounts_receivable', 'fixed_assets', 'inventory', 'monetary_funds', 'order_id', 'paid_in_capital', 'period', 'report_date', 'retained_earnings', 'short_term_loans', 'taxpayer_name', 'total_assets', 'total_current_assets', 'total_equity', 'total_liabilities', 'total_liabilities_and_equity', 'unit'],
			values: {
				order_id: '{order}',
				taxpayer_name: '福建示例科技有限公司',
				period: '2023年度',
				report_date: '2023-12-31',
				unit: '元',
				monetary_funds: '17229610.00',
				accounts_receivable: '13034763.00',
				inventory: '11518643.00',
				total_current_assets: '41783016.00',
				fixed_assets: '28657526.00',
				total_assets: '70440542.00',
				short_term_loans: '7659820.00',
				accounts_payable: '7277743.00',
				total_liabilities: '14937563.00',
				paid_in_capital: '9500000.00',
				retained_earnings: '46002979.00',
				total_equity: '55502979.00',
				total_liabilities_and_equity: '70440542.00',
			},
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'incomeStatement',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/incomestatement', keys: ['order_id'] },
		output: {
			items: 1,
			fields: ['administrative_expenses', 'financial_expenses', 'income_tax', 'net_profit', 'operating_costs', 'operating_profit', 'operating_revenue', 'order_id', 'period', 'selling_expenses', 'taxes_and_surcharges', 'taxpayer_name', 'total_profit', 'unit'],
			values: {
				order_id: '{order}',
				taxpayer_name: '福建示例科技有限公司',
				period: '2023年度',
				unit: '元',
				operating_revenue: '72415352.00',
				operating_costs: '48518286.00',
				taxes_and_surcharges: '434492.00',
				selling_expenses: '4344921.00',
				administrative_expenses: '5793228.00',
				financial_expenses: '529550.00',
				operating_profit: '12794875.00',
				total_profit: '12912806.00',
				income_tax: '3228202.00',
				net_profit: '9684604.00',
			},
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'bankTaxAuthorisations',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/banktaxauthorisations', keys: ['order_id', 'page', 'page_size'] },
		output: {
			items: 3,
			fields: ['authorised_at', 'bank_name', 'expires_at', 'product', 'status'],
			values: { bank_name: '中国工商银行股份有限公司深圳分行', product: '经营快贷', authorised_at: '2022-06-08', expires_at: '2023-06-07', status: '已过期' },
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'taxMerge',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/taxmerge', keys: ['order_id'] },
		output: {
			items: 1,
			fields: ['arrears_amount', 'arrears_count', 'corporate_income_tax_paid', 'debt_ratio_2023', 'filings_count', 'late_filings', 'net_profit_2023', 'operating_revenue_2023', 'order_id', 'period', 'surcharges_paid', 'taxpayer', 'total_assets_2023', 'total_paid', 'vat_paid'],
			values: {
				order_id: '{order}',
				period: '2024年度',
				vat_paid: '4280649.00',
				corporate_income_tax_paid: '423550.00',
				surcharges_paid: '299645.42',
				total_paid: '5003844.42',
				filings_count: 16,
				late_filings: 0,
				arrears_count: 0,
				arrears_amount: '0.00',
				operating_revenue_2023: '72415352.00',
				net_profit_2023: '9684604.00',
				total_assets_2023: '70440542.00',
				debt_ratio_2023: '21.21%',
			},
		},
	},
	{
		node: 'cbtTaxData',
		operation: 'invoiceMerge',
		parameters: { orderId: '{order}' },
		request: { method: 'POST', path: '/apis/tt/gw/rpa_tax/v1/invoicemerge', keys: ['order_id'] },
		output: {
			items: 1,
			fields: ['monthly', 'order_id', 'period', 'purchases', 'sales', 'taxpayer_name'],
			values: {
				order_id: '{order}',
				taxpayer_name: '福建示例科技有限公司',
				period: '2024年度',
				sales: { count: 120, cancelled: 8, amount: '5060382.96', tax_amount: '657849.80', total_amount: '5718232.76' },
				purchases: { count: 124, cancelled: 9, amount: '5636293.81', tax_amount: '576173.29', total_amount: '6212467.10' },
			},
		},
	},

	// ---- cbtMarketingRisk ------------------------------------------------------------
	{
		node: 'cbtMarketingRisk',
		operation: 'marketingRisk',
		parameters: { mobile: '13800138000', idNumber: '11010519491231002X' },
		request: { method: 'POST', path: '/apis/tt/gw/tv1/v1/marketingrisk', keys: ['id_card', 'mobile'] },
		output: {
			items: 1,
			fields: ['isp', 'level', 'score', 'suggestion', 'tags'],
			values: { score: 5, level: '低', tags: [], suggestion: '通过', isp: '中国移动' },
		},
		variants: [
			{ why: 'the optional ID number left empty is not sent', parameters: { idNumber: '' }, calls: [{ method: 'POST', path: '/apis/tt/gw/tv1/v1/marketingrisk', keys: ['mobile'] }] },
		],
	},

	// ---- cbtGateway ------------------------------------------------------------
	// No parameters are known for these two: the Extra Body Fields are the query (GET) or the body (POST); params echo them.
	{
		node: 'cbtGateway',
		operation: 'unnamedEndpoint',
		parameters: { options: { extraBody: '{"ref": "ref-0"}' } },
		request: { method: 'GET', path: '/apis/tt/gw/misc/v1/unnamedendpoint', keys: ['ref'] },
		output: {
			items: 1,
			fields: ['desc', 'params', 'status'],
			values: { status: '1', desc: '成功', params: { ref: 'ref-0' } },
		},
		variants: [
			{ why: 'without Extra Body Fields: no query', parameters: { options: {} }, calls: [{ method: 'GET', path: '/apis/tt/gw/misc/v1/unnamedendpoint', keys: [] }] },
		],
	},
	{
		node: 'cbtGateway',
		operation: 'shidian',
		parameters: { options: { extraBody: '{"ref": "ref-0"}' } },
		request: { method: 'POST', path: '/apis/tt/gw/misc/v1/shidian', keys: ['ref'] },
		output: {
			items: 1,
			fields: ['desc', 'params', 'status', 'taskNo'],
			values: { taskNo: 'SD206032387', status: '1', desc: '提交成功', params: { ref: 'ref-0' } },
		},
		variants: [
			{ why: 'without Extra Body Fields: an empty body', parameters: { options: {} }, calls: [{ method: 'POST', path: '/apis/tt/gw/misc/v1/shidian', keys: [] }] },
		],
	},
];

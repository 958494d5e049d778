import type { VerdictRule } from '../outcomes/verdict';
import type { Endpoint, FieldSpec, OutputShape } from './types';
import { CONSISTENCY_VERDICT } from './verdicts';

/**
 * The ENT category: 66 enterprise endpoints in one node, grouped into resources so that each
 * operation dropdown stays short. The gateway documents none of these paths or body keys; both
 * follow the project's chosen pattern and can be overridden under Options.
 */

/** Resource identifiers (saved in workflows: never change one) and their display names. */
export const ENT_RESOURCES = {
	company: 'Company',
	risk: 'Risk & Judicial',
	tax: 'Tax & Social Insurance',
	ipOperations: 'IP & Operations',
	customReport: 'Custom Report',
	scoreModel: 'Score Model',
	verification: 'Verification',
	person: 'Person',
} as const;

/** The shared "Company" parameter: a name or a unified social credit code. */
export const COMPANY_PARAMETER = 'company';

const company: FieldSpec = { key: 'keyword', kind: 'companyKeyword', parameter: COMPANY_PARAMETER };

/** Every list endpoint answers `data.items`, one page at a time (see calls/paged.ts). */
const list: OutputShape = { kind: 'list', itemsKey: 'items' };
const record: OutputShape = { kind: 'object' };

interface Row {
	operation: string;
	name: string;
	chineseName: string;
	action: string;
	returns: string;
	output: OutputShape;
	fields?: FieldSpec[];
	verdict?: VerdictRule;
	/** The answer holds people's phone numbers although no input is personal (Endpoint.outputHoldsPersonalData). */
	outputHoldsPersonalData?: boolean;
}

function endpoints(resource: keyof typeof ENT_RESOURCES, rows: Row[]): Endpoint[] {
	return rows.map((row) => ({
		category: 'ENT',
		resource,
		operation: row.operation,
		name: row.name,
		chineseName: row.chineseName,
		action: row.action,
		returns: row.returns,
		method: 'POST',
		path: `/apis/tt/gw/ent/v1/${row.operation.toLowerCase()}`,
		pathConfirmed: false,
		fields: row.fields ?? [company],
		output: row.output,
		...(row.verdict ? { verdict: row.verdict } : {}),
		...(row.outputHoldsPersonalData ? { outputHoldsPersonalData: true } : {}),
	}));
}

const COMPANY = endpoints('company', [
	{ operation: 'businessInfo', name: 'Business Registration', chineseName: '工商照面', action: 'Get the business registration of a company', returns: 'Returns the registration record: registered name, credit code, legal representative, capital, status, dates and business scope', output: record },
	{ operation: 'shareholders', name: 'Shareholders', chineseName: '工商股东', action: 'List the shareholders of a company', returns: 'Returns one item per shareholder: name, person or company, share and subscribed capital', output: list },
	{ operation: 'keyPersonnel', name: 'Key Personnel', chineseName: '主要人员', action: 'List the key personnel of a company', returns: 'Returns one item per director, supervisor or manager: name and position', output: list },
	{ operation: 'changeRecords', name: 'Change Records', chineseName: '变更记录', action: 'List the registration changes of a company', returns: 'Returns one item per registration change: date, what changed, before and after', output: list },
	{ operation: 'annualReports', name: 'Annual Reports', chineseName: '工商年报', action: 'List the annual reports of a company', returns: 'Returns one item per annual report: year, publication date, status, headcount and the published contact details', output: list, outputHoldsPersonalData: true },
	{ operation: 'outboundInvestments', name: 'Outbound Investments', chineseName: '对外投资', action: 'List the investments of a company in other companies', returns: 'Returns one item per company invested in: name, share, amount and status', output: list },
	{ operation: 'branches', name: 'Branches', chineseName: '分支机构', action: 'List the branches of a company', returns: 'Returns one item per branch: name, person in charge, date set up and status', output: list },
	{ operation: 'familyTree', name: 'Six-Level Family Tree', chineseName: '六层族谱', action: 'Get the six-level ownership tree of a company', returns: 'Returns the ownership tree six levels up and down: shareholders and invested companies with their shares', output: record },
	{ operation: 'actualController', name: 'Actual Controller', chineseName: '实际控制人', action: 'Get the actual controller of a company', returns: 'Returns the actual controller: name, share of control and the chain of holdings', output: record },
	{ operation: 'controlledCompanies', name: 'Controlled Companies', chineseName: '实际控制企业', action: 'List the companies a company actually controls', returns: 'Returns one item per company it controls: name, share of control and the chain of holdings', output: list },
	{ operation: 'beneficialOwners', name: 'Beneficial Owners', chineseName: '实际受益人', action: 'List the beneficial owners of a company', returns: 'Returns one item per beneficial owner: name, share, how it is held and position', output: list },
	{ operation: 'contactDetails', name: 'Contact Details', chineseName: '企业联系方式', action: 'Get the contact details of a company', returns: 'Returns the published phone numbers, email addresses and website', output: record, outputHoldsPersonalData: true },
	{ operation: 'companyLogo', name: 'Company Logo', chineseName: '企业LOGO', action: 'Get the logo of a company', returns: 'Returns the company’s logo (an image address)', output: record },
	{ operation: 'companySize', name: 'Company Size', chineseName: '企业规模', action: 'Get the size class of a company', returns: 'Returns the company’s size class (large, medium, small or micro)', output: record },
	{ operation: 'simplifiedDeregistration', name: 'Simplified Deregistration', chineseName: '简易注销', action: 'Get the simplified deregistration notice of a company', returns: 'Returns the simplified deregistration notice: dates, objections and result', output: record },
	{ operation: 'liquidationGroup', name: 'Liquidation Group', chineseName: '工商清算组人员', action: 'Get the liquidation group of a company', returns: 'Returns the liquidation group: its head and members', output: record },
	{
		operation: 'companySearch',
		name: 'Company Search',
		chineseName: '企业模糊搜索',
		action: 'Search companies by name',
		returns: 'Returns one item per matching company: name, credit code, legal representative and status',
		output: list,
		fields: [
			{
				key: 'keyword',
				kind: 'text',
				parameter: 'searchTerm',
				displayName: 'Search Term',
				description: 'Part of a company name, a person’s name or a credit code',
			},
		],
	},
	{
		operation: 'englishNameSearch',
		name: 'English Name Search',
		chineseName: '英文名称模糊搜索',
		action: 'Search companies by English name',
		returns: 'Returns one item per matching company: English and Chinese name and credit code',
		output: list,
		fields: [
			{
				key: 'keyword',
				kind: 'text',
				parameter: 'englishName',
				displayName: 'English Name',
				description: 'Part of a company’s English name',
			},
		],
	},
]);

const RISK = endpoints('risk', [
	{ operation: 'abnormalOperations', name: 'Abnormal Operations', chineseName: '经营异常', action: 'List the abnormal operation records of a company', returns: 'Returns one item per listing as abnormal: reason, date, authority and removal', output: list },
	{ operation: 'chattelMortgages', name: 'Chattel Mortgages', chineseName: '动产抵押', action: 'List the chattel mortgages of a company', returns: 'Returns one item per chattel mortgage: registration number, creditor, amount and status', output: list },
	{ operation: 'equityPledges', name: 'Equity Pledges', chineseName: '股权出质', action: 'List the equity pledges of a company', returns: 'Returns one item per equity pledge: pledgor, pledgee, amount and status', output: list },
	{ operation: 'equityFreezes', name: 'Equity Freezes', chineseName: '股权冻结', action: 'List the equity freezes of a company', returns: 'Returns one item per equity freeze: court, person whose equity is frozen, amount and period', output: list },
	{ operation: 'dishonestDebtors', name: 'Dishonest Judgment Debtors', chineseName: '失信被执行企业', action: 'List the dishonest judgment debtor records of a company', returns: 'Returns one item per dishonest debtor listing: case number, court, obligation and performance', output: list },
	{ operation: 'judgmentDebtors', name: 'Judgment Debtors', chineseName: '被执行人', action: 'List the judgment debtor records of a company', returns: 'Returns one item per enforcement case: case number, court, amount and filing date', output: list },
	{ operation: 'judgmentDocuments', name: 'Judgment Documents', chineseName: '裁判文书', action: 'List the court judgments involving a company', returns: 'Returns one item per court judgment: title, case number, cause, the company’s role and date', output: list },
	{ operation: 'courtAnnouncements', name: 'Court Announcements', chineseName: '法院公告', action: 'List the court announcements involving a company', returns: 'Returns one item per court announcement: type, court, parties and date', output: list },
	{ operation: 'hearingAnnouncements', name: 'Court Hearing Announcements', chineseName: '开庭公告', action: 'List the court hearing announcements involving a company', returns: 'Returns one item per court hearing: case number, cause, court, parties and date', output: list },
	{ operation: 'judicialAssistance', name: 'Judicial Assistance', chineseName: '司法协助', action: 'List the judicial assistance records of a company', returns: 'Returns one item per judicial assistance record: court, person subject to enforcement, equity amount and status', output: list },
	{ operation: 'judicialAuctions', name: 'Judicial Auctions', chineseName: '司法拍卖', action: 'List the judicial auctions involving a company', returns: 'Returns one item per judicial auction: title, court, starting price and date', output: list },
	{ operation: 'administrativePenalties', name: 'Administrative Penalties', chineseName: '行政处罚', action: 'List the administrative penalties of a company', returns: 'Returns one item per administrative penalty: decision number, violation, penalty, authority and date', output: list },
	{ operation: 'environmentalPenalties', name: 'Environmental Penalties', chineseName: '环保处罚', action: 'List the environmental penalties of a company', returns: 'Returns one item per environmental penalty: decision number, violation, penalty and date', output: list },
	{ operation: 'seriousViolations', name: 'Serious Violations', chineseName: '严重违法', action: 'List the serious violation records of a company', returns: 'Returns one item per serious violation listing: reason, authority, date and removal', output: list },
	{ operation: 'spotChecks', name: 'Spot Checks', chineseName: '抽查检查', action: 'List the spot checks of a company', returns: 'Returns one item per spot check: authority, type, result and date', output: list },
]);

const TAX = endpoints('tax', [
	{ operation: 'taxCreditA', name: 'Tax Credit A-Level', chineseName: '纳税A级', action: 'List the years a company was rated A for tax credit', returns: 'Returns one item per year the company was rated A for tax credit', output: list },
	{ operation: 'taxArrears', name: 'Tax Arrears', chineseName: '欠税信息', action: 'List the tax arrears notices of a company', returns: 'Returns one item per tax arrears notice: tax type, amount owed, tax office and date', output: list },
	{ operation: 'totalTaxArrears', name: 'Total Tax Arrears', chineseName: '欠税合计', action: 'Get the total tax arrears of a company', returns: 'Returns the total tax the company owes', output: record },
	{ operation: 'majorTaxViolations', name: 'Major Tax Violations', chineseName: '重大税收违法', action: 'List the major tax violations of a company', returns: 'Returns one item per major tax violation case: nature, facts, penalty and date', output: list },
	{ operation: 'abnormalTaxpayers', name: 'Abnormal Taxpayers', chineseName: '非正常户', action: 'List the abnormal taxpayer records of a company', returns: 'Returns one item per abnormal taxpayer listing: tax office and date', output: list },
	{ operation: 'taxpayerType', name: 'Taxpayer Type', chineseName: '纳税人类型', action: 'Get the taxpayer type of a company', returns: 'Returns the taxpayer type (general or small-scale VAT taxpayer) and since when', output: record },
	{ operation: 'socialInsurance', name: 'Social Insurance', chineseName: '社保信息', action: 'Get the social insurance headcount of a company', returns: 'Returns the number of insured employees by kind of insurance', output: record },
]);

const IP_OPERATIONS = endpoints('ipOperations', [
	{ operation: 'patents', name: 'Patents', chineseName: '专利列表', action: 'List the patents of a company', returns: 'Returns one item per patent: title, type, application and publication numbers and dates', output: list },
	{ operation: 'trademarks', name: 'Trademarks', chineseName: '商标列表', action: 'List the trademarks of a company', returns: 'Returns one item per trademark: name, registration number, class, status and image', output: list },
	{ operation: 'copyrightedWorks', name: 'Copyrighted Works', chineseName: '作品著作权', action: 'List the copyrighted works of a company', returns: 'Returns one item per registered work: title, type, registration number and date', output: list },
	{ operation: 'softwareCopyrights', name: 'Software Copyrights', chineseName: '软件著作权', action: 'List the software copyrights of a company', returns: 'Returns one item per software copyright: software name, version, registration number and date', output: list },
	{ operation: 'domainNames', name: 'Domain Names', chineseName: '域名信息', action: 'List the registered domain names of a company', returns: 'Returns one item per domain: domain name, website name, ICP licence number and date', output: list },
	{ operation: 'financing', name: 'Financing', chineseName: '融资信息', action: 'List the financing rounds of a company', returns: 'Returns one item per financing round: round, amount, investors and date', output: list },
	{ operation: 'news', name: 'News Sentiment', chineseName: '新闻舆情', action: 'List news about a company with its sentiment', returns: 'Returns one item per news article: title, source, date and whether it reads positive or negative', output: list },
	{ operation: 'bids', name: 'Bids List', chineseName: '招投标列表', action: 'List the tenders and bids of a company', returns: 'Returns one item per tender or award notice: title, region, role, amount and date', output: list },
	{ operation: 'importExport', name: 'Import/Export Enterprise', chineseName: '进出口企业查询', action: 'Get the customs registration of a company', returns: 'Returns the customs registration: customs code, registration date, type of business and status', output: record },
	{ operation: 'administrativeLicenses', name: 'Administrative Licenses', chineseName: '行政许可', action: 'List the administrative licenses of a company', returns: 'Returns one item per administrative license: number, content, issuing authority and validity', output: list },
	{ operation: 'telecomLicenses', name: 'Telecom Licenses', chineseName: '电信许可', action: 'List the telecom licenses of a company', returns: 'Returns one item per telecom license: number, business type and validity', output: list },
	{ operation: 'qualifications', name: 'Qualifications', chineseName: '资质信息', action: 'List the qualification certificates of a company', returns: 'Returns one item per qualification certificate: type, number, issuing authority and validity', output: list },
	{ operation: 'jobPostings', name: 'Job Postings', chineseName: '招聘信息', action: 'List the job postings of a company', returns: 'Returns one item per job posting: position, salary, location, education and date', output: list },
]);

/** Reports built for particular customers (定制接口); the group names (dx, r360, …) are the gateway's. */
const CUSTOM_REPORTS = endpoints('customReport', [
	{ operation: 'dxTenders', name: 'Tenders and Bids (DX)', chineseName: '招投标信息', action: 'Get the DX tender and bid report of a company', returns: 'Returns the DX tender and bid report: counts, amounts and the notices', output: record },
	{ operation: 'r360Judicial', name: 'Judicial Information (R360)', chineseName: '司法信息', action: 'Get the R360 judicial report of a company', returns: 'Returns the R360 judicial report: cases, enforcement and dishonest debtor records in one answer', output: record },
	{ operation: 'r360PledgeChanges', name: 'Equity Pledge and Change Analysis (R360)', chineseName: '工商股权质押&变更分析', action: 'Get the R360 equity pledge and change analysis of a company', returns: 'Returns the R360 analysis of equity pledges and registration changes', output: record },
	{ operation: 'lhzxListedFinancials', name: 'Listed Company Financial Analysis (LHZX)', chineseName: '上市公司财务分析', action: 'Get the LHZX financial analysis of a listed company', returns: 'Returns the LHZX financial analysis of a listed company: key figures and ratios by period', output: record },
	{ operation: 'lhzxLandMortgages', name: 'Land Mortgages (LHZX)', chineseName: '企业土地抵押', action: 'Get the LHZX land mortgage report of a company', returns: 'Returns the LHZX land mortgage report: parcels, mortgagees, amounts and periods', output: record },
	{ operation: 'lhzxGuarantees', name: 'Annual Report Guarantees (LHZX)', chineseName: '年报对外担保', action: 'Get the LHZX report of guarantees a company declared', returns: 'Returns the LHZX report of guarantees the company declared in its annual reports', output: record },
	{ operation: 'dgsmReports', name: 'Company Report Collection (DGSM)', chineseName: '企业报告合集', action: 'Get the DGSM report collection of a company', returns: 'Returns the DGSM report collection: several company reports in one answer', output: record },
]);

const SCORE_MODELS = endpoints('scoreModel', [
	{ operation: 'shellCompanyIndex', name: 'Shell Company Index', chineseName: '企业空壳指数', action: 'Score how likely a company is a shell', returns: 'Returns the shell company score and the signals behind it', output: record },
	{ operation: 'annualReportAssets', name: 'Annual Report Assets (Non-Public)', chineseName: '企业年报资产(非公开)', action: 'Get the asset ranges a company reported', returns: 'Returns the ranges of assets, revenue, profit and tax the company reported (non-public)', output: record },
]);

const companyName: FieldSpec = {
	key: 'companyName',
	kind: 'text',
	displayName: 'Company Name',
	description: 'The company’s full registered name, exactly as on its business license',
};
const creditCode: FieldSpec = { key: 'creditCode', kind: 'creditCode' };
const legalPersonName: FieldSpec = {
	key: 'legalPersonName',
	kind: 'chineseName',
	displayName: 'Legal Representative',
	description: 'The name of the company’s legal representative (法定代表人)',
};
const legalPersonIdNumber: FieldSpec = {
	key: 'legalPersonIdNumber',
	kind: 'idNumber',
	displayName: 'Legal Representative ID Number',
	description: 'The resident ID number of the legal representative',
};

const VERIFICATION = endpoints('verification', [
	{
		operation: 'verifyThreeFactors',
		name: 'Three-Factor Verification',
		chineseName: '企业三要素核验',
		action: 'Verify a company name, credit code and legal representative',
		returns: 'Returns whether the company name, credit code and legal representative belong together, with a verdict: match, mismatch or noRecord',
		output: record,
		fields: [companyName, creditCode, legalPersonName],
		verdict: CONSISTENCY_VERDICT,
	},
	{
		operation: 'verifyFourFactors',
		name: 'Four-Factor Verification',
		chineseName: '企业-四要素',
		action: 'Verify a company name, credit code, legal representative and ID number',
		returns: 'Returns whether the company name, credit code, legal representative and ID number belong together, with a verdict: match, mismatch or noRecord',
		output: record,
		fields: [companyName, creditCode, legalPersonName, legalPersonIdNumber],
		verdict: CONSISTENCY_VERDICT,
	},
]);

const personName: FieldSpec = { key: 'name', kind: 'chineseName' };
const personIdNumber: FieldSpec = { key: 'idNumber', kind: 'idNumber' };

const PERSON = endpoints('person', [
	{
		operation: 'executiveJudicial',
		name: 'Executive Judicial Summary',
		chineseName: '董监高司法综合信息查询-外接',
		action: 'Get the judicial summary of a company executive',
		returns: 'Returns the executive’s court cases, enforcement and dishonest debtor records',
		output: record,
		fields: [personName, personIdNumber],
	},
	{
		operation: 'personInvestments',
		name: 'Investments and Positions',
		chineseName: '人员对外投资任职查询',
		action: 'Get the companies a person invests in or works for',
		returns: 'Returns the companies the person invests in, holds positions in or represents legally',
		output: record,
		fields: [personName, personIdNumber],
	},
]);

export const ENT_ENDPOINTS: Endpoint[] = [
	...COMPANY,
	...RISK,
	...TAX,
	...IP_OPERATIONS,
	...CUSTOM_REPORTS,
	...SCORE_MODELS,
	...VERIFICATION,
	...PERSON,
];

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
	output: OutputShape;
	fields?: FieldSpec[];
	verdict?: VerdictRule;
}

function endpoints(resource: keyof typeof ENT_RESOURCES, rows: Row[]): Endpoint[] {
	return rows.map((row) => ({
		category: 'ENT',
		resource,
		operation: row.operation,
		name: row.name,
		chineseName: row.chineseName,
		action: row.action,
		method: 'POST',
		path: `/apis/tt/gw/ent/v1/${row.operation.toLowerCase()}`,
		pathConfirmed: false,
		fields: row.fields ?? [company],
		output: row.output,
		...(row.verdict ? { verdict: row.verdict } : {}),
	}));
}

const COMPANY = endpoints('company', [
	{ operation: 'businessInfo', name: 'Business Registration', chineseName: '工商照面', action: 'Get the business registration of a company', output: record },
	{ operation: 'shareholders', name: 'Shareholders', chineseName: '工商股东', action: 'List the shareholders of a company', output: list },
	{ operation: 'keyPersonnel', name: 'Key Personnel', chineseName: '主要人员', action: 'List the key personnel of a company', output: list },
	{ operation: 'changeRecords', name: 'Change Records', chineseName: '变更记录', action: 'List the registration changes of a company', output: list },
	{ operation: 'annualReports', name: 'Annual Reports', chineseName: '工商年报', action: 'List the annual reports of a company', output: list },
	{ operation: 'outboundInvestments', name: 'Outbound Investments', chineseName: '对外投资', action: 'List the investments of a company in other companies', output: list },
	{ operation: 'branches', name: 'Branches', chineseName: '分支机构', action: 'List the branches of a company', output: list },
	{ operation: 'familyTree', name: 'Six-Level Family Tree', chineseName: '六层族谱', action: 'Get the six-level ownership tree of a company', output: record },
	{ operation: 'actualController', name: 'Actual Controller', chineseName: '实际控制人', action: 'Get the actual controller of a company', output: record },
	{ operation: 'controlledCompanies', name: 'Controlled Companies', chineseName: '实际控制企业', action: 'List the companies a company actually controls', output: list },
	{ operation: 'beneficialOwners', name: 'Beneficial Owners', chineseName: '实际受益人', action: 'List the beneficial owners of a company', output: list },
	{ operation: 'contactDetails', name: 'Contact Details', chineseName: '企业联系方式', action: 'Get the contact details of a company', output: record },
	{ operation: 'companyLogo', name: 'Company Logo', chineseName: '企业LOGO', action: 'Get the logo of a company', output: record },
	{ operation: 'companySize', name: 'Company Size', chineseName: '企业规模', action: 'Get the size class of a company', output: record },
	{ operation: 'simplifiedDeregistration', name: 'Simplified Deregistration', chineseName: '简易注销', action: 'Get the simplified deregistration notice of a company', output: record },
	{ operation: 'liquidationGroup', name: 'Liquidation Group', chineseName: '工商清算组人员', action: 'Get the liquidation group of a company', output: record },
	{
		operation: 'companySearch',
		name: 'Company Search',
		chineseName: '企业模糊搜索',
		action: 'Search companies by name',
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
	{ operation: 'abnormalOperations', name: 'Abnormal Operations', chineseName: '经营异常', action: 'List the abnormal operation records of a company', output: list },
	{ operation: 'chattelMortgages', name: 'Chattel Mortgages', chineseName: '动产抵押', action: 'List the chattel mortgages of a company', output: list },
	{ operation: 'equityPledges', name: 'Equity Pledges', chineseName: '股权出质', action: 'List the equity pledges of a company', output: list },
	{ operation: 'equityFreezes', name: 'Equity Freezes', chineseName: '股权冻结', action: 'List the equity freezes of a company', output: list },
	{ operation: 'dishonestDebtors', name: 'Dishonest Judgment Debtors', chineseName: '失信被执行企业', action: 'List the dishonest judgment debtor records of a company', output: list },
	{ operation: 'judgmentDebtors', name: 'Judgment Debtors', chineseName: '被执行人', action: 'List the judgment debtor records of a company', output: list },
	{ operation: 'judgmentDocuments', name: 'Judgment Documents', chineseName: '裁判文书', action: 'List the court judgments involving a company', output: list },
	{ operation: 'courtAnnouncements', name: 'Court Announcements', chineseName: '法院公告', action: 'List the court announcements involving a company', output: list },
	{ operation: 'hearingAnnouncements', name: 'Court Hearing Announcements', chineseName: '开庭公告', action: 'List the court hearing announcements involving a company', output: list },
	{ operation: 'judicialAssistance', name: 'Judicial Assistance', chineseName: '司法协助', action: 'List the judicial assistance records of a company', output: list },
	{ operation: 'judicialAuctions', name: 'Judicial Auctions', chineseName: '司法拍卖', action: 'List the judicial auctions involving a company', output: list },
	{ operation: 'administrativePenalties', name: 'Administrative Penalties', chineseName: '行政处罚', action: 'List the administrative penalties of a company', output: list },
	{ operation: 'environmentalPenalties', name: 'Environmental Penalties', chineseName: '环保处罚', action: 'List the environmental penalties of a company', output: list },
	{ operation: 'seriousViolations', name: 'Serious Violations', chineseName: '严重违法', action: 'List the serious violation records of a company', output: list },
	{ operation: 'spotChecks', name: 'Spot Checks', chineseName: '抽查检查', action: 'List the spot checks of a company', output: list },
]);

const TAX = endpoints('tax', [
	{ operation: 'taxCreditA', name: 'Tax Credit A-Level', chineseName: '纳税A级', action: 'List the years a company was rated A for tax credit', output: list },
	{ operation: 'taxArrears', name: 'Tax Arrears', chineseName: '欠税信息', action: 'List the tax arrears notices of a company', output: list },
	{ operation: 'totalTaxArrears', name: 'Total Tax Arrears', chineseName: '欠税合计', action: 'Get the total tax arrears of a company', output: record },
	{ operation: 'majorTaxViolations', name: 'Major Tax Violations', chineseName: '重大税收违法', action: 'List the major tax violations of a company', output: list },
	{ operation: 'abnormalTaxpayers', name: 'Abnormal Taxpayers', chineseName: '非正常户', action: 'List the abnormal taxpayer records of a company', output: list },
	{ operation: 'taxpayerType', name: 'Taxpayer Type', chineseName: '纳税人类型', action: 'Get the taxpayer type of a company', output: record },
	{ operation: 'socialInsurance', name: 'Social Insurance', chineseName: '社保信息', action: 'Get the social insurance headcount of a company', output: record },
]);

const IP_OPERATIONS = endpoints('ipOperations', [
	{ operation: 'patents', name: 'Patents', chineseName: '专利列表', action: 'List the patents of a company', output: list },
	{ operation: 'trademarks', name: 'Trademarks', chineseName: '商标列表', action: 'List the trademarks of a company', output: list },
	{ operation: 'copyrightedWorks', name: 'Copyrighted Works', chineseName: '作品著作权', action: 'List the copyrighted works of a company', output: list },
	{ operation: 'softwareCopyrights', name: 'Software Copyrights', chineseName: '软件著作权', action: 'List the software copyrights of a company', output: list },
	{ operation: 'domainNames', name: 'Domain Names', chineseName: '域名信息', action: 'List the registered domain names of a company', output: list },
	{ operation: 'financing', name: 'Financing', chineseName: '融资信息', action: 'List the financing rounds of a company', output: list },
	{ operation: 'news', name: 'News Sentiment', chineseName: '新闻舆情', action: 'List news about a company with its sentiment', output: list },
	{ operation: 'bids', name: 'Bids List', chineseName: '招投标列表', action: 'List the tenders and bids of a company', output: list },
	{ operation: 'importExport', name: 'Import/Export Enterprise', chineseName: '进出口企业查询', action: 'Get the customs registration of a company', output: record },
	{ operation: 'administrativeLicenses', name: 'Administrative Licenses', chineseName: '行政许可', action: 'List the administrative licenses of a company', output: list },
	{ operation: 'telecomLicenses', name: 'Telecom Licenses', chineseName: '电信许可', action: 'List the telecom licenses of a company', output: list },
	{ operation: 'qualifications', name: 'Qualifications', chineseName: '资质信息', action: 'List the qualification certificates of a company', output: list },
	{ operation: 'jobPostings', name: 'Job Postings', chineseName: '招聘信息', action: 'List the job postings of a company', output: list },
]);

/** Reports built for particular customers (定制接口); the group names (dx, r360, …) are the gateway's. */
const CUSTOM_REPORTS = endpoints('customReport', [
	{ operation: 'dxTenders', name: 'Tenders and Bids (DX)', chineseName: '招投标信息', action: 'Get the DX tender and bid report of a company', output: record },
	{ operation: 'r360Judicial', name: 'Judicial Information (R360)', chineseName: '司法信息', action: 'Get the R360 judicial report of a company', output: record },
	{ operation: 'r360PledgeChanges', name: 'Equity Pledge and Change Analysis (R360)', chineseName: '工商股权质押&变更分析', action: 'Get the R360 equity pledge and change analysis of a company', output: record },
	{ operation: 'lhzxListedFinancials', name: 'Listed Company Financial Analysis (LHZX)', chineseName: '上市公司财务分析', action: 'Get the LHZX financial analysis of a listed company', output: record },
	{ operation: 'lhzxLandMortgages', name: 'Land Mortgages (LHZX)', chineseName: '企业土地抵押', action: 'Get the LHZX land mortgage report of a company', output: record },
	{ operation: 'lhzxGuarantees', name: 'Annual Report Guarantees (LHZX)', chineseName: '年报对外担保', action: 'Get the LHZX report of guarantees a company declared', output: record },
	{ operation: 'dgsmReports', name: 'Company Report Collection (DGSM)', chineseName: '企业报告合集', action: 'Get the DGSM report collection of a company', output: record },
]);

const SCORE_MODELS = endpoints('scoreModel', [
	{ operation: 'shellCompanyIndex', name: 'Shell Company Index', chineseName: '企业空壳指数', action: 'Score how likely a company is a shell', output: record },
	{ operation: 'annualReportAssets', name: 'Annual Report Assets (Non-Public)', chineseName: '企业年报资产(非公开)', action: 'Get the asset ranges a company reported', output: record },
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
		output: record,
		fields: [companyName, creditCode, legalPersonName],
		verdict: CONSISTENCY_VERDICT,
	},
	{
		operation: 'verifyFourFactors',
		name: 'Four-Factor Verification',
		chineseName: '企业-四要素',
		action: 'Verify a company name, credit code, legal representative and ID number',
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
		output: record,
		fields: [personName, personIdNumber],
	},
	{
		operation: 'personInvestments',
		name: 'Investments and Positions',
		chineseName: '人员对外投资任职查询',
		action: 'Get the companies a person invests in or works for',
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

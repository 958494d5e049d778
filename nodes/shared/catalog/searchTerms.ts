/**
 * Words people type in n8n's node panel, per node: task words in English and Chinese, beside the
 * gateway's own endpoint names (which the codex aliases hold too). n8n's search reads a node's
 * display name and its codex aliases; `npm run docs` writes these into each node's codex file.
 */
export const SEARCH_TERMS: Readonly<Record<string, readonly string[]>> = {
	cbtOcr: [
		'invoice', 'invoice OCR', 'receipt', 'fapiao', 'VAT invoice', 'ID card', 'identity card', 'bank card', 'business license',
		'business licence', 'document scan', 'text recognition', 'read image',
		'发票识别', '发票', '增值税发票', '身份证', '身份证识别', '银行卡', '银行卡识别', '营业执照', '营业执照识别', '文字识别',
	],
	cbtIdentity: [
		'KYC', 'identity verification', 'verify identity', 'ID card', 'ID check', 'real name', 'name and ID', 'face', 'face match',
		'liveness', 'marriage', 'marital status', 'litigation', 'lawsuit', 'fraud', 'anti-fraud', 'lending', 'credit risk', 'risk',
		'身份证', '身份证核验', '实名认证', '实名核验', '二要素', '人脸', '人像比对', '活体', '婚姻', '涉诉', '反欺诈', '多头借贷', '风控',
	],
	cbtEnterprise: [
		'company', 'company lookup', 'company search', 'business', 'business registration', 'due diligence', 'supplier check',
		'KYB', 'shareholders', 'legal representative', 'court', 'judgment', 'dishonest debtor', 'patent', 'trademark', 'tax rating',
		'企业信息', '企业查询', '工商信息', '工商', '股东', '法人', '企业核验', '三要素', '失信', '裁判文书', '专利', '商标', '尽职调查',
	],
	cbtCarrier: [
		'mobile', 'mobile number', 'phone', 'phone number', 'phone verification', 'carrier', 'telecom', 'SIM', 'number age',
		'手机号', '手机号核验', '运营商', '三要素', '二要素', '在网时长',
	],
	cbtEducation: ['education', 'degree', 'diploma', 'academic', 'background check', '学历', '学历核验', '教育背景'],
	cbtVehicle: ['vehicle', 'car', 'VIN', 'license plate', 'plate number', 'automobile', '车辆', '车牌', '车架号', '车辆信息'],
	cbtRealEstate: ['real estate', 'property', 'house', 'land registry', '房产', '不动产', '房产查询'],
	cbtTaxReport: ['tax', 'tax report', 'invoice report', 'taxpayer', 'VAT', '纳税', '税务', '纳税报告', '开票报告'],
	cbtTaxData: ['tax', 'tax data', 'tax filing', 'financial statements', 'balance sheet', 'income statement', 'sales invoices', 'purchase invoices', '税务数据', '发票', '财务报表', '银税互动'],
	cbtMarketingRisk: ['marketing risk', 'anti-fraud', 'fraud', 'risk score', 'promotion abuse', '营销风控', '羊毛党', '风控'],
	cbtGateway: ['HTTP', 'API', 'API request', 'custom request', 'gateway', '接口'],
	cbtTrigger: ['webhook', 'notification', 'callback', 'RPA', 'tax data finished', '异步通知', '回调'],
};

import { CAR_ENDPOINTS } from './car';
import { EDU_ENDPOINTS } from './edu';
import { ENT_ENDPOINTS } from './ent';
import { GA_ENDPOINTS } from './ga';
import { IMP_ENDPOINTS } from './imp';
import { MISC_ENDPOINTS } from './misc';
import { OCR_ENDPOINTS } from './ocr';
import { OPT_ENDPOINTS } from './opt';
import { RPA_TAX_ENDPOINTS, RPA_TAX_NOTIFICATIONS } from './rpaTax';
import { TAX_ENDPOINTS } from './tax';
import { TV1_ENDPOINTS } from './tv1';
import type { Category, Endpoint } from './types';

/** Which node serves each gateway category, and the endpoints in it: one catalog file per category. */
export const CATEGORY_NODES: ReadonlyArray<{ category: Category; node: string; displayName: string; endpoints: readonly Endpoint[] }> = [
	{ category: 'OCR', node: 'cbtOcr', displayName: 'CBT OCR', endpoints: OCR_ENDPOINTS },
	{ category: 'GA', node: 'cbtIdentity', displayName: 'CBT Identity & Risk', endpoints: GA_ENDPOINTS },
	{ category: 'ENT', node: 'cbtEnterprise', displayName: 'CBT Enterprise', endpoints: ENT_ENDPOINTS },
	{ category: 'OPT', node: 'cbtCarrier', displayName: 'CBT Carrier', endpoints: OPT_ENDPOINTS },
	{ category: 'EDU', node: 'cbtEducation', displayName: 'CBT Education', endpoints: EDU_ENDPOINTS },
	{ category: 'CAR', node: 'cbtVehicle', displayName: 'CBT Vehicle', endpoints: CAR_ENDPOINTS },
	{ category: 'IMP', node: 'cbtRealEstate', displayName: 'CBT Real Estate', endpoints: IMP_ENDPOINTS },
	{ category: 'TAX', node: 'cbtTaxReport', displayName: 'CBT Tax Report', endpoints: TAX_ENDPOINTS },
	{ category: 'RPA_TAX', node: 'cbtTaxData', displayName: 'CBT Tax Data', endpoints: RPA_TAX_ENDPOINTS },
	{ category: 'RPA_TAX', node: 'cbtTrigger', displayName: 'CBT Trigger', endpoints: RPA_TAX_NOTIFICATIONS },
	{ category: 'tv1', node: 'cbtMarketingRisk', displayName: 'CBT Marketing Risk', endpoints: TV1_ENDPOINTS },
	{ category: 'MISC', node: 'cbtGateway', displayName: 'CBT Gateway', endpoints: MISC_ENDPOINTS },
];

/** The whole catalog: every endpoint the package knows. */
export const CATALOG: readonly Endpoint[] = CATEGORY_NODES.flatMap((entry) => entry.endpoints);

export {
	CAR_ENDPOINTS,
	EDU_ENDPOINTS,
	ENT_ENDPOINTS,
	GA_ENDPOINTS,
	IMP_ENDPOINTS,
	MISC_ENDPOINTS,
	OCR_ENDPOINTS,
	OPT_ENDPOINTS,
	RPA_TAX_ENDPOINTS,
	RPA_TAX_NOTIFICATIONS,
	TAX_ENDPOINTS,
	TV1_ENDPOINTS,
};
export type { Category, Endpoint, FieldSpec, OutputShape } from './types';
export { parameterOf } from './types';

import type { INodeParameters } from 'n8n-workflow';

import { CATEGORY_NODES, type Endpoint } from '../../nodes/shared/catalog';
import { COMPANY_PARAMETER } from '../../nodes/shared/catalog/ent';
import type { FieldKindId } from '../../nodes/shared/fields';
import { SANDBOX_SM4_KEY } from '../../sandbox/fixtures/ga';
import type { HarnessItem } from '../harness/harness';
import { makePng } from './images';

/**
 * Valid values per field kind, typed by hand (each passes the kind's own rules): two per kind so
 * that two items can be two different people or companies. test/operations/expectations.ts writes
 * these values out in its rows (its expected outputs are for them): change both together.
 */
export const SAMPLES: Record<Exclude<FieldKindId, 'image' | 'faceImage'>, readonly [string, string]> = {
	chineseName: ['张三', '王五'],
	idNumber: ['11010519491231002X', '110101199003074477'],
	mobile: ['13800138000', '13912345678'],
	creditCode: ['91350100M000100Y43', '91330100716105852F'],
	companyKeyword: ['福建示例科技有限公司', '91350100M000100Y43'],
	plate: ['沪AD12345', '粤B12345D'],
	vin: ['LSVAU2180N2183294', 'LFV2A21K3A4123456'],
	bankCard: ['4111111111111111', '6011000990139424'],
	date: ['2024-01-01', '2024-06-30'],
	text: ['AUTH20240601001', 'AUTH20240601002'],
};

export function nodeOf(endpoint: Endpoint): string {
	const entry = CATEGORY_NODES.find((candidate) => candidate.endpoints.includes(endpoint));
	if (!entry) throw new Error(`no node serves ${endpoint.category}.${endpoint.operation}`);
	return entry.node;
}

/** One item that makes a valid call of the operation, with every field filled (optional ones too). */
export function sampleCase(endpoint: Endpoint): { node: string; parameters: INodeParameters; items: HarnessItem[] } {
	const parameters: INodeParameters = { operation: endpoint.operation };
	if (endpoint.resource) parameters.resource = endpoint.resource;
	const item: HarnessItem = { json: {} };
	for (const field of endpoint.fields) {
		const parameter = field.parameter ?? field.key;
		if (field.kind === 'image' && endpoint.category === 'OCR') {
			Object.assign(parameters, { imageSource: 'base64', imageBase64: makePng(16, 16, 7).toString('base64') });
		} else if (field.kind === 'image' || field.kind === 'faceImage') {
			parameters[parameter] = 'photo';
			item.binary = { photo: { data: makePng(12, 12, 40), fileName: 'face.png', mimeType: 'image/png' } };
		} else if (parameter === COMPANY_PARAMETER) {
			parameters[parameter] = { __rl: true, mode: 'keyword', value: SAMPLES.companyKeyword[0] };
		} else {
			parameters[parameter] = SAMPLES[field.kind][0];
		}
	}
	// The SM version needs an SM4 key to protect its fields with.
	if (endpoint.transformBody) parameters.options = { sm4KeyHex: SANDBOX_SM4_KEY };
	return { node: nodeOf(endpoint), parameters, items: [item] };
}

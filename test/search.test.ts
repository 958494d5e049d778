/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not inside n8n */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { loadPackage, PACKAGE_ROOT } from './harness/harness';

/*
 * What people type in n8n's node panel. n8n's node search (the editor's searchNodes) looks at a node's
 * display name and its codex aliases, fuzzily; here a term must be a plain substring of one of them,
 * which is stricter, so a term found here is found by n8n too. Terms and the node each must find are
 * written by hand, from what finance, risk and operations users search for.
 */
const TERMS: Array<[term: string, node: string]> = [
	['invoice', 'cbtOcr'],
	['invoice OCR', 'cbtOcr'],
	['receipt', 'cbtOcr'],
	['id card', 'cbtOcr'],
	['id card', 'cbtIdentity'],
	['bank card', 'cbtOcr'],
	['business license', 'cbtOcr'],
	['KYC', 'cbtIdentity'],
	['verify', 'cbtIdentity'],
	['identity verification', 'cbtIdentity'],
	['real name', 'cbtIdentity'],
	['face', 'cbtIdentity'],
	['marriage', 'cbtIdentity'],
	['lawsuit', 'cbtIdentity'],
	['credit risk', 'cbtIdentity'],
	['company', 'cbtEnterprise'],
	['company lookup', 'cbtEnterprise'],
	['due diligence', 'cbtEnterprise'],
	['shareholders', 'cbtEnterprise'],
	['business registration', 'cbtEnterprise'],
	['KYB', 'cbtEnterprise'],
	['mobile number', 'cbtCarrier'],
	['phone verification', 'cbtCarrier'],
	['degree', 'cbtEducation'],
	['license plate', 'cbtVehicle'],
	['VIN', 'cbtVehicle'],
	['real estate', 'cbtRealEstate'],
	['property', 'cbtRealEstate'],
	['tax report', 'cbtTaxReport'],
	['balance sheet', 'cbtTaxData'],
	['anti-fraud', 'cbtMarketingRisk'],
	['webhook', 'cbtTrigger'],
	['API request', 'cbtGateway'],
	['发票识别', 'cbtOcr'],
	['营业执照', 'cbtOcr'],
	['身份证', 'cbtOcr'],
	['身份证', 'cbtIdentity'],
	['身份证核验', 'cbtIdentity'],
	['实名认证', 'cbtIdentity'],
	['二要素', 'cbtIdentity'],
	['企业信息', 'cbtEnterprise'],
	['工商照面', 'cbtEnterprise'],
	['手机号', 'cbtCarrier'],
	['学历', 'cbtEducation'],
	['车牌', 'cbtVehicle'],
	['房产', 'cbtRealEstate'],
	['纳税报告', 'cbtTaxReport'],
	['异步通知', 'cbtTrigger'],
];

interface Searchable {
	node: string;
	displayName: string;
	aliases: string[];
}

describe(`the node panel finds the right node for ${TERMS.length} search terms`, () => {
	let nodes: Searchable[];
	before(async () => {
		const pkg = await loadPackage();
		const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		nodes = manifest.n8n.nodes.map((file) => {
			const codex = JSON.parse(readFileSync(join(PACKAGE_ROOT, file.replace(/\.js$/, '.json')), 'utf8')) as { node: string; alias: string[] };
			const name = codex.node.replace(/^n8n-nodes-cbt\./, '');
			const type = pkg.nodes.get(codex.node) as { description: { displayName: string } };
			return { node: name, displayName: type.description.displayName, aliases: codex.alias };
		});
	});

	for (const [term, expected] of TERMS) {
		it(`"${term}" finds ${expected}`, () => {
			const found = nodes
				.filter((candidate) => [candidate.displayName, ...candidate.aliases].some((text) => text.toLowerCase().includes(term.toLowerCase())))
				.map((candidate) => candidate.node);
			assert.ok(found.includes(expected), `"${term}" finds ${found.join(', ') || 'nothing'}`);
		});
	}
});

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TAX_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: TAX_ENDPOINTS };

export class CbtTaxReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Tax Report',
		name: 'cbtTaxReport',
		icon: { light: 'file:../../icons/taxReport.svg', dark: 'file:../../icons/taxReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Get company tax payment and invoicing reports with the CBT gateway (企业纳税报告, 企业开票报告)',
		defaults: { name: 'CBT Tax Report' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cbtApi', required: true }],
		properties: buildProperties(spec),
	};


	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { TAX_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: TAX_ENDPOINTS };

export class CbtTaxReport implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Tax Report',
			name: 'cbtTaxReport',
			description: 'Get company tax payment and invoicing reports with the CBT gateway (企业纳税报告, 企业开票报告)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/taxReport.svg', dark: 'file:../../icons/taxReport.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

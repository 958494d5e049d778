import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { EDU_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: EDU_ENDPOINTS };

export class CbtEducation implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Education',
			name: 'cbtEducation',
			description: 'Check a person’s highest education level with the CBT gateway (教育背景核验)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/education.svg', dark: 'file:../../icons/education.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

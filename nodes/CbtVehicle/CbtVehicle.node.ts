import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { CAR_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { catalogNodeDescription } from '../shared/description/node';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: CAR_ENDPOINTS };

export class CbtVehicle implements INodeType {
	description: INodeTypeDescription = {
		...catalogNodeDescription({
			displayName: 'CBT Vehicle',
			name: 'cbtVehicle',
			description: 'Get vehicle registration and configuration data with the CBT gateway (车五项, 车辆配置信息)',
			properties: buildProperties(spec),
		}),
		icon: { light: 'file:../../icons/vehicle.svg', dark: 'file:../../icons/vehicle.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogNode(this, spec);
	}
}

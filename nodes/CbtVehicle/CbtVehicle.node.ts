import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CAR_ENDPOINTS } from '../shared/catalog';
import { buildProperties, type CatalogNodeSpec } from '../shared/description';
import { executeCatalogNode } from '../shared/execution/executor';

const spec: CatalogNodeSpec = { endpoints: CAR_ENDPOINTS };

export class CbtVehicle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CBT Vehicle',
		name: 'cbtVehicle',
		icon: { light: 'file:../../icons/vehicle.svg', dark: 'file:../../icons/vehicle.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Get vehicle registration and configuration data with the CBT gateway (车五项, 车辆配置信息)',
		defaults: { name: 'CBT Vehicle' },
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

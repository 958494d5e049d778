import type { Endpoint } from './types';

/*
 * Vehicle data. Paths follow the chosen pattern; body keys are assumed and can be added or overridden
 * with Extra Body Fields (for example a plate type, 号牌种类, if the gateway wants one).
 */
export const CAR_ENDPOINTS: Endpoint[] = [
	{
		category: 'CAR',
		operation: 'vehicleFiveItems',
		name: 'Vehicle Registration Summary',
		chineseName: '车五项',
		action: 'Get a vehicle’s registration summary by plate number',
		returns: 'Returns the plate, VIN, engine number, brand and model, and registration date',
		method: 'POST',
		path: '/apis/tt/gw/car/v1/vehiclefiveitems',
		pathConfirmed: false,
		// Body key assumed: plate_no. The plate is the input comparable 车五项 APIs take; the VIN is one of the five answers.
		fields: [{ key: 'plate_no', kind: 'plate', parameter: 'plateNumber' }],
		output: { kind: 'object' },
	},
	{
		category: 'CAR',
		operation: 'vehicleConfiguration',
		name: 'Vehicle Configuration',
		chineseName: '车辆配置信息',
		action: 'Get a vehicle’s model configuration by VIN',
		returns: 'Returns the maker, brand, series, model year, engine, transmission, body type, seats and guide price',
		method: 'POST',
		path: '/apis/tt/gw/car/v1/vehicleconfiguration',
		pathConfirmed: false,
		// Body key assumed: vin.
		fields: [{ key: 'vin', kind: 'vin', parameter: 'vin' }],
		output: { kind: 'object' },
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { COMPANY_PARAMETER } from '../shared/catalog/ent';
import { MIN_SEARCH_LENGTH } from './companySearch';

/**
 * Turns the generated "Company" text parameter into a resource locator: search the gateway's
 * company list, or type a name or credit code. Typing is the default, because every search is billed.
 */
export function withCompanyLocator(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		if (property.name !== COMPANY_PARAMETER) return property;
		const { placeholder, ...rest } = property;
		return {
			...rest,
			type: 'resourceLocator',
			default: { mode: 'keyword', value: '' },
			hint: `Searching in From List runs Company Search (企业模糊搜索), one billed call per search of at least ${MIN_SEARCH_LENGTH} characters`,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Type part of the company name…',
					typeOptions: { searchListMethod: 'searchCompanies', searchable: true, searchFilterRequired: true },
				},
				{
					displayName: 'By Name or Credit Code',
					name: 'keyword',
					type: 'string',
					placeholder: typeof placeholder === 'string' && placeholder ? placeholder : '福建示例科技有限公司',
				},
			],
		};
	});
}

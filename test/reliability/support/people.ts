import { residentIdCheckChar } from '../../../nodes/shared/fields/rules/residentId';

const SURNAMES = '张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰';

/** A valid resident ID number (GB 11643) for a Beijing person born on the given day. */
export function residentId(birth: string, sequence: number): string {
	const first17 = `110105${birth}${String(sequence % 1000).padStart(3, '0')}`;
	return first17 + residentIdCheckChar(first17);
}

/** The n-th of a set of distinct, valid people: a two-character Chinese name and an ID number. */
export function person(n: number): { name: string; idNumber: string } {
	const name = SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length];
	const day = String((n % 28) + 1).padStart(2, '0');
	return { name, idNumber: residentId(`1980${String((Math.floor(n / 28) % 12) + 1).padStart(2, '0')}${day}`, 100 + n) };
}

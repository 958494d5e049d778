import type { VerdictRule } from '../outcomes/verdict';

/*
 * How the check endpoints' answers read as a verdict (match / mismatch / noRecord / unknown). The
 * gateway documents none of these answers, so every table here is ASSUMED: the field and values
 * follow comparable Chinese verification APIs (result codes '1' match, '2' mismatch, '3' no record,
 * and the texts 一致 / 不一致 / 查无 that some of them send instead). A gateway profile replaces an
 * endpoint's table (its entry's "verdict"), so a user holding the real documentation changes no code.
 * A "no data" code (code table or profile) always gives noRecord, whatever the table.
 */

const NO_RECORD_TEXTS = ['查无', '查无此人', '查无记录', '无记录', '无此记录', '库中无此号', '查无此号'];

/** Consistency checks (一致性核验): name and ID, name/ID/mobile, company three and four factors. */
export const CONSISTENCY_VERDICT: VerdictRule = {
	field: 'result',
	match: ['1', '一致', '核验一致', '认证一致'],
	mismatch: ['2', '不一致', '核验不一致', '认证不一致'],
	noRecord: ['3', ...NO_RECORD_TEXTS],
	assumed: true,
};

/**
 * Face against the photo on file (人像比对): '1' same person, '3' a different person; '2' (不能确定,
 * a score between the thresholds) is left `unknown` for a person to look at. '4' (活体检测未通过,
 * the photo is not of a live person, so it was not compared) counts as a mismatch: the check failed.
 */
export const PORTRAIT_VERDICT: VerdictRule = {
	field: 'result',
	match: ['1', '系统判断为同一人', '同一人'],
	mismatch: ['3', '系统判断为不同人', '不同人', '4', '活体检测未通过'],
	noRecord: NO_RECORD_TEXTS,
	assumed: true,
};

/** Whether two people are married to each other (婚姻-双方版): '1' yes, '0' no. */
export const COUPLE_VERDICT: VerdictRule = {
	field: 'result',
	match: ['1', '双方为夫妻关系', '是'],
	mismatch: ['0', '双方不是夫妻关系', '否'],
	noRecord: NO_RECORD_TEXTS,
	assumed: true,
};

/**
 * Education without the school (教育背景核验-不带学校): the answer is the person's level, not a
 * comparison, so any level means the name and ID number lead to an education record (match); a
 * person without one is the gateway's "no data" answer (noRecord).
 */
export const EDUCATION_VERDICT: VerdictRule = {
	field: 'level',
	match: ['*'],
	mismatch: [],
	noRecord: NO_RECORD_TEXTS,
	assumed: true,
};

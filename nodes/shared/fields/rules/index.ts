// The pure rules behind the field kinds, for the sandbox's fixtures and the bad-input corpus.
export { accept, reject, type Checked } from './checked';
export { isRealDate, chinaToday } from './calendar';
export { normalise, CODE, CODE_KEEPING_SPACES, NAME_TEXT, FREE_TEXT, type NormaliseOptions } from './normalise';
export { PROVINCE_CODES, RESIDENT_ID_WEIGHTS, residentIdCheckChar, upgradeLegacyResidentId, checkResidentId } from './residentId';
export { CREDIT_CODE_CHARSET, CREDIT_CODE_WEIGHTS, creditCodeCheckChar, looksLikeCreditCode, checkCreditCode } from './creditCode';
export { luhnValid, luhnCheckDigit } from './luhn';
export { checkBankCard, bankCardWarning } from './bankCard';
export { MOBILE_PATTERN, checkMobile } from './mobile';
export { PLATE_PROVINCES, PLATE_SUFFIXES, checkPlate } from './plate';
export { VIN_TRANSLITERATION, VIN_WEIGHTS, vinCheckDigit, checkVin, vinWarning } from './vin';
export { NAME_DOT, checkChineseName } from './chineseName';
export { checkCompanyKeyword } from './companyKeyword';
export { DATE_YEAR_MIN, DATE_YEAR_MAX, checkDate } from './date';

export { parseAmount } from './amount';
export { parseCapital, type Capital } from './capital';
export { parseDate, parsePeriod, parseYearMonth, type ValidityPeriod } from './date';
export { parseRate } from './rate';
export { cleanText, digitsOnly, toHalfWidth } from './text';

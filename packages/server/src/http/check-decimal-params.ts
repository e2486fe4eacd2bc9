import { problem, serverError, type Problem } from '../errors/catalogue.ts';

// Plain decimal notation, optionally with an exponent: 109.0312, -0.5, .5, 1e-3.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Refuses numeric query parameters that are not written as decimal numbers. The schema
 * checker converts query strings to numbers the way JavaScript does, so `lon=` and `lon=%20`
 * would arrive as 0 and `0x10` as 16: a point in the Gulf of Guinea instead of a 400. Run it
 * before validation, on the raw strings; absent parameters are left to the schema.
 *
 * @param query the parsed query string, values still strings (or arrays of them)
 * @param names the parameters that must be numbers
 * @throws CitygridError CG_ERR_VALIDATION naming every bad parameter (`querystring/lon …`)
 */
export function checkDecimalParams(query: unknown, names: readonly string[]): void {
  const values = (query ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const name of names) {
    const v = values[name];
    if (v === undefined || (typeof v === 'string' && DECIMAL.test(v))) continue;
    problems.push(problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, `must be a decimal number, got ${JSON.stringify(v)}`));
  }
  if (problems.length) throw serverError(problems);
}

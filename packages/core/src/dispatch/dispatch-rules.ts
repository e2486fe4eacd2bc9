import { problem, type Problem } from '../errors.ts';
import { describeValue } from './describe-value.ts';

/**
 * Which department handles which event category (事件/事项 type code).
 *
 * - `categories`: exact codes → department, e.g. `'09009'` (机动车乱停放) → `'公安交警'`.
 * - `prefixes`: code prefixes → department, usually the 2-digit 大类, e.g. `'06'` (市容环境类)
 *   → `'城管'`. The longest matching prefix wins.
 *
 * An exact code beats any prefix; a report no entry matches goes to the dispatcher's
 * `defaultDepartment`. Codes are compared as plain strings, so a table is written for one code
 * generation: GB/T 47678.5 5-digit codes and old CJ/T 214 4-digit codes have different 大类
 * (old 01 市容环境 is new 06) and need separate tables.
 */
export interface DispatchRules {
  categories?: Readonly<Record<string, string>>;
  prefixes?: Readonly<Record<string, string>>;
}

/** Which kind of rule picked the department. */
export type RuleKind = 'category' | 'prefix' | 'default';

/**
 * **Illustrative local default, not a standard.** No national table assigns event types to
 * departments (STANDARDS.md §6: not found), so this is configuration with a labelled default:
 * replace it with your city's table. It follows the "4+X" joint-enforcement model of Liu'an
 * (seed 002): 城管 (city management: 市容秩序, 出店经营, 抛洒垃圾, 绿化, 市政设施, 占道),
 * 公安交警 (police / traffic: 治安, 交通秩序), 交通运输 (transport: 营运车辆, 超限超载),
 * 市场监管 (market supervision: 违法经营), 住建 (housing and construction), plus others ("X")
 * as needed. Codes are GB/T 47678.5 matter codes (5 digits, STANDARDS.md §4).
 *
 * @example createDispatcher({ router, rules: { ...DEFAULT_DISPATCH_RULES, categories: { ...DEFAULT_DISPATCH_RULES.categories, '08016': '城管' } } })
 */
export const DEFAULT_DISPATCH_RULES: DispatchRules = Object.freeze({
  prefixes: Object.freeze({
    '01': '住建', // 市政公用设施异常 (water, drainage, gas, heating): municipal utilities
    '02': '交通运输', // 交通设施异常: road facilities; where 交警 keep signals, override by code
    '03': '城管', // 市容环卫设施异常: sanitation facilities
    '04': '城管', // 园林绿化设施异常: seed 002 gives 毁坏绿化苗木 to 城管
    '06': '城管', // 市容环境类: seed 002 gives 市容秩序, 抛洒垃圾 to 城管
    '07': '城管', // 宣传广告类: flyers, outdoor ads
    '08': '住建', // 施工管理类: the district "4" of seed 002 includes 住建
    '09': '城管', // 街面秩序类: seed 002 gives 出店经营, 破占市政道路 to 城管
    // 05 其他设施 and 10 其他事项类 fall to defaultDepartment.
  }),
  categories: Object.freeze({
    '09001': '市场监管', // 无照经营游商: seed 002 gives 违法经营行为 to 市场监管
    '09009': '公安交警', // 机动车乱停放: seed 002 gives 破坏交通秩序 to 公安(交警)
  }),
});

/**
 * The department for a category, and which rule gave it; null when no rule matches.
 * @example matchRule(DEFAULT_DISPATCH_RULES, '09009') // { department: '公安交警', rule: 'category' }
 */
export function matchRule(rules: DispatchRules, category: string): { department: string; rule: Exclude<RuleKind, 'default'> } | null {
  const exact = rules.categories;
  if (exact !== undefined && Object.hasOwn(exact, category)) return { department: exact[category], rule: 'category' };
  const prefixes = rules.prefixes;
  if (prefixes === undefined) return null;
  // Longest prefix first: at most a handful of lookups, one per prefix length.
  for (let n = category.length; n > 0; n--) {
    const p = category.slice(0, n);
    if (Object.hasOwn(prefixes, p)) return { department: prefixes[p], rule: 'prefix' };
  }
  return null;
}

/** Every problem with a rule table, each naming the offending entry. */
export function checkRules(rules: unknown): Problem[] {
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    return [problem('CG_ERR_DISPATCH_CONFIG', {}, 'rules:', `expected { categories?, prefixes? }, got ${describeValue(rules)}`)];
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(rules)) {
    if (key !== 'categories' && key !== 'prefixes')
      problems.push(
        problem('CG_ERR_DISPATCH_CONFIG', {}, `rules.${key}:`, 'unknown member; expected categories (exact codes) or prefixes'),
      );
  }
  for (const kind of ['categories', 'prefixes'] as const) {
    const table = (rules as Record<string, unknown>)[kind];
    if (table === undefined) continue;
    if (table === null || typeof table !== 'object' || Array.isArray(table)) {
      problems.push(
        problem('CG_ERR_DISPATCH_CONFIG', {}, `rules.${kind}:`, `expected an object of code → department, got ${describeValue(table)}`),
      );
      continue;
    }
    for (const [code, department] of Object.entries(table)) {
      if (code.trim() === '' || code !== code.trim())
        problems.push(
          problem('CG_ERR_DISPATCH_CONFIG', {}, `rules.${kind}[${JSON.stringify(code)}]:`, 'the code is empty or has surrounding spaces'),
        );
      if (typeof department !== 'string' || department.trim() === '')
        problems.push(
          problem(
            'CG_ERR_DISPATCH_CONFIG',
            {},
            `rules.${kind}[${JSON.stringify(code)}]:`,
            `department must be a non-empty string, got ${describeValue(department)}`,
          ),
        );
    }
  }
  return problems;
}

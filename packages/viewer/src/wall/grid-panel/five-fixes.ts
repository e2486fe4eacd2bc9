/**
 * The 五定 of seed 000 — 定区域、定人员、定职责、定任务、定奖惩 (fixed area, staff, duties, tasks,
 * rewards and penalties) — read from whatever attributes a grid's import carried.
 */

// Each term, and the properties an import may carry it under (the term itself first). 定区域 is
// also the panel's code, parent and area rows: the grid is the area.
const FIVE_FIXES: readonly (readonly [string, readonly string[]])[] = [
  ['定区域', ['定区域', 'region', '区域']],
  ['定人员', ['定人员', 'staff', 'gridman', 'manager', 'phone', '网格员', '负责人', '电话']],
  ['定职责', ['定职责', 'duty', 'post', '职责']],
  ['定任务', ['定任务', 'tasks', 'hours', '任务']],
  ['定奖惩', ['定奖惩', 'assessment', 'standard', '考核', '奖惩']],
];

/**
 * The grid panel's 五定 rows: each term with the values its attributes hold, in the order of
 * seed 000; terms the grid carries nothing for are left out.
 * @example fiveFixRows({ gridman: '张伟', duty: '巡查' }) // [['定人员', '张伟'], ['定职责', '巡查']]
 */
export function fiveFixRows(properties: Readonly<Record<string, unknown>>): [string, string][] {
  return FIVE_FIXES.flatMap(([term, keys]) => {
    const values = keys.map((k) => properties[k]).filter((v) => v !== undefined && v !== null && v !== '');
    return values.length ? [[term, values.map(String).join(' · ')] as [string, string]] : [];
  });
}

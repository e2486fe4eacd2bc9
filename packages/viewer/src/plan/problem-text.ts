/** How coverage problems read in the planner: kind in Chinese, area in m², grids involved. */
import type { CoverageProblem, CoverageProblemKind } from '@citygrid/core';

/** zh-CN name of each problem kind. */
export const KIND_NAMES: Record<CoverageProblemKind, string> = {
  gap: '空隙',
  overlap: '重叠',
  'invalid-geometry': '无效多边形',
  'duplicate-id': '编号重复',
  'duplicate-geometry': '图形重复',
  'uncovered-parent': '上级区域未覆盖',
  'outside-parent': '超出上级区域',
  'edge-mismatch': '边界不一致',
  hierarchy: '超出所属上级',
};

/**
 * The kind as shown: slivers (narrower than the check's sliver width) get their own word.
 * @example kindName({ kind: 'gap', sliver: true, … }) // '狭缝空隙'
 */
export function kindName(p: Pick<CoverageProblem, 'kind' | 'sliver'>): string {
  return p.sliver ? `狭缝${KIND_NAMES[p.kind]}` : KIND_NAMES[p.kind];
}

/**
 * An area for a label: m² with a precision that suits its size (a 0.04 m² sliver and a
 * 120,000 m² gap both stay readable).
 * @example formatArea(1234.567) // '1,235 m²'; formatArea(3.14159) // '3.14 m²'
 */
export function formatArea(m2: number): string {
  const digits = m2 < 10 ? 2 : m2 < 1000 ? 1 : 0;
  return `${m2.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} m²`;
}

/** The map label of a problem: kind and area, e.g. `空隙 1,235 m²`. */
export function problemLabel(p: CoverageProblem): string {
  return p.area_m2 === undefined ? kindName(p) : `${kindName(p)} ${formatArea(p.area_m2)}`;
}

/**
 * The list row of a problem: label, then the grids involved by name (id when unnamed).
 * @param names grid id → name
 * @example problemRow(p, names) // '空隙 1,235 m² · 新城社区一网格、新城社区二网格'
 */
export function problemRow(p: CoverageProblem, names: ReadonlyMap<string, string>): string {
  const grids = p.grids.map((id) => names.get(id) || id).join('、');
  return grids ? `${problemLabel(p)} · ${grids}` : problemLabel(p);
}

import { COMPONENTS, MAJORS, MATTERS, STANDARD_REF, type CatalogueEntry, type CatalogueKind, type CatalogueMajor } from './gbt-47678-5.ts';

/** A component or matter type of GB/T 47678.5-2026, with its kind and 大类 spelled out. */
export interface StandardType {
  readonly standardRef: string;
  readonly kind: CatalogueKind;
  /** 5 digits, e.g. '06010'. */
  readonly code: string;
  /** Chinese name as in the standard, e.g. '暴露垃圾'. */
  readonly name: string;
  readonly major: CatalogueMajor;
}

// Built once at import: 403 entries, two maps. A component and its abnormal matter share the
// code (01037 路灯 / 路灯异常), so the kinds never share a map.
const COMPONENT_BY_CODE = byCode('component', COMPONENTS);
const MATTER_BY_CODE = byCode('matter', MATTERS);

/**
 * The GB/T 47678.5-2026 管理事项 (matter, 附录 C) with this 5-digit code, or undefined for an
 * unknown or reserved code (e.g. 06031).
 * @param code - 5 digits: 大类 (2) + 小类 (3).
 * @returns the matter with its 大类, or undefined.
 * @example
 * standardMatter('06010')?.name       // '暴露垃圾'
 * standardMatter('01037')?.name       // '路灯异常' (the component 01037 is 路灯)
 * standardMatter('06010')?.major.name // '市容环境类'
 */
export function standardMatter(code: string): StandardType | undefined {
  return MATTER_BY_CODE.get(code);
}

/**
 * The GB/T 47678.5-2026 管理部件 (component, 附录 A) with this 5-digit code, or undefined for
 * an unknown or reserved code (e.g. 01016).
 * @param code - 5 digits: 大类 (2) + 小类 (3).
 * @returns the component with its 大类, or undefined.
 * @example
 * standardComponent('01037')?.name     // '路灯'
 * standardComponent('06010')           // undefined: 06 is a matter-only 大类
 */
export function standardComponent(code: string): StandardType | undefined {
  return COMPONENT_BY_CODE.get(code);
}

function byCode(kind: CatalogueKind, entries: readonly CatalogueEntry[]): ReadonlyMap<string, StandardType> {
  const majors = new Map(MAJORS.filter((m) => m.kind === kind).map((m) => [m.code, m]));
  const map = new Map<string, StandardType>();
  for (const e of entries) {
    // Every entry's 大类 exists: test/catalogue/gbt-47678-5.test.ts checks it.
    const major = majors.get(e.major) as CatalogueMajor;
    map.set(e.code, { standardRef: STANDARD_REF, kind, code: e.code, name: e.name, major });
  }
  return map;
}

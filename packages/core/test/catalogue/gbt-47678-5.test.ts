import { describe, expect, it } from 'vitest';
import { CASE_TYPES, GBT_47678_5, standardComponent, standardMatter } from '../../src/index.ts';

const { majors, components, matters } = GBT_47678_5;
const tables = [
  ['component', components],
  ['matter', matters],
] as const;

describe('GB/T 47678.5-2026 catalogue', () => {
  it('has 153 components (附录 A) and 250 matters (附录 C)', () => {
    expect(GBT_47678_5.standardRef).toBe('GB/T 47678.5-2026');
    expect(components).toHaveLength(153);
    expect(matters).toHaveLength(250);
  });

  it.each(tables)('%s codes are unique, 5 digits, ascending, and start with a known 大类', (kind, entries) => {
    const majorCodes = new Set(majors.filter((m) => m.kind === kind).map((m) => m.code));
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    entries.forEach((e, i) => {
      expect(e.code).toMatch(/^\d{5}$/);
      expect(e.code.slice(0, 2)).toBe(e.major);
      expect(majorCodes.has(e.major)).toBe(true);
      expect(e.name).not.toBe('');
      if (i > 0) expect(e.code > entries[i - 1].code).toBe(true);
    });
  });

  it('has 5 component 大类 and 10 matter 大类, each used and glossed', () => {
    expect(majors.filter((m) => m.kind === 'component').map((m) => m.code)).toEqual(['01', '02', '03', '04', '05']);
    expect(majors.filter((m) => m.kind === 'matter').map((m) => m.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
    ]);
    for (const m of majors) {
      const entries = m.kind === 'component' ? components : matters;
      expect(
        entries.some((e) => e.major === m.code),
        `${m.kind} ${m.code}`,
      ).toBe(true);
      expect(m.en).not.toBe('');
    }
  });

  it('pairs every component with its abnormal matter under the same code', () => {
    const faults = matters.filter((m) => m.major <= '05');
    expect(faults.map((m) => m.code)).toEqual(components.map((c) => c.code));
    // One source quirk: 01066 紧急报警点SOS → 紧急报警点异常SOS.
    const odd = faults.filter((m, i) => m.name !== `${components[i].name}异常`).map((m) => m.code);
    expect(odd).toEqual(['01066']);
  });

  it.each([
    ['component', '01016'],
    ['component', '05001'],
    ['matter', '01016'],
    ['matter', '05001'],
    ['matter', '06031'],
    ['matter', '07005'],
    ['matter', '09007'],
  ] as const)('leaves reserved %s code %s out', (kind, code) => {
    expect((kind === 'component' ? standardComponent : standardMatter)(code)).toBeUndefined();
  });

  it.each([
    ['06001', '私搭乱建', '市容环境类'],
    ['06007', '沿街晾挂', '市容环境类'],
    ['06010', '暴露垃圾', '市容环境类'],
    ['06036', '乱堆杂物', '市容环境类'],
    ['06042', '垃圾站（箱）满溢', '市容环境类'],
    ['07001', '非法小广告', '宣传广告类'],
    ['07003', '违规户外广告', '宣传广告类'],
    ['08004', '工地扬尘', '施工管理类'],
    ['08016', '无证建设', '施工管理类'],
    ['09001', '无照经营游商', '街面秩序类'],
    ['09005', '店外经营', '街面秩序类'],
    ['09006', '占道经营', '街面秩序类'],
    ['09009', '机动车乱停放', '街面秩序类'],
    ['10001', '道路积雪、结冰', '其他事项类'],
  ])('matter %s is %s (STANDARDS.md §4)', (code, name, major) => {
    expect(standardMatter(code)).toMatchObject({ standardRef: 'GB/T 47678.5-2026', kind: 'matter', code, name, major: { name: major } });
  });

  it('keys on kind as well as code: 01037 is 路灯 as a component, 路灯异常 as a matter', () => {
    expect(standardComponent('01037')).toMatchObject({ kind: 'component', name: '路灯', major: { code: '01', name: '市政公用设施' } });
    expect(standardMatter('01037')).toMatchObject({ kind: 'matter', name: '路灯异常', major: { code: '01', name: '市政公用设施类' } });
    expect(standardComponent('06010')).toBeUndefined();
    expect(standardMatter('6010')).toBeUndefined();
  });

  it.each(CASE_TYPES.map((t) => [t.code, t] as const))('CASE_TYPES %s agrees with the standard table', (code, t) => {
    const m = standardMatter(code);
    expect(m, `${code} is in 附录 C`).toBeDefined();
    expect({ name: t.name, group: t.group, standardRef: t.standardRef }).toEqual({
      name: m?.name,
      group: m?.major.name,
      standardRef: m?.standardRef,
    });
  });
});

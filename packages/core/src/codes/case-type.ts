/** An event (事件/事项) type with its code and the standard the code comes from. */
export interface CaseType {
  code: string;
  name: string;
  /** English gloss for non-Chinese users. */
  en: string;
  /** 大类 (major class) name. */
  group: string;
  standardRef: string;
}

const GB = 'GB/T 47678.5-2026';

/**
 * The matter types citygrid knows by default: 14 of the 250 GB/T 47678.5-2026 附录 C matters
 * in ../catalogue/gbt-47678-5.ts (code, name and 大类 equal to it: test/catalogue checks), with an
 * English gloss. Cities extend or replace it by configuration; codes are never reused.
 */
export const CASE_TYPES: readonly CaseType[] = [
  { code: '06001', name: '私搭乱建', en: 'Unauthorised structures', group: '市容环境类', standardRef: GB },
  { code: '06007', name: '沿街晾挂', en: 'Laundry hung on the street', group: '市容环境类', standardRef: GB },
  { code: '06010', name: '暴露垃圾', en: 'Exposed rubbish', group: '市容环境类', standardRef: GB },
  { code: '06036', name: '乱堆杂物', en: 'Piled clutter', group: '市容环境类', standardRef: GB },
  { code: '06042', name: '垃圾站（箱）满溢', en: 'Overflowing bin', group: '市容环境类', standardRef: GB },
  { code: '07001', name: '非法小广告', en: 'Illegal flyers', group: '宣传广告类', standardRef: GB },
  { code: '07003', name: '违规户外广告', en: 'Non-compliant outdoor ad', group: '宣传广告类', standardRef: GB },
  { code: '08004', name: '工地扬尘', en: 'Construction dust', group: '施工管理类', standardRef: GB },
  { code: '08016', name: '无证建设', en: 'Building without permit', group: '施工管理类', standardRef: GB },
  { code: '09001', name: '无照经营游商', en: 'Unlicensed hawker', group: '街面秩序类', standardRef: GB },
  { code: '09005', name: '店外经营', en: 'Trading outside the shop', group: '街面秩序类', standardRef: GB },
  { code: '09006', name: '占道经营', en: 'Vending on the roadway', group: '街面秩序类', standardRef: GB },
  { code: '09009', name: '机动车乱停放', en: 'Illegal car parking', group: '街面秩序类', standardRef: GB },
  { code: '10001', name: '道路积雪、结冰', en: 'Snow or ice on road', group: '其他事项类', standardRef: GB },
];

/** Report sources (seed 001/002): the 12345 hotline, the city app, WeChat, patrol staff. */
export const REPORT_SOURCES = ['12345', 'app', 'wechat', 'patrol'] as const;

/**
 * The case type with this code, or undefined.
 * @example caseType('06010')?.name // '暴露垃圾'
 */
export function caseType(code: string): CaseType | undefined {
  return CASE_TYPES.find((t) => t.code === code);
}

/**
 * The assessment page's two languages: zh-CN (default) and English. One flat table like the
 * wall's and the desk's; elements carry `data-i18n="key"` and {@link applyStrings} rewrites them.
 * Indicator names are core's (INDICATORS, the same the server's formulas and exports carry); an
 * indicator core does not know is shown as the server names it.
 */
import { INDICATORS } from '@citygrid/core';
import type { Lang } from '../wall/i18n.ts';

const ZH = {
  title: '考核评价',
  subtitle: '日检查 · 月考核 · 季排名 · 年总评',
  lang: 'English',
  wall: '指挥大屏',
  desk: '案件受理台',
  key: 'API 密钥',
  keyPlaceholder: 'cg_…（有读取权限的密钥）',
  period: '考核周期',
  'kind.month': '月',
  'kind.quarter': '季度',
  'kind.year': '年度',
  'kind.week': '周',
  prev: '上一期',
  next: '下一期',
  level: '考核对象',
  'level.grid': '网格',
  'level.community': '社区',
  'level.street': '街道',
  'level.district': '区',
  'level.department': '部门',
  'level.person': '人员',
  rank: '排名',
  unit: '单位',
  score: '得分',
  grade: '等次',
  change: '变化',
  flags: '提示',
  'flag.three-fails': '连续三期不合格',
  'flag.n/a': '无可考核事项',
  na: '不适用',
  newRank: '新进',
  upBy: '上升 %s 位',
  downBy: '下降 %s 位',
  same: '名次不变',
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
  chart: '得分对比',
  drilldown: '案件明细',
  drillHint: '点击表中一行查看其指标背后的案件',
  numerator: '分子',
  denominator: '分母',
  noCases: '无案件',
  close: '关闭',
  loading: '正在加载…',
  units: '%s 个单位',
  noUnits: '该周期没有考核数据',
  noServer: '本服务器尚未提供考核接口（GET /api/assessment 返回 404）',
  needKey: '请先填写有读取权限的 API 密钥',
  exported: '已导出 %s',
} as const;

/** A key of the page's string table. */
export type AssessKey = keyof typeof ZH;

const EN: Record<AssessKey, string> = {
  title: 'Assessment',
  subtitle: 'Daily checks · monthly scores · quarterly ranking · yearly review',
  lang: '中文',
  wall: 'Command wall',
  desk: 'Case desk',
  key: 'API key',
  keyPlaceholder: 'cg_… (a key that may read)',
  period: 'Period',
  'kind.month': 'Month',
  'kind.quarter': 'Quarter',
  'kind.year': 'Year',
  'kind.week': 'Week',
  prev: 'Previous',
  next: 'Next',
  level: 'Assess',
  'level.grid': 'Grids',
  'level.community': 'Communities',
  'level.street': 'Streets',
  'level.district': 'Districts',
  'level.department': 'Departments',
  'level.person': 'People',
  rank: 'Rank',
  unit: 'Unit',
  score: 'Score',
  grade: 'Grade',
  change: 'Change',
  flags: 'Flags',
  'flag.three-fails': 'Failed three periods in a row',
  'flag.n/a': 'nothing to grade',
  na: 'n/a',
  newRank: 'new',
  upBy: 'up %s',
  downBy: 'down %s',
  same: 'unchanged',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  chart: 'Scores',
  drilldown: 'Cases behind the numbers',
  drillHint: 'Pick a row of the table to see the cases behind its indicators',
  numerator: 'numerator',
  denominator: 'denominator',
  noCases: 'no cases',
  close: 'Close',
  loading: 'Loading…',
  units: '%s units',
  noUnits: 'No assessment for this period',
  noServer: 'This server has no assessment yet (GET /api/assessment answers 404)',
  needKey: 'Paste an API key that may read first',
  exported: 'Exported %s',
};

const TABLES: Record<Lang, Record<AssessKey, string>> = { 'zh-CN': ZH, en: EN };

/**
 * The text of a key, `%s` replaced by `arg`; an unknown key comes back as itself.
 * @example at('en', 'upBy', 3) // 'up 3'
 */
export function at(lang: Lang, key: string, arg?: string | number): string {
  const text = (TABLES[lang] as Record<string, string>)[key] ?? key;
  return arg === undefined ? text : text.replace('%s', String(arg));
}

/**
 * An indicator's name in a language: core's, else the server's own key.
 * @example indicatorLabel('zh-CN', 'timely_handling') // '及时处置率'
 */
export function indicatorLabel(lang: Lang, name: string): string {
  const info = INDICATORS.find((i) => i.name === name);
  return info ? (lang === 'en' ? info.en : info.zh) : name;
}

/** Sets `<html lang>`, every `[data-i18n]` element's text and every `[data-i18n-placeholder]`'s placeholder. */
export function applyStrings(root: Document, lang: Lang): void {
  root.documentElement.lang = lang;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = at(lang, el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = at(lang, el.dataset.i18nPlaceholder!);
}

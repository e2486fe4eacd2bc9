/**
 * The wall's two languages: zh-CN (default, the command centre's) and English. One flat table;
 * elements carry `data-i18n="key"` and {@link applyLang} rewrites their text.
 */

export type Lang = 'zh-CN' | 'en';

const ZH = {
  title: '城市管理监督指挥中心',
  subtitle: '网格上报实时态势',
  category: '事件类型',
  source: '上报来源',
  all: '全部',
  from: '起始日期',
  to: '截止日期',
  total: '上报总数（件）',
  previous: '上一时段',
  level: '统计层级',
  'level.grid': '网格',
  'level.community': '社区',
  'level.street': '街道',
  play: '播放',
  pause: '暂停',
  step: '步长',
  'step.day': '按日',
  'step.month': '按月',
  speed: '速度',
  daily: '每日上报',
  rankGrids: '密度前十网格',
  rankStreets: '密度前十街道',
  perKm2: '件/平方公里',
  reports: '件',
  heatmap: '热力图',
  choropleth: '分级设色',
  labels: '网格名称',
  hotspots: '热点（Gi*）',
  live: '实时',
  loading: '正在加载…',
  legendTitle: '网格上报密度（件/平方公里）',
  heatLegend: '热力：每平方公里上报',
  noReports: '该条件下无上报',
  code: '编号',
  parent: '上级',
  byCategory: '按类型',
  trend: '趋势',
  close: '关闭',
  area: '面积（平方公里）',
  'src.12345': '12345热线',
  'src.app': '城管通',
  'src.wechat': '微信',
  'src.patrol': '巡查',
  cases: '案件',
  risk: '风险等级',
  openCases: '在办案件',
  overdue: '超时',
  openDesk: '在受理台打开',
  funnel: '案件漏斗',
  deptRanking: '部门排名',
  deptBottom: '末位',
  noAssessment: '本月暂无考核得分',
  assessAll: '全部',
  lang: 'English',
} as const;

export type I18nKey = keyof typeof ZH;

const EN: Record<I18nKey, string> = {
  title: 'City management command centre',
  subtitle: 'Grid reports, live',
  category: 'Category',
  source: 'Source',
  all: 'All',
  from: 'From',
  to: 'To',
  total: 'Reports',
  previous: 'Previous window',
  level: 'Level',
  'level.grid': 'Grid',
  'level.community': 'Community',
  'level.street': 'Street',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  'step.day': 'Day',
  'step.month': 'Month',
  speed: 'Speed',
  daily: 'Reports per day',
  rankGrids: 'Top 10 grids by density',
  rankStreets: 'Top 10 streets by density',
  perKm2: 'per km²',
  reports: 'reports',
  heatmap: 'Heatmap',
  choropleth: 'Choropleth',
  labels: 'Grid names',
  hotspots: 'Hotspots (Gi*)',
  live: 'Live',
  loading: 'Loading…',
  legendTitle: 'Reports per km² by grid',
  heatLegend: 'Heat: reports per km²',
  noReports: 'No reports for this filter',
  code: 'Code',
  parent: 'Parent',
  byCategory: 'By category',
  trend: 'Trend',
  close: 'Close',
  area: 'Area (km²)',
  'src.12345': '12345 hotline',
  'src.app': 'City app',
  'src.wechat': 'WeChat',
  'src.patrol': 'Patrol',
  cases: 'Cases',
  risk: 'Risk levels',
  openCases: 'Open cases',
  overdue: 'overdue',
  openDesk: 'Open on the desk',
  funnel: 'Case funnel',
  deptRanking: 'Departments',
  deptBottom: 'Bottom',
  noAssessment: 'No scores this month yet',
  assessAll: 'all',
  lang: '中文',
};

const TABLES: Record<Lang, Record<I18nKey, string>> = { 'zh-CN': ZH, en: EN };

/**
 * The text of a key in a language; an unknown key comes back as itself (visible, not blank).
 * @example t('en', 'total') // 'Reports'
 */
export function t(lang: Lang, key: string): string {
  return (TABLES[lang] as Record<string, string>)[key] ?? key;
}

/** The other language: the switch toggles between the two. */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh-CN' ? 'en' : 'zh-CN';
}

/** Sets `<html lang>` and the text of every `[data-i18n]` element under `root`. */
export function applyLang(root: Document, lang: Lang): void {
  root.documentElement.lang = lang;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n!);
}

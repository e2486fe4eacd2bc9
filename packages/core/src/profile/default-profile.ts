import type { CityProfile } from './profile-schema.ts';
import { DEFAULT_TIME_LIMITS, DEFAULT_URGENCIES, DEFAULT_WORKING_HOURS } from './default-time-limits.ts';
import { DEFAULT_WORKFLOW } from './default-workflow.ts';

/**
 * The window a report's `created_at` must fall in, unless the profile sets `report_times`.
 * Local defaults, not a standard: no platform this toolkit imports from predates 2010, so an
 * earlier date is a typo; 15 minutes ahead allows a phone's clock drift, not a wrong year.
 * @example DEFAULT_REPORT_TIMES.since // '2010-01-01'
 */
export const DEFAULT_REPORT_TIMES = { since: '2010-01-01', ahead_minutes: 15 } as const;

/**
 * The profile a city gets until it brings its own (`citygrid serve --profile city.json`).
 * Everything here is a **local default, not a standard** (STANDARDS.md §6): the departments
 * and the dispatch table follow the "4+X" model of seed 002 (城管, 公安交警, 交通运输, 市场监管,
 * 住建, plus others as needed) with GB/T 47678.5 matter codes; the team roles are seed 001's
 * 1+1+1+5+X. The whole standard catalogue and every standard source are accepted. The case
 * loop, time limits, working hours, duplicate radius and auto-opening sources are local
 * defaults too (docs/cases.md).
 *
 * @example checkProfile({ ...DEFAULT_PROFILE, name: '汉滨区' }).ok // true
 */
export const DEFAULT_PROFILE: CityProfile = {
  name: 'citygrid',
  timezone: '+08:00',
  include_standard_catalogue: true,
  unknown_category: 'reject',
  departments: [
    { code: 'cgj', name: '城管局', en: 'Urban management', level: 'district' },
    { code: 'gajj', name: '公安交警', en: 'Traffic police', level: 'district' },
    { code: 'jtj', name: '交通运输局', en: 'Transport', level: 'district' },
    { code: 'scjg', name: '市场监管局', en: 'Market supervision', level: 'district' },
    { code: 'zjj', name: '住建局', en: 'Housing and construction', level: 'district' },
  ],
  default_department: 'cgj',
  dispatch: [
    { category: '01', department: 'zjj' }, // 市政公用设施异常: water, drainage, gas, heating
    { category: '02', department: 'jtj' }, // 交通设施异常; where 交警 keep signals, override by code
    { category: '03', department: 'cgj' }, // 市容环卫设施异常
    { category: '04', department: 'cgj' }, // 园林绿化设施异常: seed 002 gives 毁坏绿化苗木 to 城管
    { category: '06', department: 'cgj' }, // 市容环境类: 市容秩序, 抛洒垃圾 (seed 002)
    { category: '07', department: 'cgj' }, // 宣传广告类
    { category: '08', department: 'zjj' }, // 施工管理类: the district "4" of seed 002 includes 住建
    { category: '09', department: 'cgj' }, // 街面秩序类: 出店经营, 破占市政道路 (seed 002)
    { category: '09001', department: 'scjg' }, // 无照经营游商: 违法经营行为 → 市场监管
    { category: '09009', department: 'gajj' }, // 机动车乱停放: 破坏交通秩序 → 公安(交警)
  ],
  team_roles: [
    { code: 'grid-head', name: '网格长', en: 'Grid head' },
    { code: 'instructor', name: '网格指导员', en: 'Instructor' },
    { code: 'full-time', name: '专职网格员', en: 'Full-time grid worker' },
    { code: 'specialist', name: '专业网格员', en: 'Specialist grid worker', department: true },
    { code: 'optional', name: '选配网格员', en: 'Optional member' },
  ],
  workflow: DEFAULT_WORKFLOW,
  urgencies: DEFAULT_URGENCIES,
  time_limits: DEFAULT_TIME_LIMITS,
  working_hours: DEFAULT_WORKING_HOURS,
  calendar: {},
  // Local default: a second report of one category within 50 m and 24 h is the same problem.
  duplicates: { distance_m: 50, hours: 24 },
  // Local default: a sample every 30 s places a walking inspector (~40 m between samples) in a
  // grid of a few hundred metres, at a battery cost phones bear for a working day.
  patrol: { sample_every_s: 30 },
  // Local default: patrol staff's reports are already verified on site, so they open a case.
  auto_case_sources: ['patrol', 'inspector-app'],
};

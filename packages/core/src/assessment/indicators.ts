/**
 * The assessment indicators (issue 16, docs/assessment.md): what each one counts, where a city
 * rule asks for it, and whether less is better. Order is the order of every table and export.
 */
export const INDICATORS = [
  {
    name: 'discovery',
    zh: '发现率',
    en: 'Discovery rate',
    seed: '001: 巡查发现率',
    numerator: 'cases registered in the period whose first report came from a patrol source (discovery: patrol)',
    denominator: 'cases registered in the period',
  },
  {
    name: 'registration',
    zh: '立案率',
    en: 'Registration rate',
    seed: '002: 按照发现率、处置率、整改率确定考评等次',
    numerator: 'cases reported in the period (not merged) that were registered',
    denominator: 'cases reported in the period, merged duplicates left out',
  },
  {
    name: 'timely_dispatch',
    zh: '及时派遣率',
    en: 'Timely dispatch rate',
    seed: '004: 日检查、月考核',
    numerator: 'first dispatches in the period made by the registered stage’s due time',
    denominator: 'cases first dispatched in the period',
  },
  {
    name: 'timely_handling',
    zh: '及时处置率',
    en: 'Timely handling rate',
    seed: '001: 事项及时处置率',
    numerator: 'cases due in the period handled by their due time',
    denominator: 'cases whose handling time limit (after extensions and suspensions) ran out in the period',
  },
  {
    name: 'closure',
    zh: '结案率 / 办结率',
    en: 'Closure rate',
    seed: '001: 办结率',
    numerator: 'cases registered in the period that have been closed',
    denominator: 'cases registered in the period',
  },
  {
    name: 'rework',
    zh: '返工率',
    en: 'Rework rate',
    seed: '004: 条考核块、块考核条',
    numerator: 'cases first handled in the period that failed a verification (核查不通过) at least once',
    denominator: 'cases first handled in the period',
    lower_is_better: true,
  },
  {
    name: 'rectification',
    zh: '整改率',
    en: 'Rectification rate',
    seed: '002: 整改率',
    numerator: 'cases first handled in the period that passed verification',
    denominator: 'cases first handled in the period',
  },
  {
    name: 'timely_verification',
    zh: '按期核查率',
    en: 'On-time verification rate',
    seed: '003: 全过程记录',
    numerator: 'first verifications (pass or fail) in the period made by the handled stage’s due time',
    denominator: 'cases first verified (pass or fail) in the period',
  },
  {
    name: 'satisfaction',
    zh: '满意度',
    en: 'Satisfaction',
    seed: '001: 答复满意度; 000: 第三方抽样满意度',
    numerator: 'ratings of cases closed in the period at or above the satisfied mark (default 4 of 5)',
    denominator: 'ratings of cases closed in the period',
  },
  {
    name: 'attendance',
    zh: '出勤率',
    en: 'Attendance rate',
    seed: '001: 网格出勤率 (每周不少于2天)',
    numerator: 'local days with a patrol check-in, per grid, at most the required days',
    denominator: 'required days: days per week (default 2) × days in the period ÷ 7, rounded up, per grid',
  },
  {
    name: 'offsite',
    zh: '非现场执法占比',
    en: 'Off-site enforcement share',
    seed: '003: 非现场执法占比不低于10%',
    numerator:
      'cases first handled in the period found by a device (camera, vehicle) with no patrol check-in in their grid between dispatch and handling',
    denominator: 'cases first handled in the period',
  },
] as const satisfies readonly IndicatorInfo[];

/** What an indicator is: its key, names, source rule and what its fraction counts. */
export interface IndicatorInfo {
  name: string;
  zh: string;
  en: string;
  seed: string;
  numerator: string;
  denominator: string;
  /** Less is better (返工率): its score is 1 − value. */
  lower_is_better?: boolean;
}

/** An indicator's key, e.g. `timely_handling`. */
export type IndicatorName = (typeof INDICATORS)[number]['name'];

/** Every indicator key, in table order. */
export const INDICATOR_NAMES: readonly IndicatorName[] = INDICATORS.map((i) => i.name);

/**
 * Whether `text` is an indicator key.
 * @example isIndicatorName('timely_handling') // true
 */
export function isIndicatorName(text: string): text is IndicatorName {
  return (INDICATOR_NAMES as readonly string[]).includes(text);
}

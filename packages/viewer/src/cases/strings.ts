/**
 * The desk's two languages: zh-CN (default) and English. One flat table, like the wall's
 * i18n.ts; elements carry `data-i18n="key"` (text) or `data-i18n-placeholder` and
 * {@link applyStrings} rewrites them. Stage, action and department names come from the
 * profile (workflow.ts), not from here.
 */
import type { Lang } from '../wall/i18n.ts';

const ZH = {
  title: '案件受理台',
  subtitle: '受理 · 立案 · 派遣 · 处置 · 核查 · 结案',
  lang: 'English',
  wall: '指挥大屏',
  key: 'API 密钥',
  keyPlaceholder: 'cg_…（受理员、派遣员或专业部门的密钥）',
  keyStored: '密钥已保存（仅本标签页）',
  keyCleared: '密钥已清除',
  stage: '阶段',
  allStages: '全部未结阶段',
  department: '专业部门',
  allDepartments: '全部部门',
  grid: '网格',
  gridPlaceholder: '网格编号',
  overdueOnly: '仅超时',
  mine: '我的待办',
  noCases: '没有案件',
  more: '仅显示前 %s 件',
  loading: '正在加载…',
  choose: '在左侧选择一件案件（j/k 移动，回车打开）',
  category: '事件类型',
  urgency: '紧急程度',
  level: '责任层级',
  timeLeft: '时限',
  opened: '上报时间',
  reports: '关联上报',
  photos: '现场照片',
  noPhotos: '暂无照片',
  timeline: '处理过程',
  actions: '可执行操作',
  noActions: '当前密钥无可执行操作',
  submit: '提交',
  cancel: '取消',
  'field.department': '专业部门',
  'field.hours': '时长（小时）',
  'field.note': '说明',
  'field.target': '合并到案件编号',
  optional: '（可选）',
  'problem.required': '必填',
  'problem.hours': '请输入大于 0 的小时数',
  'problem.department': '请选择本市配置的专业部门',
  'problem.self': '不能合并到本案件自身',
  stale: '他人已先处理此案件，已重新载入最新状态，请确认后再操作',
  done: '已提交：%s',
  needKey: '请先填写有权限的 API 密钥',
  forbidden: '当前密钥无权执行此操作',
  notAllowed: '此案件当前阶段不允许该操作',
  noServer: '本服务器未启用案件功能（GET /api/cases 返回 404）',
  shortcuts: '快捷键',
  fieldKey: '城管通登录码',
  fieldKeyHint: '为一名巡查人员生成密钥（需管理员密钥），用手机扫码登录 /m',
  fieldKeyPerson: '人员编号',
  fieldKeyGrids: '网格（逗号分隔）',
  fieldKeyMake: '生成二维码',
  fieldKeyClose: '关闭',
  actionKeys: '数字 1–9 或首字母：执行按钮上标注的操作',
  live: '实时',
  'role.operator': '受理员',
  'role.supervisor': '值班长',
  'role.dispatcher': '派遣员',
  'role.department': '专业部门',
  'role.inspector': '监督员',
  'role.admin': '管理员',
  'level.grid': '网格',
  'level.community': '社区',
  'level.street': '街道',
  'level.district': '区',
  'level.city': '市',
} as const;

export type DeskKey = keyof typeof ZH;

const EN: Record<DeskKey, string> = {
  title: 'Case desk',
  subtitle: 'accept · register · dispatch · handle · verify · close',
  lang: '中文',
  wall: 'Wall',
  key: 'API key',
  keyPlaceholder: 'cg_… (an operator, dispatcher or department key)',
  keyStored: 'Key stored (this tab only)',
  keyCleared: 'Key cleared',
  stage: 'Stage',
  allStages: 'All open stages',
  department: 'Department',
  allDepartments: 'All departments',
  grid: 'Grid',
  gridPlaceholder: 'grid id',
  overdueOnly: 'Overdue only',
  mine: 'My queue',
  noCases: 'No cases',
  more: 'Showing the first %s',
  loading: 'Loading…',
  choose: 'Pick a case on the left (j/k to move, Enter to open)',
  category: 'Category',
  urgency: 'Urgency',
  level: 'Level',
  timeLeft: 'Time limit',
  opened: 'Reported',
  reports: 'Reports',
  photos: 'Photos',
  noPhotos: 'No photos',
  timeline: 'Timeline',
  actions: 'Actions',
  noActions: 'This key can take no action on it now',
  submit: 'Submit',
  cancel: 'Cancel',
  'field.department': 'Department',
  'field.hours': 'Hours',
  'field.note': 'Note',
  'field.target': 'Merge into case id',
  optional: ' (optional)',
  'problem.required': 'required',
  'problem.hours': 'a number of hours > 0',
  'problem.department': "one of the profile's departments",
  'problem.self': 'not the case itself',
  stale: 'Someone else acted on this case first: reloaded, check it and try again',
  done: 'Done: %s',
  needKey: 'Enter an API key with a case role first',
  forbidden: 'This key may not take that action',
  notAllowed: 'The case does not allow that action now',
  noServer: 'This server has no cases (GET /api/cases answers 404)',
  shortcuts: 'Shortcuts',
  fieldKey: 'Field app sign-in',
  fieldKeyHint: 'Make a key for one inspector (needs an admin key); their phone scans it to sign in to /m',
  fieldKeyPerson: 'Person id',
  fieldKeyGrids: 'Grids (comma-separated)',
  fieldKeyMake: 'Make QR code',
  fieldKeyClose: 'Close',
  actionKeys: 'digits 1–9 or the first letter: the action marked on its button',
  live: 'Live',
  'role.operator': 'Operator',
  'role.supervisor': 'Supervisor',
  'role.dispatcher': 'Dispatcher',
  'role.department': 'Department',
  'role.inspector': 'Inspector',
  'role.admin': 'Admin',
  'level.grid': 'Grid',
  'level.community': 'Community',
  'level.street': 'Street',
  'level.district': 'District',
  'level.city': 'City',
};

const TABLES: Record<Lang, Record<DeskKey, string>> = { 'zh-CN': ZH, en: EN };

/**
 * The text of a key, `%s` replaced by `arg`; an unknown key comes back as itself.
 * @example dt('en', 'done', 'Accept') // 'Done: Accept'
 */
export function dt(lang: Lang, key: string, arg?: string | number): string {
  const text = (TABLES[lang] as Record<string, string>)[key] ?? key;
  return arg === undefined ? text : text.replace('%s', String(arg));
}

/**
 * A role's (or a `level.<code>`'s) name; an unknown role comes back as itself.
 * @example roleLabel('dispatcher', 'zh-CN') // '派遣员'
 */
export function roleLabel(role: string, lang: Lang): string {
  const key = role.startsWith('level.') ? role : `role.${role}`;
  const text = dt(lang, key);
  return text === key ? role : text;
}

/** Sets `<html lang>`, the text of `[data-i18n]` and the placeholder of `[data-i18n-placeholder]` under `root`. */
export function applyStrings(root: Document, lang: Lang): void {
  root.documentElement.lang = lang;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = dt(lang, el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = dt(lang, el.dataset.i18nPlaceholder!);
}

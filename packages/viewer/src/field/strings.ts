/** The field app's words, Chinese first (the inspectors'), English for visitors and tests. */
export type FieldLang = 'zh-CN' | 'en';

const ZH = {
  title: '城管通',
  lang: 'English',
  online: '在线',
  offline: '离线',
  signIn: '登录',
  signInHint: '粘贴管理员发给你的巡查密钥，或扫描案件受理台上的二维码。',
  keyPlaceholder: 'cg_…',
  signInGo: '登录',
  scan: '扫码',
  signedOut: '密钥无效或已吊销：请重新登录',
  position: '位置',
  goesTo: '派往网格',
  locate: '重新定位',
  locating: '正在定位…',
  noPosition: '无法定位',
  outside: '不在任何网格内',
  noGrids: '网格未下载',
  category: '问题类型',
  categoryPlaceholder: '搜索：名称、拼音首字母或编码',
  description: '问题描述',
  photos: '现场照片',
  submit: '上报',
  queued: '已存入待发送队列',
  needCategory: '请选择问题类型',
  needPosition: '还没有位置：请重新定位',
  needAttribute: '请填写',
  queue: '待发送',
  queueHint: '离线时上报和巡查先存在手机里，有信号后自动发送。',
  retry: '立即重试',
  empty: '全部已发送',
  waiting: '等待发送',
  sending: '发送中',
  failed: '被拒绝',
  report: '上报',
  patrolItem: '巡查轨迹',
  patrol: '巡查',
  startPatrol: '开始巡查',
  stopPatrol: '结束巡查',
  patrolOn: '巡查中：已记录 %s 个点，开始于 %s',
  patrolOff: '未在巡查',
  myGrids: '我的网格',
  everyDays: '每 %s 天巡查一次',
  noRisk: '暂无风险等级',
  myCases: '待核查案件',
  noCases: '没有待核查的案件',
  verify: '核查通过',
  fail: '核查不通过',
  note: '核查说明',
  verifyPhoto: '核查照片',
  done: '已提交',
  tabReport: '上报',
  tabQueue: '队列',
  tabPatrol: '巡查',
  tabCases: '核查',
  photosCount: '%s 张照片',
};

type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  title: 'Inspector',
  lang: '中文',
  online: 'Online',
  offline: 'Offline',
  signIn: 'Sign in',
  signInHint: 'Paste the inspector key your admin gave you, or scan the QR code the case desk shows.',
  keyPlaceholder: 'cg_…',
  signInGo: 'Sign in',
  scan: 'Scan',
  signedOut: 'The key is not valid or was revoked: sign in again',
  position: 'Position',
  goesTo: 'Goes to grid',
  locate: 'Locate again',
  locating: 'Locating…',
  noPosition: 'No position',
  outside: 'Outside every grid',
  noGrids: 'Grids not downloaded',
  category: 'Category',
  categoryPlaceholder: 'Search: name, pinyin initials or code',
  description: 'Description',
  photos: 'Photos',
  submit: 'Report',
  queued: 'Saved to the outbox',
  needCategory: 'Choose a category',
  needPosition: 'No position yet: locate again',
  needAttribute: 'Fill in',
  queue: 'Outbox',
  queueHint: 'Offline, reports and patrols wait on the phone and are sent when there is signal.',
  retry: 'Retry now',
  empty: 'Everything is sent',
  waiting: 'waiting',
  sending: 'sending',
  failed: 'refused',
  report: 'Report',
  patrolItem: 'Patrol track',
  patrol: 'Patrol',
  startPatrol: 'Start patrol',
  stopPatrol: 'Stop patrol',
  patrolOn: 'On patrol: %s points since %s',
  patrolOff: 'Not on patrol',
  myGrids: 'My grids',
  everyDays: 'patrol every %s days',
  noRisk: 'no risk level yet',
  myCases: 'Cases to verify',
  noCases: 'No cases waiting for verification',
  verify: 'Verify',
  fail: 'Fail verification',
  note: 'Note',
  verifyPhoto: 'Verification photo',
  done: 'Done',
  tabReport: 'Report',
  tabQueue: 'Outbox',
  tabPatrol: 'Patrol',
  tabCases: 'Verify',
  photosCount: '%s photos',
};

/**
 * A word in a language, `%s` filled in order.
 * @example ft('en', 'everyDays', 3) // 'patrol every 3 days'
 */
export function ft(lang: FieldLang, key: Key, ...args: unknown[]): string {
  let i = 0;
  return (lang === 'en' ? EN : ZH)[key].replace(/%s/g, () => String(args[i++] ?? ''));
}

/** Writes the words of `data-i18n` and `data-i18n-placeholder` elements, and the page's lang. */
export function applyFieldLang(root: Document, lang: FieldLang): void {
  root.documentElement.lang = lang;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = ft(lang, el.dataset.i18n as Key);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = ft(lang, el.dataset.i18nPlaceholder as Key);
}

export type FieldStringKey = Key;

/**
 * The planner's words (zh-CN, the planners' language), in one place: fixed texts as strings,
 * texts with numbers or names as functions.
 */
import type { GridVersion, Imported, Published } from '../api/index.ts';

const STATUS_WORDS = { draft: '草稿', current: '当前', retired: '已停用' } as const;
const orNot = (detail: string | undefined) => (detail ? `（${detail}）` : '');

/** Every text the planner shows. @example TEXT.loaded(3, 120) // '已载入版本 3：120 个网格' */
export const TEXT = {
  restored: (updated: number, edits: number) => `已恢复本地草稿（${new Date(updated).toLocaleString('zh-CN')}，${edits} 步编辑）`,
  loadStep: (version: number | null) => (version ? `载入版本 ${version}` : '载入网格'),
  loaded: (version: number | null, grids: number) => `已载入${version ? `版本 ${version}` : '当前网格'}：${grids} 个网格`,
  undoTitle: (label: string | null) => (label ? `撤销「${label}」（Ctrl+Z）` : '撤销（Ctrl+Z）'),
  redoTitle: (label: string | null) => (label ? `重做「${label}」（Ctrl+Shift+Z）` : '重做（Ctrl+Shift+Z）'),

  checking: '检查中…',
  checkFailed: (message: string) => `检查失败：${message}`,
  problems: (n: number) => (n ? `${n} 个问题` : '无问题'),

  cannotEdit: (message: string) => `无法修改：${message}`,
  moveOnly: (name: string) => `仅移动「${name}」的顶点`,
  moveShared: (grids: number) => `移动共用顶点（${grids} 个网格）`,
  insertVertex: (grids: number) => `在边界上加点（${grids} 个网格）`,
  splitMissed: (selected: boolean, reason: string | undefined) => `画的线没有把${selected ? '所选' : '任何'}网格分成两块${orNot(reason)}`,
  splitStep: (names: string) => `拆分「${names}」`,
  splitDone: (names: string, pieces: string) => `已拆分「${names}」：${pieces}`,
  mergeHow: '合并：按住 Shift 点击，选择两个或以上网格，再按 M',
  mergeStep: (names: string) => `合并「${names}」`,
  merged: (name: string, id: string) => `已合并为「${name}」（${id}）`,
  cannotMerge: (message: string) => `无法合并：${message}`,

  selected: (n: number, list: string) => `已选 ${n} 个：${list}`,
  noSelection: '未选择网格：点击选择，Shift+点击多选',
  splitHint: (selected: boolean) => `拆分：在地图上依次点击画线穿过${selected ? '所选' : '要拆分的'}网格，再次点击最后一点结束（Esc 取消）`,
  selectHint: '拖动顶点调整边界（共用顶点同时移动；按住 Alt 拖动只移动所选网格）；拖动边中点加点',
  altDrag: 'Alt+拖动顶点 只移动所选网格（其余拖动同时移动所有共用该顶点的网格）',

  versionOption: (v: GridVersion) => `版本 ${v.version} · ${STATUS_WORDS[v.status]} · ${v.grids} 个网格`,
  noVersionsOption: '当前网格（服务器无版本接口）',
  noVersionsTitle: '服务器尚未提供版本接口',
  draftInfo: (base: number | null, edits: number, saved: { version: number; current: boolean } | null) =>
    `${base ? `基于版本 ${base}` : '基于当前网格'}，${edits} 步编辑${
      saved
        ? saved.current
          ? `，已保存为草稿版本 ${saved.version}`
          : `，草稿版本 ${saved.version} 之后有修改`
        : edits
          ? '，未保存到服务器'
          : ''
    }（本地自动保存）`,

  saving: '正在保存…',
  saved: (r: Imported) =>
    `已保存为草稿版本 ${r.version}（${r.imported} 个网格${r.problems?.length ? `，含 ${r.problems.length} 个覆盖问题` : ''}）`,
  saveRefused: (problems: number | undefined) => `服务器拒绝保存：${problems ?? '有'} 个覆盖问题。修正后再保存，或点「仍然保存」`,
  noSave: '服务器尚未提供版本接口，无法保存草稿（可下载 GeoJSON）',
  saveFailed: (message: string) => `保存失败：${message}`,
  saveFirst: '发布前请先保存草稿（当前编辑尚未保存到服务器）',
  publish: '发布',
  confirmPublish: (version: number) => `确认发布版本 ${version}？`,
  publishing: '正在发布…',
  published: (r: Published) => `版本 ${r.version} 已发布（取代版本 ${r.previous ?? '—'}），${r.rerouted} 件上报重新分配网格`,
  noPublish: '服务器尚未提供发布接口',
  publishFailed: (message: string) => `发布失败：${message}`,
  computing: '正在计算…',
  impactNeedsDraft: '影响分析需要先把当前编辑保存为草稿版本（见下方保存状态）',
  noImpact: '服务器尚未提供影响分析接口',
  impactFailed: (message: string) => `影响分析失败：${message}`,
  load: '载入',
  discardAndLoad: '放弃编辑并载入？',

  planner: '规划员',
  admin: '管理员',
  keyNeeded: (role: string, message: string) => `需要${role}（或更高）的 API 密钥，请在下方填写：${message}`,
  keyStored: '密钥已保存在本标签页（关闭即清除）；载入失败时请刷新页面',
  keyCleared: '已清除密钥',
  keyRequired: (message: string) => `服务器要求 API 密钥：请在「API 密钥」中填写后刷新页面（${message}）`,
  failed: (message: string) => `出错：${message}`,
};

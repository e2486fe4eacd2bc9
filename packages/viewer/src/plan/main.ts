// The planner page (/plan): wiring only. Edits are core's (mergeGrids, splitGrid) and
// vertex-edit.ts's; the check runs in coverage-worker.ts; the history lives in history.ts and
// IndexedDB (draft-store.ts); the server is reached through plan-api.ts.
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../style.css';
import './plan.css';
import type { MapMouseEvent } from 'maplibre-gl';
import { mergeGrids, type CoverageProblem, type GridSet } from '@citygrid/core';
import type { FeatureCollection, Position } from 'geojson';
import { ApiError, createApi, isoToCstDate, keyHeaders, storeApiKey, storedApiKey, type VersionList } from '../api/index.ts';
import { createBaseMap } from '../base-map.ts';
import { bboxOfFeatures, type BBox } from '../geo.ts';
import { CoverageClient } from './coverage-client.ts';
import { clearDraft, loadDraft, storeDraft } from './draft-store.ts';
import { createPlanDraw, type PlanDraw } from './draw.ts';
import { collectionToGrids, geometryBox, gridsToCollection } from './grid-features.ts';
import { decodeHistory, encodeHistory, type PlanState } from './history-codec.ts';
import { History } from './history.ts';
import { addPlanLayers, PlanLabels, setBoundaries, setGrids, setProblems, setSelected } from './map-layers.ts';
import { formatArea, KIND_NAMES } from './problem-text.ts';
import { commandFor, SHORTCUTS, shortcutLabel, type Command } from './shortcuts.ts';
import { splitAlong } from './split-along.ts';
import { renderImpact } from './ui/impact-view.ts';
import { renderProblems } from './ui/problem-list.ts';
import { createVertexIndex, type VertexIndex } from './vertex-snap.ts';
import { insertVertex, moveVertex, type RingEdit } from './vertex-edit.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const PANEL_WIDTH = 364; // #panel width + margins: views are fitted right of it
const SNAP_PX = 10; // a drawn or dragged point within 10 px of a vertex lands on it exactly

interface Session {
  history: History<PlanState>;
  /** The server version the edits started from. */
  baseVersion: number | null;
  /** The state last saved as a server draft, and its version. */
  saved: { version: number; gridSet: GridSet } | null;
  /** Names of the base version's grids (impact rows name old grids too). */
  baseNames: Map<string, string>;
}

const body = document.body;
// Issue 7 (API keys, roles): the key typed in the panel goes with every request of the page.
const api = createApi({ headers: () => keyHeaders(storedApiKey()) });
const checker = new CoverageClient(new Worker(new URL('./coverage-worker.ts', import.meta.url), { type: 'module' }));
const status = $('status');

let session: Session | null = null;
let selection: string[] = [];
let problems: CoverageProblem[] = [];
let versions: VersionList | null = null;
let versionsMissing = false;
let snapIndex: { gridSet: GridSet; index: VertexIndex } | null = null;
let persistQueue: Promise<void> = Promise.resolve();
let checks = 0; // finished checks, for tests: body[data-checks]

const map = createBaseMap('map', {
  doubleClickZoom: false, // a double click ends a split line; zoom with the wheel or the buttons
  boxZoom: false, // Shift+click adds to the selection; Shift+drag would start a box zoom
});
const labels = new PlanLabels(map);
let draw: PlanDraw;

const present = (): GridSet => session!.history.present.gridSet;
const nameMap = (): Map<string, string> => new Map([...(session?.baseNames ?? []), ...present().grids.map((g) => [g.id, g.name] as const)]);

wireKey();
start().catch(fail);

async function start(): Promise<void> {
  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  const [boundaries, meta, list, stored] = await Promise.all([
    api.boundaries(),
    api.meta(),
    api.versions().catch((e) => missingOr(e, null)),
    loadDraft().catch(() => undefined),
  ]);
  versions = list;
  versionsMissing = list === null;
  renderVersions();
  if (meta.time) {
    $<HTMLInputElement>('impact-from').value = isoToCstDate(meta.time.min);
    $<HTMLInputElement>('impact-to').value = isoToCstDate(meta.time.max);
  }
  await loaded;
  addPlanLayers(map);
  setBoundaries(map, boundaries as FeatureCollection);
  checker.setParents(boundaries.features.length ? collectionToGrids(boundaries) : null);
  draw = createPlanDraw(map, { vertexEdit, line: splitWith, snap });
  wire();

  if (stored) {
    const d = decodeHistory(stored);
    const history = History.from(d.steps, d.at);
    const savedState = d.saved ? d.steps[d.saved.at]?.state.gridSet : undefined;
    session = { history, baseVersion: d.baseVersion, saved: d.saved && savedState ? { version: d.saved.version, gridSet: savedState } : null, baseNames: names(d.steps[0].state.gridSet) };
    status.textContent = `已恢复本地草稿（${new Date(d.updated).toLocaleString('zh-CN')}，${d.at} 步编辑）`;
  } else {
    await loadVersion(versions?.current ?? null);
  }
  fit(bboxOfFeatures(gridsToCollection(present()).features));
  await loadGlyphs();
  changed({ persist: false });
  map.once('idle', () => {
    body.dataset.firstFrameMs = String(Math.round(performance.now()));
    body.dataset.ready = 'true';
  });
}

/**
 * Map labels are DOM text in the bundled Noto Sans SC, loaded by unicode-range slice: load the
 * slices of every name and problem word first, or a machine without CJK fonts shows boxes
 * until the slice arrives.
 */
async function loadGlyphs(): Promise<void> {
  const text = [...nameMap().values(), ...Object.values(KIND_NAMES), '狭缝', '0123456789,. m²'].join('');
  await document.fonts.load('13px "Noto Sans SC"', text).catch(() => undefined);
}

async function loadVersion(version: number | null): Promise<void> {
  const fc = await api.grids(version);
  const gridSet = collectionToGrids(fc);
  const base = (fc as { version?: number }).version ?? version;
  session = { history: new History({ state: { gridSet }, label: base ? `载入版本 ${base}` : '载入网格' }), baseVersion: base, saved: null, baseNames: names(gridSet) };
  selection = [];
  status.textContent = `已载入${base ? `版本 ${base}` : '当前网格'}：${gridSet.grids.length} 个网格`;
}

// ---- after every change of state -------------------------------------------------------

function changed(options: { persist?: boolean } = {}): void {
  const gs = present();
  selection = selection.filter((id) => gs.byId.has(id));
  setGrids(map, gs);
  showSelection();
  labels.update(gs, problems);
  $('grid-count').textContent = String(gs.grids.length);
  const h = session!.history;
  $<HTMLButtonElement>('undo').disabled = !h.canUndo();
  $<HTMLButtonElement>('redo').disabled = !h.canRedo();
  $<HTMLButtonElement>('undo').title = h.undoLabel() ? `撤销「${h.undoLabel()}」（Ctrl+Z）` : '撤销（Ctrl+Z）';
  $<HTMLButtonElement>('redo').title = h.redoLabel() ? `重做「${h.redoLabel()}」（Ctrl+Shift+Z）` : '重做（Ctrl+Shift+Z）';
  renderDraftInfo();
  body.dataset.edits = String(h.position);
  if (options.persist !== false) persist();
  void check();
}

async function check(): Promise<void> {
  body.dataset.check = 'running';
  $('check-status').textContent = '检查中…';
  const t0 = performance.now();
  const result = await checker.check(present()).catch((e: Error) => {
    $('check-status').textContent = `检查失败：${e.message}`;
    return null;
  });
  if (!result) return;
  problems = result.problems;
  setProblems(map, problems);
  labels.update(present(), problems);
  renderProblems($<HTMLOListElement>('problems'), problems, nameMap(), zoomToProblem);
  const el = $('check-status');
  el.textContent = problems.length ? `${problems.length} 个问题` : '无问题';
  el.className = `check-status ${problems.length ? 'bad' : 'good'}`;
  body.dataset.problems = String(problems.length);
  body.dataset.checkMs = String(Math.round(result.ms));
  body.dataset.checkRoundTripMs = String(Math.round(performance.now() - t0));
  body.dataset.check = 'done';
  body.dataset.checks = String(++checks);
}

function persist(): void {
  const s = session!;
  const snap = s.history.snapshot();
  const savedAt = s.saved ? snap.steps.findIndex((st) => st.state.gridSet === s.saved!.gridSet) : -1;
  const record = encodeHistory(snap, { baseVersion: s.baseVersion, saved: s.saved && savedAt >= 0 ? { version: s.saved.version, at: savedAt } : null });
  const keep = snap.steps.length > 1;
  const position = String(snap.at);
  persistQueue = persistQueue
    .then(() => (keep ? storeDraft(record) : clearDraft()))
    .then(() => {
      body.dataset.persisted = position;
    })
    .catch((e: Error) => console.error('IndexedDB: the local draft was not stored', e));
}

function apply(next: GridSet, label: string): void {
  session!.history.push({ gridSet: next }, label);
  changed();
}

// ---- editing ---------------------------------------------------------------------------

function vertexEdit(gridId: string, _part: number, ring: Position[], edit: RingEdit, alt: boolean): void {
  const gs = present();
  const name = gs.byId.get(gridId)?.name ?? gridId;
  try {
    if (edit.kind === 'move') {
      const to = exact(edit.to);
      const r = moveVertex(gs, ring[edit.index], to, alt ? { only: [gridId] } : {});
      if (r.changed.length) apply(r.gridSet, alt ? `仅移动「${name}」的顶点` : `移动共用顶点（${r.changed.length} 个网格）`);
      else changed({ persist: false });
    } else {
      const r = insertVertex(gs, ring[edit.index - 1], ring[edit.index], exact(edit.point));
      if (r.changed.length) apply(r.gridSet, `在边界上加点（${r.changed.length} 个网格）`);
    }
  } catch (e) {
    status.textContent = `无法修改：${(e as Error).message}`;
    changed({ persist: false }); // puts terra-draw's copy back
  }
}

function splitWith(line: Position[]): void {
  lineEndedAt = performance.now();
  setTool('select');
  const gs = present();
  const r = splitAlong(gs, line, selection.length ? { only: selection } : {});
  if (!r.split.length) {
    status.textContent = `画的线没有把${selection.length ? '所选' : '任何'}网格分成两块${r.skipped[0] ? `（${r.skipped[0].reason}）` : ''}`;
    return;
  }
  selection = [];
  const what = r.split.map((s) => gs.byId.get(s.id)?.name || s.id).join('、');
  apply(r.gridSet, `拆分「${what}」`);
  status.textContent = `已拆分「${what}」：${r.split.map((s) => s.pieces.join(' + ')).join('；')}`;
}

function merge(): void {
  if (selection.length < 2) {
    status.textContent = '合并：按住 Shift 点击，选择两个或以上网格，再按 M';
    return;
  }
  const gs = present();
  try {
    const ids = [...selection];
    const next = mergeGrids(gs, ids);
    selection = [ids[0]];
    apply(next, `合并「${ids.map((id) => gs.byId.get(id)?.name || id).join('、')}」`);
    status.textContent = `已合并为「${next.byId.get(ids[0])?.name ?? ids[0]}」（${ids[0]}）`;
  } catch (e) {
    status.textContent = `无法合并：${(e as Error).message}`;
  }
}

/** A dragged point terra-draw rounded to 9 decimals, put back on the exact vertex it was snapped to. */
function exact(p: Position): Position {
  const hit = vertexIndex().nearest(p[0], p[1], 2e-9, 2e-9);
  return hit ?? p;
}

function vertexIndex(): VertexIndex {
  const gs = present();
  if (snapIndex?.gridSet !== gs) snapIndex = { gridSet: gs, index: createVertexIndex(gs) };
  return snapIndex.index;
}

function snap(event: { lng: number; lat: number; containerX: number; containerY: number }, skip?: Position): Position | undefined {
  if (!session) return undefined;
  const a = map.unproject([event.containerX, event.containerY]);
  const b = map.unproject([event.containerX + SNAP_PX, event.containerY + SNAP_PX]);
  return vertexIndex().nearest(event.lng, event.lat, Math.abs(b.lng - a.lng), Math.abs(b.lat - a.lat), skip) ?? undefined;
}

// ---- selection and tools ---------------------------------------------------------------

let shownSelection: string[] = [];
let clickAt: Position | undefined;
let lineEndedAt = -Infinity;

function onMapClick(e: MapMouseEvent): void {
  // The click that finishes a line reaches the map after terra-draw is done with it: it is
  // the line's, not a selection.
  if (!session || draw.drawingLine || performance.now() - lineEndedAt < 400) return;
  const hit = map.queryRenderedFeatures(e.point, { layers: ['grid-fill'] })[0];
  const id = hit ? String(hit.properties.id) : null;
  if (e.originalEvent.shiftKey) {
    if (id) selection = selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
  } else selection = id ? [id] : [];
  clickAt = [e.lngLat.lng, e.lngLat.lat];
  showSelection();
}

function showSelection(): void {
  if (!session) return;
  const gs = present();
  setSelected(map, shownSelection.filter((id) => gs.byId.has(id)), selection);
  shownSelection = [...selection];
  if (!draw.drawingLine) draw.show(selection.length === 1 ? gs.byId.get(selection[0])! : null, clickAt);
  const chosen = selection.map((id) => gs.byId.get(id)!);
  $('selection').textContent = chosen.length
    ? `已选 ${chosen.length} 个：${chosen.map((g) => `${g.name}（${g.id}，${formatArea(g.area_m2)}）`).join('、')}`
    : '未选择网格：点击选择，Shift+点击多选';
  $<HTMLButtonElement>('tool-merge').disabled = selection.length < 2;
}

function setTool(tool: 'select' | 'split'): void {
  $('tool-select').classList.toggle('active', tool === 'select');
  $('tool-split').classList.toggle('active', tool === 'split');
  if (tool === 'split') {
    draw.startLine();
    $('hint').textContent = `拆分：在地图上依次点击画线穿过${selection.length ? '所选' : '要拆分的'}网格，再次点击最后一点结束（Esc 取消）`;
  } else {
    if (draw.drawingLine) draw.cancelLine();
    $('hint').textContent = '拖动顶点调整边界（共用顶点同时移动；按住 Alt 拖动只移动所选网格）；拖动边中点加点';
    showSelection();
  }
  body.dataset.tool = tool;
}

function run(command: Command): void {
  if (!session) return;
  const h = session.history;
  switch (command) {
    case 'undo':
      if (h.undo()) changed();
      break;
    case 'redo':
      if (h.redo()) changed();
      break;
    case 'split':
      setTool(draw.drawingLine ? 'select' : 'split');
      break;
    case 'merge':
      merge();
      break;
    case 'select':
      setTool('select');
      break;
    case 'cancel':
      if (draw.drawingLine) setTool('select');
      else {
        selection = [];
        showSelection();
      }
      break;
    case 'save':
      void saveDraft(false);
      break;
  }
}

// ---- server: versions, save, publish, impact -------------------------------------------

function renderVersions(): void {
  const select = $<HTMLSelectElement>('version');
  const words = { draft: '草稿', current: '当前', retired: '已停用' } as const;
  const options = versions
    ? versions.versions.map((v) => new Option(`版本 ${v.version} · ${words[v.status]} · ${v.grids} 个网格`, String(v.version), false, v.version === (session?.baseVersion ?? versions!.current)))
    : [new Option('当前网格（服务器无版本接口）', '')];
  select.replaceChildren(...options);
}

function renderDraftInfo(): void {
  const s = session!;
  const edits = s.history.position;
  const base = s.baseVersion ? `基于版本 ${s.baseVersion}` : '基于当前网格';
  const saved = s.saved ? (s.saved.gridSet === present() ? `，已保存为草稿版本 ${s.saved.version}` : `，草稿版本 ${s.saved.version} 之后有修改`) : edits ? '，未保存到服务器' : '';
  $('draft-info').textContent = `${base}，${edits} 步编辑${saved}（本地自动保存）`;
}

async function saveDraft(force: boolean): Promise<number | null> {
  const s = session!;
  const gs = present();
  if (s.saved?.gridSet === gs) return s.saved.version;
  const out = $('save-status');
  $('save-force').hidden = true;
  out.textContent = '正在保存…';
  try {
    const res = await api.saveDraft(gridsToCollection(gs), { force });
    s.saved = { version: res.version, gridSet: gs };
    out.textContent = `已保存为草稿版本 ${res.version}（${res.imported} 个网格${res.problems?.length ? `，含 ${res.problems.length} 个覆盖问题` : ''}）`;
    out.dataset.version = String(res.version);
    persist();
    renderDraftInfo();
    versions = await api.versions().catch(() => versions);
    renderVersions();
    return res.version;
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      out.textContent = `服务器拒绝保存：${e.body?.problems?.length ?? '有'} 个覆盖问题。修正后再保存，或点「仍然保存」`;
      $('save-force').hidden = false;
    } else if (e instanceof ApiError && e.unauthorised) out.textContent = keyNeeded('规划员', e);
    else if (e instanceof ApiError && e.missing) out.textContent = '服务器尚未提供版本接口，无法保存草稿（可下载 GeoJSON）';
    else out.textContent = `保存失败：${(e as Error).message}`;
    return null;
  }
}

let publishArmed: number | null = null;

async function publish(): Promise<void> {
  const s = session!;
  const out = $('save-status');
  const button = $<HTMLButtonElement>('publish');
  if (!s.saved || s.saved.gridSet !== present()) {
    out.textContent = '发布前请先保存草稿（当前编辑尚未保存到服务器）';
    return;
  }
  const v = s.saved.version;
  if (publishArmed !== v) {
    // Two clicks: publishing re-routes every stored report to the new grids.
    publishArmed = v;
    button.textContent = `确认发布版本 ${v}？`;
    button.classList.add('danger');
    setTimeout(() => disarm(), 6000);
    return;
  }
  disarm();
  out.textContent = '正在发布…';
  try {
    const res = await api.publish(v);
    out.textContent = `版本 ${res.version} 已发布（取代版本 ${res.previous ?? '—'}），${res.rerouted} 件上报重新分配网格`;
    s.baseVersion = res.version;
    versions = await api.versions().catch(() => versions);
    renderVersions();
    renderDraftInfo();
    persist();
  } catch (e) {
    out.textContent = e instanceof ApiError && e.unauthorised ? keyNeeded('管理员', e) : e instanceof ApiError && e.missing ? '服务器尚未提供发布接口' : `发布失败：${(e as Error).message}`;
  }
}

function disarm(): void {
  publishArmed = null;
  const button = $<HTMLButtonElement>('publish');
  button.textContent = '发布';
  button.classList.remove('danger');
}

async function impact(): Promise<void> {
  const el = $('impact');
  el.textContent = '正在计算…';
  // The endpoint compares a stored version with the current one: an unsaved state is saved
  // as a draft first (drafts change nothing until published).
  const version = await saveDraft(false);
  if (version === null) {
    el.textContent = '影响分析需要先把当前编辑保存为草稿版本（见下方保存状态）';
    return;
  }
  try {
    const window = { from: $<HTMLInputElement>('impact-from').value, to: $<HTMLInputElement>('impact-to').value };
    const matrix = await api.impact(version, window);
    renderImpact(el, matrix, nameMap());
  } catch (e) {
    el.textContent = e instanceof ApiError && e.unauthorised ? keyNeeded('规划员', e) : e instanceof ApiError && e.missing ? '服务器尚未提供影响分析接口' : `影响分析失败：${(e as Error).message}`;
  }
}

function download(): void {
  const blob = new Blob([JSON.stringify(gridsToCollection(present()))], { type: 'application/geo+json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `grids-${session?.saved?.gridSet === present() ? `v${session.saved.version}` : 'draft'}-${new Date().toISOString().slice(0, 10)}.geojson`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

let loadArmed = false;

async function loadSelectedVersion(discard = false): Promise<void> {
  const value = $<HTMLSelectElement>('version').value;
  const version = value ? Number(value) : null;
  if (session && session.history.position > 0 && session.saved?.gridSet !== present() && !discard && !loadArmed) {
    loadArmed = true;
    $('load-version').textContent = '放弃编辑并载入？';
    setTimeout(() => {
      loadArmed = false;
      $('load-version').textContent = '载入';
    }, 6000);
    return;
  }
  loadArmed = false;
  $('load-version').textContent = '载入';
  await loadVersion(version);
  await loadGlyphs();
  problems = [];
  changed();
  fit(bboxOfFeatures(gridsToCollection(present()).features));
}

// ---- wiring ----------------------------------------------------------------------------

function wire(): void {
  map.on('click', onMapClick);
  map.on('zoomend', () => session && labels.update(present(), problems));
  $('tool-select').addEventListener('click', () => run('select'));
  $('tool-split').addEventListener('click', () => run('split'));
  $('tool-merge').addEventListener('click', () => run('merge'));
  $('undo').addEventListener('click', () => run('undo'));
  $('redo').addEventListener('click', () => run('redo'));
  $('save').addEventListener('click', () => void saveDraft(false));
  $('save-force').addEventListener('click', () => void saveDraft(true));
  $('publish').addEventListener('click', () => void publish());
  $('download').addEventListener('click', download);
  $('impact-run').addEventListener('click', () => void impact());
  $('load-version').addEventListener('click', () => void loadSelectedVersion().catch(fail));
  $('discard').addEventListener('click', () => void loadSelectedVersion(true).catch(fail));
  if (versionsMissing) for (const id of ['publish', 'impact-run']) $<HTMLButtonElement>(id).title = '服务器尚未提供版本接口';
  $('shortcuts').replaceChildren(
    ...SHORTCUTS.map((s) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('kbd'), { textContent: shortcutLabel(s) }), ` ${s.help}`);
      return li;
    }),
    Object.assign(document.createElement('li'), { textContent: 'Alt+拖动顶点 只移动所选网格（其余拖动同时移动所有共用该顶点的网格）' }),
  );
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    const command = commandFor(e);
    if (!command) return;
    e.preventDefault();
    run(command);
  });
  setTool('select');
  // For tests and the screenshot script: where a lon/lat is on screen (page pixels), the
  // grid ids, and fitting the view to a box.
  (window as unknown as { citygridPlanner: unknown }).citygridPlanner = {
    project: (lon: number, lat: number) => {
      const p = map.project([lon, lat]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: p.x + r.left, y: p.y + r.top };
    },
    ids: () => present().grids.map((g) => g.id),
    fit: (bbox: BBox) => fit(bbox, 19),
  };
}

function zoomToProblem(index: number): void {
  const b = geometryBox(problems[index].geometry);
  if (b) fit(b, 18);
}

function fit(bbox: BBox | null, maxZoom = 17): void {
  if (!bbox) return;
  map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: { top: 60, bottom: 60, left: PANEL_WIDTH + 40, right: 80 }, duration: 0, maxZoom });
}

function names(gs: GridSet): Map<string, string> {
  return new Map(gs.grids.map((g) => [g.id, g.name]));
}

function missingOr<T>(e: unknown, value: T): T {
  if (e instanceof ApiError && e.missing) return value;
  throw e;
}

/** The message for a refused key: which role is needed, and the server's own words. */
function keyNeeded(role: string, e: ApiError): string {
  return `需要${role}（或更高）的 API 密钥，请在下方填写：${e.body?.message ?? e.message}`;
}

function wireKey(): void {
  const input = $<HTMLInputElement>('api-key');
  input.value = storedApiKey();
  input.addEventListener('change', () => {
    storeApiKey(input.value);
    $('save-status').textContent = input.value.trim() ? '密钥已保存在本标签页（关闭即清除）；载入失败时请刷新页面' : '已清除密钥';
  });
}

function fail(e: unknown): void {
  const message = (e as Error).message ?? String(e);
  if (/HTTP 40[13]/.test(message)) {
    status.textContent = `服务器要求 API 密钥：请在「API 密钥」中填写后刷新页面（${message}）`;
    status.classList.add('error');
    return;
  }
  status.textContent = `出错：${message}`;
  status.classList.add('error');
  console.error(e);
}

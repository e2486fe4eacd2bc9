// The wall (`/`): wiring only. The state model is wall-state.ts; the controls, playback, grid
// panel, live feed and layers have their own files here; layer props are src/layers/*/props.ts.
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../style.css';
import type { PickingInfo } from 'deck.gl';
import { createApi, keyHeaders, storedApiKey, type Filter, type GridFeature } from '../api/index.ts';
import { bboxOfFeatures } from '../geo.ts';
import { ReadyFlag } from '../ready.ts';
import { HEATMAP_COLORS, HEATMAP_DOMAIN } from '../layers/heatmap/index.ts';
import { defaultDateRange } from '../ui/filters.ts';
import { renderLegend } from '../ui/legend.ts';
import { gridTooltipText } from '../ui/tooltip.ts';
import type { CasePoint } from '../layers/cases/index.ts';
import { openCasePanel, renderCaseSummary } from './cases/case-panel.ts';
import { coalesce } from './coalesce.ts';
import { $, fillSelects, initWindow, readControls, readFilterNow, readWindow, syncSlider, writeWindow } from './controls.ts';
import { GridPanel } from './grid-panel/grid-panel.ts';
import { applyLang, otherLang, t, type Lang } from './i18n.ts';
import { LiveFeed } from './live-feed.ts';
import { Playback } from './playback.ts';
import { renderSummary } from './summary.ts';
import { addDays, slideWindow, type DayWindow } from './time.ts';
import { unlessAborted, ViewLoader } from './view-loader.ts';
import { createWallMap, UI_SCALE } from './wall-map.ts';
import { WallCases } from './cases/wall-cases.ts';
import { WallFunnel } from './funnel/wall-funnel.ts';
import './funnel/funnel.css';
import { wallLayers } from './wall-layers.ts';
import { renderRiskLegend } from './risk/risk-legend.ts';
import { riskPeriod, WallRisk } from './risk/wall-risk.ts';
import { isBinned, parseDomain, withView, type ViewData, type WallData } from './wall-state.ts';

const query = new URLSearchParams(location.search);
/** Above this many stored reports the heatmap reads the server's bins for the view, not points. */
const BIN_ABOVE = Number(query.get('binAbove') ?? 300_000);
// `?heat=lo,hi` overrides the heatmap's fixed colour domain (calibrating a wall to its city).
const heatDomain = parseDomain(query.get('heat')) ?? HEATMAP_DOMAIN;

const ready = new ReadyFlag(document.body);
// Where reads need a key, the wall reads with the one this tab stored on the desk or the planner.
const api = createApi({ headers: () => keyHeaders(storedApiKey()) });
const status = $('status');
let data: WallData | null = null;
let lang: Lang = query.get('lang') === 'en' ? 'en' : 'zh-CN';
let fontsReady: Promise<unknown> = Promise.resolve();
const binnedNow = () => isBinned(data?.meta, BIN_ABOVE) && readControls().layers.heatmap;

// Requested before the map is built: building it blocks the page for a while in a software
// renderer, and the answers arrive meanwhile.
const boot = { meta: api.meta(), grids: api.grids(), boundaries: api.boundaries() };
const { map, overlay, fit, bbox } = createWallMap(ready, tooltip);
const views = new ViewLoader(api, { binned: (meta) => isBinned(meta, BIN_ABOVE), zoom: () => map.getZoom(), bbox });
const panel = new GridPanel(api);
const playback = new Playback(setWindow, () => lang);
// Rankings, chart, heatmap and hot spots are the server's to count: after live reports they are
// refetched once the burst settles (at least every 10 s while reports keep coming). Playback
// refetches at every step anyway.
const liveRefresh = coalesce(() => playback.playing || void refresh(readFilterNow(), { quiet: true }).catch(fail), {
  quietMs: 2000,
  maxMs: 10_000,
});
const feed = new LiveFeed({ filter: readFilterNow, stats: () => data?.stats ?? null, counted: () => liveRefresh.poke(), draw });
// Bins are per view: refetched once the map settles (a drag or a wheel spin fires many moveends).
const binsRefresh = coalesce(() => void refreshBins().catch(fail), { quietMs: 250, maxMs: 1000 });
// Open cases (issue 15): a layer and a panel that stay hidden on a server without cases.
// Read with the key this tab stored on the desk (/cases), if any: case reads may need a role.
const caseApi = createApi({ headers: () => keyHeaders(storedApiKey()) });
// The case funnel and the department ranking (issue 16) reload with the cases.
const funnel = new WallFunnel(caseApi, () => lang);
const cases = new WallCases(caseApi, (d) => (renderCaseSummary(d, lang), draw(), funnel.poke()));
// Risk colour levels (issue 16): fetched for the window's month while the layer is on.
const risk = new WallRisk(api, (answer) => {
  renderRiskLegend($('risk-legend'), answer, lang);
  draw();
});
$('show-risk').addEventListener('change', showRisk);

for (const id of ['show-choropleth', 'show-labels', 'show-hotspots', 'show-cases']) $(id).addEventListener('change', draw);
// Bins fetched for another view while the heatmap was off are stale: fetch this view's first.
$('show-heatmap').addEventListener('change', () => (binnedNow() ? void refreshBins().catch(fail) : draw()));
map.on('zoomend', draw); // labels are decluttered for the zoom
map.on('moveend', () => binnedNow() && binsRefresh.poke());
map.on('click', (e) => {
  const hit = overlay.pickObject({ x: e.point.x, y: e.point.y, layerIds: ['cases'] });
  if (hit?.object && cases.data) return void openCasePanel(caseApi, (hit.object as CasePoint).id, cases.data, lang).catch(fail);
  const info = overlay.pickObject({ x: e.point.x, y: e.point.y, layerIds: ['choropleth'] });
  if (info?.object) openGrid((info.object as GridFeature).properties.id);
});
$('lang').addEventListener('click', () => setLang(otherLang(lang)));
$('case-panel-close').addEventListener('click', () => ($('case-panel').hidden = true));
setLang(lang);
start().catch(fail);

function setLang(next: Lang): void {
  lang = next;
  applyLang(document, lang);
  renderLegend($('legend'), HEATMAP_COLORS, { lang, domain: heatDomain });
  if (cases.data) renderCaseSummary(cases.data, lang);
  funnel.render();
  if (risk.data) renderRiskLegend($('risk-legend'), risk.data, lang);
  if (data) {
    fillSelects(data.meta, lang);
    void refresh(readFilterNow()).catch(fail);
  }
}

async function start(): Promise<void> {
  const generation = ready.begin();
  const meta = await boot.meta;
  const range = defaultDateRange(meta);
  initWindow(range);
  fillSelects(meta, lang);
  // The first view's requests leave now, while maplibre and deck.gl compile their shaders (over
  // a second in a software renderer), not after. Bins are per view: they wait for the fit.
  const view = isBinned(meta, BIN_ABOVE) ? undefined : views.fetch(readFilterNow(), readControls().level, meta);
  const [grids, boundaries] = await Promise.all([boot.grids, boot.boundaries]);
  fit(bboxOfFeatures(grids.features) ?? meta.bbox);
  // TextLayer rasterises glyphs with canvas 2D: the web font's slices for every character
  // it will draw must be loaded first, or a machine without CJK fonts gets empty boxes.
  const text = '汉滨新城0123456789件 ' + grids.features.map((f) => f.properties.name).join('');
  fontsReady = Promise.all([document.fonts.load('16px "Noto Sans SC"', '汉滨新城'), document.fonts.load('16px "Noto Sans SC"', text)]);
  data = {
    meta,
    grids,
    boundaries,
    stats: new Map(),
    points: { positions: new Float32Array(0), count: 0 },
    labels: [],
    version: 0,
    hot: new Set(),
    range,
  };
  const slider = $<HTMLInputElement>('window-slider');
  slider.addEventListener(
    'input',
    () => data?.range.from && setWindow(slideWindow(readWindow(), addDays(data.range.from, Number(slider.value)), data.range)),
  );
  for (const id of ['category', 'source', 'date-from', 'date-to', 'level'])
    $(id).addEventListener('change', () => void refresh(readFilterNow()).catch(fail));
  $('play').addEventListener('click', () => data && playback.toggle(data.range));
  $('speed').addEventListener('change', () => playback.playing && data && (playback.stop(), playback.toggle(data.range)));
  feed.connect();
  void cases.start().catch((e) => console.warn('cases:', e));
  void funnel.start().catch((e) => console.warn('funnel:', e));
  await refresh(readFilterNow(), { generation, view });
}

/** Shows or hides the risk layer and its legend; on, (re)loads the window's month. */
function showRisk(): void {
  const on = readControls().layers.risk;
  $('risk-legend').hidden = !on;
  if (on) void risk.show(riskPeriod($<HTMLInputElement>('date-to').value)).catch(fail);
  draw();
}

function setWindow(w: DayWindow): void {
  writeWindow(w);
  void refresh(readFilterNow()).catch(fail);
}

/** Fetches (or takes the already started `view`) and shows a view; `quiet`: no "loading" blink. */
async function refresh(
  filter: Filter,
  { generation = ready.begin(), view, quiet = false }: { generation?: number; view?: Promise<ViewData>; quiet?: boolean } = {},
): Promise<void> {
  if (!data) return;
  liveRefresh.cancel();
  if (!quiet) status.textContent = t(lang, 'loading');
  const shown = await unlessAborted(view ?? views.fetch(filter, readControls().level, data.meta));
  if (!shown) return;
  await fontsReady;
  if (ready.stale(generation) || !data) return;
  show(shown);
  ready.layersSet(generation);
}

/** The map moved with bins on: only the heatmap's bins are per view, the statistics are not. */
async function refreshBins(): Promise<void> {
  if (!data?.version) return; // the first view is still loading
  const generation = ready.begin();
  const points = await unlessAborted(views.heatPoints(readFilterNow(), data.meta));
  if (!points || ready.stale(generation) || !data) return;
  data = { ...data, points };
  draw();
  ready.layersSet(generation);
}

function show(view: ViewData): void {
  if (!data) return;
  data = withView(data, view);
  renderSummary(view, data.hot, lang, pick);
  syncSlider(data.range, view.filter);
  if (readControls().layers.risk) showRisk();
  status.textContent = `${data.grids.features.length} ${t(lang, 'level.grid')} · ${view.stats.total} ${t(lang, 'reports')}${view.points.weights ? ` · bins z${Math.round(map.getZoom())}` : ''}`;
  document.body.dataset.heatSource = view.points.weights ? 'bins' : 'points';
  status.classList.remove('error');
  draw();
}

function draw(): void {
  const c = cases.data && { points: cases.data.cases, stages: cases.data.stages, version: cases.data.version };
  if (data)
    overlay.setProps({
      layers: wallLayers(data, readControls().layers, feed.pulses, {
        heatDomain,
        uiScale: UI_SCALE,
        zoom: map.getZoom(),
        now: performance.now(),
        cases: c,
        risk: risk.data && { answer: risk.data, version: risk.version },
      }),
    });
}

function openGrid(id: string): void {
  const grid = data?.grids.features.find((g) => g.properties.id === id);
  if (grid && data) void panel.open(grid, readFilterNow(), data.meta, lang).catch(fail);
}

function pick(id: string): void {
  const grid = data?.grids.features.find((g) => g.properties.id === id);
  if (!grid) return;
  fit(bboxOfFeatures([grid]));
  openGrid(id);
}

function tooltip(info: PickingInfo): { text: string; className: string } | null {
  if (info.layer?.id === 'cases' && info.object) return { text: `${(info.object as CasePoint).id}`, className: 'deck-tooltip' };
  if (info.layer?.id === 'risk' && info.object && risk.data) return riskTooltip((info.object as GridFeature).properties.id, risk.data);
  if (!data || info.layer?.id !== 'choropleth' || !info.object) return null;
  const f = info.object as GridFeature;
  return { text: gridTooltipText(f, data.stats.get(f.properties.id)), className: 'deck-tooltip' };
}

function riskTooltip(id: string, answer: NonNullable<WallRisk['data']>): { text: string; className: string } | null {
  const g = answer.grids.find((x) => x.id === id);
  const level = answer.levels.find((l) => l.code === g?.level);
  if (!g || !level) return null;
  const named = (l: typeof level) => (lang === 'en' ? l.en : l.name);
  const before = answer.levels.find((l) => l.code === g.previous_level);
  const moved = before && before.code !== level.code ? `${named(before)} → ` : '';
  return { text: `${g.name}\n${moved}${named(level)} · ${g.score.toFixed(1)} (${answer.period})`, className: 'deck-tooltip' };
}

function fail(e: unknown): void {
  status.textContent = `加载失败：${(e as Error).message ?? e}`;
  status.classList.add('error');
  console.error(e);
}

// The wall (`/`): wiring only. Fetch from the API, build layers from the pure props, hand them
// to deck.gl; the logic lives in src/wall/*.ts and src/layers/*/props.ts (unit-tested).
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import type maplibregl from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { GeoJsonLayer, ScatterplotLayer, type Layer, type PickingInfo } from 'deck.gl';
import { REPORT_SOURCES } from '@citygrid/core';
import { createApi, isoToCstDate, type BoundaryCollection, type Filter, type GridCollection, type GridFeature, type GridStat, type GridStats, type Hotspots, type Meta, type ReportPoints, type StatsLevel, type UnitStats } from './api/index.ts';
import { createBaseMap } from './base-map.ts';
import { bboxOfFeatures, type BBox } from './geo.ts';
import { ReadyFlag } from './ready.ts';
import { choroplethLayer, statsById } from './layers/choropleth/index.ts';
import { heatmapLayer, HEATMAP_COLORS, HEATMAP_DOMAIN } from './layers/heatmap/index.ts';
import { declutterLabels, labelData, labelsLayer, type LabelDatum } from './layers/labels/index.ts';
import { outlinesLayer } from './layers/outlines/index.ts';
import { defaultDateRange, readFilter } from './ui/filters.ts';
import { renderLegend } from './ui/legend.ts';
import { gridTooltipText } from './ui/tooltip.ts';
import { applyLang, otherLang, t, type Lang } from './wall/i18n.ts';
import { changeText, seriesPath } from './wall/chart.ts';
import { daysBetween, addDays, frameInterval, nextWindow, slideWindow, stepWindow, type DayWindow, type Step } from './wall/time.ts';
import { rankRows, renderRanking } from './wall/ranking.ts';
import { densityByGrid } from './wall/units.ts';
import { livePulses, PULSE_MS, type Pulse } from './wall/live.ts';
import { coalesce } from './wall/coalesce.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
// 3840×2160 walls: the panels are drawn at twice the size (style.css), so are the labels and
// the room the view leaves for the panels.
const UI_SCALE = window.innerWidth >= 3000 ? 2 : 1;
const PANEL_WIDTH = 380; // #panel width + margins: the view is fitted to the area right of it
const RIGHT_WIDTH = 400; // #ranking
/** Above this many stored reports the heatmap reads the server's bins for the view, not points. */
const BIN_ABOVE = Number(new URLSearchParams(location.search).get('binAbove') ?? 300_000);
const binned = (meta: Meta | undefined) => (meta?.reports ?? 0) > BIN_ABOVE;

interface State {
  meta: Meta;
  grids: GridCollection;
  boundaries: BoundaryCollection;
  stats: Map<string, GridStat>;
  points: ReportPoints;
  labels: LabelDatum[];
  version: number;
  hot: Set<string>;
  range: DayWindow;
}

const ready = new ReadyFlag(document.body);
const api = createApi();
const status = $('status');
let state: State | null = null;
let lang: Lang = (new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN');
// `?heat=lo,hi` overrides the heatmap's fixed colour domain (calibrating a wall to its city).
const heatDomain = parseDomain(new URLSearchParams(location.search).get('heat')) ?? HEATMAP_DOMAIN;
let pulses: Pulse[] = [];
let liveCount = 0;
// The rankings, the chart, the heatmap and the hot spots are the server's to count: after live
// reports they are refetched once the burst settles (at least every 10 s while reports keep
// coming). Playback refetches at every step anyway.
const liveRefresh = coalesce(() => playing || void refresh(readControls(), { quiet: true }).catch(fail), { quietMs: 2000, maxMs: 10_000 });

// Requested before the map is built: building it blocks the page for a while in a software
// renderer, and the answers arrive meanwhile.
const boot = { meta: api.meta(), grids: api.grids(), boundaries: api.boundaries() };
const map = createBaseMap('map');
// For the browser test and the screenshot script (map.project of a grid's centre).
(window as unknown as { citygridMap: maplibregl.Map }).citygridMap = map;
const overlay = new MapboxOverlay({
  interleaved: false,
  layers: [],
  onAfterRender: () => ready.afterRender(),
  getTooltip: (info: PickingInfo) => tooltip(info),
});
map.addControl(overlay);
for (const id of ['show-choropleth', 'show-labels', 'show-hotspots']) $(id).addEventListener('change', draw);
// Bins fetched for another view while the heatmap was off are stale: fetch this view's first.
$('show-heatmap').addEventListener('change', () => (binned(state?.meta) && $<HTMLInputElement>('show-heatmap').checked ? void refreshBins().catch(fail) : draw()));
map.on('zoomend', draw); // labels are decluttered for the zoom
// Bins are per view: refetched once the map settles (a drag or a wheel spin fires many
// moveends), and only while the heatmap is shown.
const binsRefresh = coalesce(() => void refreshBins().catch(fail), { quietMs: 250, maxMs: 1000 });
map.on('moveend', () => {
  if (binned(state?.meta) && $<HTMLInputElement>('show-heatmap').checked) binsRefresh.poke();
});
map.on('click', (e) => {
  const info = overlay.pickObject({ x: e.point.x, y: e.point.y, layerIds: ['choropleth'] });
  if (info?.object) void openGrid((info.object as GridFeature).properties.id).catch(fail);
});
$('lang').addEventListener('click', () => setLang(otherLang(lang)));
$('grid-close').addEventListener('click', () => ($('grid-panel').hidden = true));
setLang(lang);

start().catch(fail);

function setLang(next: Lang): void {
  lang = next;
  applyLang(document, lang);
  renderLegend($('legend'), HEATMAP_COLORS, { lang, domain: heatDomain });
  if (state) {
    fillSelects(state.meta);
    void refresh(readControls()).catch(fail);
  }
}

function fillSelects(meta: Meta): void {
  const fill = (sel: HTMLSelectElement, options: { value: string; label: string }[]) => {
    const keep = sel.value;
    sel.replaceChildren(...options.map((o) => Object.assign(document.createElement('option'), { value: o.value, textContent: o.label })));
    sel.value = keep;
  };
  fill($('category'), [{ value: '', label: t(lang, 'all') }, ...meta.categories.map((c) => ({ value: c.code, label: `${lang === 'en' ? c.en || c.name : c.name}（${c.code}）` }))]);
  fill($('source'), [{ value: '', label: t(lang, 'all') }, ...REPORT_SOURCES.map((s) => ({ value: s, label: t(lang, `src.${s}`) }))]);
}

function readControls(): Filter {
  const f = readFilter($<HTMLSelectElement>('category').value, $<HTMLInputElement>('date-from').value, $<HTMLInputElement>('date-to').value);
  const source = $<HTMLSelectElement>('source').value;
  return { ...f, sources: source ? [source] : [] };
}

async function start(): Promise<void> {
  const generation = ready.begin();
  const meta = await boot.meta;
  const range = defaultDateRange(meta);
  const from = $<HTMLInputElement>('date-from');
  const to = $<HTMLInputElement>('date-to');
  for (const input of [from, to]) Object.assign(input, { min: range.from, max: range.to });
  from.value = range.from;
  to.value = range.to;
  fillSelects(meta);
  // The first view's requests leave now, while maplibre and deck.gl compile their shaders (over
  // a second in a software renderer), not after. Bins are per view: they wait for the fit.
  const view = binned(meta) ? undefined : fetchView(readControls(), meta);
  const [grids, boundaries] = await Promise.all([boot.grids, boot.boundaries]);
  fit(bboxOfFeatures(grids.features) ?? meta.bbox);
  // TextLayer rasterises glyphs with canvas 2D: the web font's slices for every character
  // it will draw must be loaded first, or a machine without CJK fonts gets empty boxes.
  const text = '汉滨新城0123456789件 ' + grids.features.map((f) => f.properties.name).join('');
  fontsReady = Promise.all([document.fonts.load('16px "Noto Sans SC"', '汉滨新城'), document.fonts.load('16px "Noto Sans SC"', text)]);
  state = { meta, grids, boundaries, stats: new Map(), points: { positions: new Float32Array(0), count: 0 }, labels: [], version: 0, hot: new Set(), range };
  const slider = $<HTMLInputElement>('window-slider');
  slider.max = String(range.from && range.to ? daysBetween(range.from, range.to) : 0);
  slider.addEventListener('input', () => {
    if (!state?.range.from) return;
    const w = slideWindow({ from: from.value, to: to.value }, addDays(state.range.from, Number(slider.value)), state.range);
    setWindow(w);
  });
  for (const id of ['category', 'source', 'date-from', 'date-to', 'level']) $(id).addEventListener('change', () => void refresh(readControls()).catch(fail));
  $('play').addEventListener('click', togglePlay);
  $('speed').addEventListener('change', () => playing && (stopPlay(), togglePlay()));
  connectLive();
  await refresh(readControls(), { generation, view });
}

function setWindow(w: DayWindow): void {
  $<HTMLInputElement>('date-from').value = w.from;
  $<HTMLInputElement>('date-to').value = w.to;
  void refresh(readControls()).catch(fail);
}

let playing: ReturnType<typeof setInterval> | null = null;

function togglePlay(): void {
  const button = $('play');
  if (playing) return stopPlay();
  if (!state?.range.from) return;
  const step = $<HTMLSelectElement>('step').value as Step;
  const speed = Number($<HTMLSelectElement>('speed').value);
  const range = state.range;
  let w = stepWindow(range.from, step);
  const current = { from: $<HTMLInputElement>('date-from').value, to: $<HTMLInputElement>('date-to').value };
  if (current.from > range.from && daysBetween(current.from, current.to) < 31) w = stepWindow(current.from, step);
  setWindow({ from: w.from < range.from ? range.from : w.from, to: w.to > range.to ? range.to : w.to });
  playing = setInterval(() => {
    const cur = { from: $<HTMLInputElement>('date-from').value, to: $<HTMLInputElement>('date-to').value };
    setWindow(nextWindow(cur, range, $<HTMLSelectElement>('step').value as Step));
  }, frameInterval(speed));
  button.dataset.i18n = 'pause';
  button.textContent = t(lang, 'pause');
  button.classList.add('on');
}

function stopPlay(): void {
  if (playing) clearInterval(playing);
  playing = null;
  const button = $('play');
  button.dataset.i18n = 'play';
  button.textContent = t(lang, 'play');
  button.classList.remove('on');
}

let inFlight: AbortController | null = null;
let fontsReady: Promise<unknown> = Promise.resolve();

/** What one view of the wall shows, fetched in one go. */
interface ViewData {
  filter: Filter;
  level: StatsLevel;
  stats: GridStats;
  points: ReportPoints;
  gridUnits: UnitStats;
  streets: UnitStats;
  hotspots: Hotspots | null;
  levelUnits: UnitStats | null;
}

/** Starts the requests of a view (the previous view's are aborted). */
function fetchView(filter: Filter, meta: Meta): Promise<ViewData> {
  inFlight?.abort();
  const signal = (inFlight = new AbortController()).signal;
  const level = $<HTMLSelectElement>('level').value as StatsLevel;
  return Promise.all([
    api.stats(filter, signal),
    heatPoints(filter, meta, signal),
    api.unitStats(filter, 'grid', 'day', signal),
    api.unitStats(filter, 'street', undefined, signal),
    api.hotspots(filter, signal).catch((e: Error) => (e.name === 'AbortError' ? Promise.reject(e) : null)),
    level === 'grid' ? Promise.resolve(null) : api.unitStats(filter, level, undefined, signal),
  ]).then(([stats, points, gridUnits, streets, hotspots, levelUnits]) => ({ filter, level, stats, points, gridUnits, streets, hotspots, levelUnits }));
}

// Many reports: the server's bins for the view instead of every point (1M points are 8 MB and a
// heavy aggregation on a software renderer; bins are a few thousand weighted cells).
function heatPoints(filter: Filter, meta: Meta, signal: AbortSignal): Promise<ReportPoints> {
  return binned(meta) ? api.bins(filter, map.getZoom(), viewBbox(), signal) : api.points(filter, signal);
}

/**
 * Fetches (or takes the already started `view`) and shows a view. `quiet`: no "loading" in the
 * status line (the live refresh every few seconds would make it blink on the wall).
 */
async function refresh(filter: Filter, { generation = ready.begin(), view, quiet = false }: { generation?: number; view?: Promise<ViewData>; quiet?: boolean } = {}): Promise<void> {
  if (!state) return;
  liveRefresh.cancel();
  if (!quiet) status.textContent = t(lang, 'loading');
  try {
    const data = await (view ?? fetchView(filter, state.meta));
    await fontsReady;
    if (ready.stale(generation) || !state) return;
    show(data);
    ready.layersSet(generation);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  }
}

/** The map moved with bins on: only the heatmap's bins are per view, the statistics are not. */
async function refreshBins(): Promise<void> {
  if (!state?.version) return; // the first view is still loading
  const generation = ready.begin();
  binsInFlight?.abort();
  const signal = (binsInFlight = new AbortController()).signal;
  try {
    const points = await heatPoints(readControls(), state.meta, signal);
    if (ready.stale(generation) || !state) return;
    state = { ...state, points };
    draw();
    ready.layersSet(generation);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  }
}
let binsInFlight: AbortController | null = null;

function show({ filter, level, stats, points, gridUnits, streets, hotspots, levelUnits }: ViewData): void {
  if (!state) return;
  const gridStats = statsById(stats.grids);
  let byId = gridStats;
  if (levelUnits) {
    const dens = densityByGrid(state.grids.features.map((f) => f.properties), level, levelUnits.units);
    byId = new Map(stats.grids.map((g) => [g.id, { ...g, ...(dens.get(g.id) ?? { count: 0, per_km2: 0 }) }]));
  }
  const hot = new Set((hotspots?.grids ?? []).filter((g) => g.class === 'hot').map((g) => g.id));
  // Labels keep each grid's own count at every level.
  state = { ...state, stats: byId, points, labels: labelData(state.grids, gridStats), version: state.version + 1, hot };
  renderTotals(stats.total, stats.outside, gridUnits);
  renderDaily(gridUnits);
  renderRanking($('top-grids') as HTMLOListElement, rankRows(gridUnits.units, 10, hot), t(lang, 'noReports'), pick);
  renderRanking($('top-streets') as HTMLOListElement, rankRows(streets.units, 10), t(lang, 'noReports'));
  syncSlider(filter);
  status.textContent = `${state.grids.features.length} ${t(lang, 'level.grid')} · ${stats.total} ${t(lang, 'reports')}${points.weights ? ` · bins z${Math.round(map.getZoom())}` : ''}`;
  document.body.dataset.heatSource = points.weights ? 'bins' : 'points';
  status.classList.remove('error');
  draw();
}

function renderTotals(total: number, outside: number, s: UnitStats): void {
  $('total-count').textContent = String(total);
  const c = changeText(s.change);
  const compare = $('compare');
  compare.className = `compare ${c.dir}`;
  compare.textContent = `${t(lang, 'previous')} ${s.previous_total} · ${c.arrow} ${c.text}`;
  $('outside').textContent = outside > 0 ? (lang === 'en' ? `${outside} outside every grid` : `其中 ${outside} 件不在任何网格内`) : '';
}

function renderDaily(s: UnitStats): void {
  const values = s.series?.total ?? [];
  const svg = $('daily-chart');
  const max = Math.max(0, ...values);
  svg.innerHTML = values.length ? `<path class="series" d="${seriesPath(values, { width: 320, height: 90 })}" />` : '';
  svg.dataset.points = String(values.length);
  const starts = s.series?.starts ?? [];
  $('daily-first').textContent = starts[0]?.slice(0, 10) ?? '';
  $('daily-max').textContent = values.length ? `max ${max}` : '';
  $('daily-last').textContent = starts.at(-1)?.slice(0, 10) ?? '';
}

function syncSlider(filter: Filter): void {
  if (!state?.range.from || !filter.from) return;
  $<HTMLInputElement>('window-slider').value = String(daysBetween(state.range.from, filter.from));
  $('window-label').textContent = filter.from === filter.to ? filter.from : `${filter.from} – ${filter.to}`;
}

function draw(): void {
  if (!state) return;
  const { grids, hot } = state;
  // An unchecked layer is left out, not hidden: deck.gl keeps updating hidden layers (the
  // heatmap would rebuild its weight map on every zoom for nothing).
  const shown = (id: string, layer: () => Layer): Layer[] => ($<HTMLInputElement>(id).checked ? [layer()] : []);
  const layers: Layer[] = [
    ...shown('show-choropleth', () => choroplethLayer(grids, state!.stats, { version: state!.version })),
    ...shown('show-heatmap', () => heatmapLayer(state!.points, { colorDomain: heatDomain, textureSize: 1024 * UI_SCALE })),
    outlinesLayer(state.boundaries, grids),
    ...shown(
      'show-hotspots',
      () =>
        new GeoJsonLayer({
          id: 'hotspots',
          data: grids.features.filter((f) => hot.has(f.properties.id)),
          filled: false,
          stroked: true,
          getLineColor: [255, 64, 129, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 4,
        }),
    ),
    ...shown('show-labels', () => labelsLayer(declutterLabels(state!.labels, map.getZoom(), { size: 14 * UI_SCALE }), { size: 14 * UI_SCALE })),
    ...livePulses(pulses, performance.now()).map((props) => new ScatterplotLayer(props)),
  ];
  overlay.setProps({ layers });
}

// Live feed: each stored report pulses at its place for PULSE_MS and adds to the total when it
// matches the filter and falls in the window shown (see liveRefresh for the rest).

function connectLive(): void {
  if (typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/stream?events=report');
  const live = $('live');
  es.addEventListener('open', () => live.classList.add('on'));
  es.addEventListener('error', () => live.classList.remove('on'));
  es.addEventListener('report', (ev) => {
    const r = JSON.parse((ev as MessageEvent<string>).data) as { lon: number; lat: number; category: string; source: string; created_at: string; grid_id: string | null };
    pulses = [...pulses.filter((p) => performance.now() - p.t < PULSE_MS), { lon: r.lon, lat: r.lat, t: performance.now() }];
    liveCount += 1;
    document.body.dataset.liveCount = String(liveCount);
    const f = readControls();
    const day = isoToCstDate(r.created_at);
    const inWindow = (!f.from || day >= f.from) && (!f.to || day <= f.to);
    if (inWindow && (!f.categories.length || f.categories.includes(r.category)) && (!f.sources?.length || f.sources.includes(r.source))) {
      const total = $('total-count');
      total.textContent = String(Number(total.textContent) + 1);
      if (r.grid_id && state) {
        const s = state.stats.get(r.grid_id);
        if (s) state.stats.set(r.grid_id, { ...s, count: s.count + 1, per_km2: ((s.count + 1) / s.area_m2) * 1e6 });
      }
      liveRefresh.poke();
    }
    animatePulses();
  });
}

let animating = false;
function animatePulses(): void {
  if (animating) return;
  animating = true;
  const frame = () => {
    draw();
    if (pulses.some((p) => performance.now() - p.t < PULSE_MS)) requestAnimationFrame(frame);
    else animating = false;
  };
  requestAnimationFrame(frame);
}

let panelRequests = 0;

async function openGrid(id: string): Promise<void> {
  if (!state) return;
  const f = state.grids.features.find((g) => g.properties.id === id);
  if (!f) return;
  const p = f.properties;
  const panel = $('grid-panel');
  panel.hidden = false;
  panel.dataset.gridId = id;
  $('grid-name').textContent = p.name || p.id;
  const attrs: [string, string][] = [
    [t(lang, 'code'), String(p.code ?? p.id)],
    [t(lang, 'parent'), [p.town, p.parent].filter(Boolean).join(' · ')],
    [t(lang, 'area'), (p.area_m2 / 1e6).toFixed(2)],
  ];
  // 五定 (定人、定岗、定责、定时、定标): whatever staff and duty attributes the import carried.
  for (const k of ['staff', 'gridman', 'manager', 'phone', 'duty', 'post', 'hours', 'standard', '网格员', '负责人', '电话', '职责', '定人', '定岗', '定责', '定时', '定标']) {
    if (p[k] !== undefined && p[k] !== null && p[k] !== '') attrs.push([k, String(p[k])]);
  }
  $('grid-attrs').replaceChildren(...attrs.flatMap(([k, v]) => [Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v })]));
  const filter = readControls();
  // Counted by the server: a busy grid has tens of thousands of reports a year.
  const asked = ++panelRequests;
  const stats = await api.categories(filter, id, 'grid', 'day');
  if (asked !== panelRequests) return; // another click (or the same grid again) came meanwhile
  const change = changeText(stats.change);
  $('grid-attrs').append(
    Object.assign(document.createElement('dt'), { textContent: t(lang, 'total') }),
    Object.assign(document.createElement('dd'), { textContent: `${stats.total} · ${t(lang, 'previous')} ${stats.previous_total} ${change.arrow} ${change.text}` }),
  );
  const list = $('grid-categories');
  list.replaceChildren(
    ...stats.categories
      .filter((c) => c.count > 0)
      .map((c) => {
        const name = lang === 'en' ? state?.meta.categories.find((m) => m.code === c.code)?.en || c.name : c.name;
        const { arrow } = changeText(c.change);
        return Object.assign(document.createElement('li'), { textContent: `${name}（${c.code}） ${c.count} ${arrow}`, title: `${t(lang, 'previous')} ${c.previous}` });
      }),
  );
  if (!list.children.length) list.append(Object.assign(document.createElement('li'), { textContent: t(lang, 'noReports') }));
  $('grid-trend').innerHTML = `<path class="series" d="${seriesPath(stats.series?.total ?? [], { width: 300, height: 60 })}" />`;
  panel.dataset.total = String(stats.total);
}

function viewBbox(): [number, number, number, number] {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

function fit(bbox: BBox | null): void {
  if (!bbox) return;
  map.fitBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding: { top: 40 * UI_SCALE, bottom: 120 * UI_SCALE, left: (PANEL_WIDTH + 20) * UI_SCALE, right: (RIGHT_WIDTH + 20) * UI_SCALE }, duration: 0 },
  );
}

function pick(id: string): void {
  const f = state?.grids.features.find((g) => g.properties.id === id);
  if (f) {
    fit(bboxOfFeatures([f]));
    void openGrid(id).catch(fail);
  }
}

function tooltip(info: PickingInfo): { text: string; className: string } | null {
  if (!state || info.layer?.id !== 'choropleth' || !info.object) return null;
  const f = info.object as GridFeature;
  return { text: gridTooltipText(f, state.stats.get(f.properties.id)), className: 'deck-tooltip' };
}

function fail(e: unknown): void {
  status.textContent = `加载失败：${(e as Error).message ?? e}`;
  status.classList.add('error');
  console.error(e);
}


function parseDomain(text: string | null): [number, number] | null {
  const m = text?.split(',').map(Number);
  return m && m.length === 2 && m.every((x) => Number.isFinite(x) && x >= 0) && m[0] < m[1] ? [m[0], m[1]] : null;
}

// Wiring only: fetch from the API, build layers from the pure props, hand them to deck.gl.
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import maplibregl from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from 'deck.gl';
import { createApi, type BoundaryCollection, type Filter, type GridCollection, type GridFeature, type GridStat, type ReportPoints } from './api.ts';
import { BASE_STYLE } from './base-style.ts';
import { bboxOfFeatures, type BBox } from './geo.ts';
import { ReadyFlag } from './ready.ts';
import { choroplethLayer, statsById } from './layers/choropleth/index.ts';
import { heatmapLayer, HEATMAP_COLORS } from './layers/heatmap/index.ts';
import { declutterLabels, labelData, labelsLayer, type LabelDatum } from './layers/labels/index.ts';
import { outlinesLayer } from './layers/outlines/index.ts';
import { initFilters } from './ui/filters.ts';
import { renderLegend } from './ui/legend.ts';
import { renderPanel } from './ui/panel.ts';
import { gridTooltipText } from './ui/tooltip.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const PANEL_WIDTH = 344; // #panel width + margins: the view is fitted to the area right of it

interface State {
  grids: GridCollection;
  boundaries: BoundaryCollection;
  stats: Map<string, GridStat>;
  points: ReportPoints;
  labels: LabelDatum[];
  version: number;
}

const ready = new ReadyFlag(document.body);
const api = createApi();
const status = $('status');
let state: State | null = null;

const map = new maplibregl.Map({
  container: 'map',
  style: BASE_STYLE,
  center: [109, 32.7],
  zoom: 11,
  attributionControl: false,
  renderWorldCopies: false,
  dragRotate: false,
  pitchWithRotate: false,
});
const overlay = new MapboxOverlay({
  interleaved: false,
  layers: [],
  onAfterRender: () => ready.afterRender(),
  getTooltip: (info: PickingInfo) => tooltip(info),
});
map.addControl(overlay);
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
renderLegend($('legend'), HEATMAP_COLORS);
for (const id of ['show-heatmap', 'show-choropleth', 'show-labels']) $(id).addEventListener('change', draw);
map.on('zoomend', draw); // labels are decluttered for the zoom

start().catch(fail);

async function start(): Promise<void> {
  const generation = ready.begin();
  const [grids, boundaries, meta] = await Promise.all([api.grids(), api.boundaries(), api.meta()]);
  fit(bboxOfFeatures(grids.features) ?? meta.bbox);
  // TextLayer rasterises glyphs with canvas 2D: the web font's slices for every character
  // it will draw must be loaded first, or a machine without CJK fonts gets empty boxes.
  const text = '汉滨新城0123456789件 ' + grids.features.map((f) => f.properties.name).join('');
  await Promise.all([document.fonts.load('16px "Noto Sans SC"', '汉滨新城'), document.fonts.load('16px "Noto Sans SC"', text)]);
  const filters = { category: $<HTMLSelectElement>('category'), from: $<HTMLInputElement>('date-from'), to: $<HTMLInputElement>('date-to') };
  const read = initFilters(filters, meta, (filter) => void refresh(filter).catch(fail));
  state = { grids, boundaries, stats: new Map(), points: { positions: new Float32Array(0), count: 0 }, labels: [], version: 0 };
  await refresh(read(), generation);
}

let inFlight: AbortController | null = null;

async function refresh(filter: Filter, generation = ready.begin()): Promise<void> {
  inFlight?.abort();
  const controller = (inFlight = new AbortController());
  status.textContent = '正在加载…';
  try {
    const [stats, points] = await Promise.all([api.stats(filter, controller.signal), api.points(filter, controller.signal)]);
    if (ready.stale(generation) || !state) return;
    const byId = statsById(stats.grids);
    state = { ...state, stats: byId, points, labels: labelData(state.grids, byId), version: state.version + 1 };
    renderPanel({ total: $('total-count'), outside: $('outside'), top: $('top-grids') as HTMLOListElement }, stats, pick);
    status.textContent = `共 ${state.grids.features.length} 个网格，当前条件 ${stats.total} 件上报`;
    status.classList.remove('error');
    draw();
    ready.layersSet(generation);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  }
}

function draw(): void {
  if (!state) return;
  const checked = (id: string) => $<HTMLInputElement>(id).checked;
  const layers: Layer[] = [
    choroplethLayer(state.grids, state.stats, { version: state.version, visible: checked('show-choropleth') }),
    heatmapLayer(state.points, { visible: checked('show-heatmap') }),
    outlinesLayer(state.boundaries, state.grids),
    labelsLayer(declutterLabels(state.labels, map.getZoom()), { visible: checked('show-labels') }),
  ];
  overlay.setProps({ layers });
}

function fit(bbox: BBox | null): void {
  if (!bbox) return;
  map.fitBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding: { top: 40, bottom: 40, left: PANEL_WIDTH + 20, right: 240 }, duration: 0 },
  );
}

function pick(id: string): void {
  const f = state?.grids.features.find((g) => g.properties.id === id);
  if (f) fit(bboxOfFeatures([f]));
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

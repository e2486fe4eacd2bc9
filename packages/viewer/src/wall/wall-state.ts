/**
 * The wall's state model, free of the DOM so it runs in Node: what one view shows (the data), what
 * the controls ask for (filter, level, window, layers, playback) and the pure steps between them.
 * The page's inputs stay the one source of truth for the controls (tests and people set them), so
 * main.ts reads a {@link WallControls} snapshot from them whenever it needs one.
 */
import type {
  BoundaryCollection,
  Filter,
  GridCollection,
  GridStat,
  GridStats,
  Hotspots,
  Meta,
  ReportPoints,
  StatsLevel,
  UnitStats,
} from '../api/index.ts';
import { labelData, type LabelDatum } from '../layers/labels/props.ts';
import { statsById } from '../layers/choropleth/props.ts';
import { readFilter } from '../ui/filters.ts';
import { isoToCstDate } from '../api/index.ts';
import { daysBetween, stepWindow, type DayWindow, type Step } from './time.ts';
import { densityByGrid } from './units.ts';

/** What the wall has loaded and shows. */
export interface WallData {
  meta: Meta;
  grids: GridCollection;
  boundaries: BoundaryCollection;
  /** Per grid, at the level asked (a community level gives each grid its community's density). */
  stats: Map<string, GridStat>;
  points: ReportPoints;
  labels: LabelDatum[];
  /** Bumped at every view shown: the choropleth's update trigger. */
  version: number;
  /** Grids that are Gi* hot spots. */
  hot: Set<string>;
  /** The days with reports: the bounds of the window and of playback. */
  range: DayWindow;
}

/** The map layers a person can switch on and off. */
export interface LayerToggles {
  choropleth: boolean;
  heatmap: boolean;
  labels: boolean;
  hotspots: boolean;
  /** Open cases (issue 15); off where the server has none. */
  cases: boolean;
  /** Grids filled by risk colour level (issue 16). */
  risk: boolean;
}

/** What the controls ask for. `''` category or source = all; `''` dates are open. */
export interface WallControls {
  category: string;
  source: string;
  window: DayWindow;
  level: StatsLevel;
  layers: LayerToggles;
  step: Step;
  /** Playback speed, frames per second. */
  speed: number;
}

/** What one view of the wall shows, fetched in one go. */
export interface ViewData {
  filter: Filter;
  level: StatsLevel;
  stats: GridStats;
  points: ReportPoints;
  gridUnits: UnitStats;
  /** The streets' ranking; null when the city loaded no streets (the ranking is hidden). */
  streets: UnitStats | null;
  hotspots: Hotspots | null;
  levelUnits: UnitStats | null;
}

/** A report as the live feed announces it. */
export interface LiveReport {
  lon: number;
  lat: number;
  category: string;
  source: string;
  created_at: string;
  grid_id: string | null;
}

/**
 * The report filter of the controls.
 * @example controlsFilter({ category: '06010', source: 'app', window: { from: '2024-03-01', to: '' }, … })
 *   // { categories: ['06010'], from: '2024-03-01', to: '', sources: ['app'] }
 */
export function controlsFilter(c: Pick<WallControls, 'category' | 'source' | 'window'>): Filter {
  const f = readFilter(c.category, c.window.from, c.window.to);
  return { ...f, sources: c.source ? [c.source] : [] };
}

/**
 * Above `binAbove` stored reports the heatmap reads the server's bins for the view, not points.
 * @example isBinned({ reports: 1_000_000 }, 300_000) // true
 */
export function isBinned(meta: Pick<Meta, 'reports'> | undefined, binAbove: number): boolean {
  return (meta?.reports ?? 0) > binAbove;
}

/**
 * The first window of playback: from the start of the data, or from the window shown when it is
 * already a step-sized one past the start (play resumes where it stopped); clipped to the range.
 * @example playStart({ from: '2024-01-01', to: '2024-06-30' }, { from: '2024-01-01', to: '2024-06-30' }, 'month')
 *   // { from: '2024-01-01', to: '2024-01-31' }
 */
export function playStart(range: DayWindow, current: DayWindow, step: Step): DayWindow {
  let w = stepWindow(range.from, step);
  if (current.from > range.from && daysBetween(current.from, current.to) < 31) w = stepWindow(current.from, step);
  return { from: w.from < range.from ? range.from : w.from, to: w.to > range.to ? range.to : w.to };
}

/**
 * Whether a live report counts in the view: it matches the filter and falls in the window shown.
 * @example liveReportCounts({ category: '06010', source: 'app', created_at: '2024-03-01T02:00:00Z', … }, { categories: [], from: '', to: '' }) // true
 */
export function liveReportCounts(r: Pick<LiveReport, 'category' | 'source' | 'created_at'>, f: Filter): boolean {
  const day = isoToCstDate(r.created_at);
  const inWindow = (!f.from || day >= f.from) && (!f.to || day <= f.to);
  return inWindow && (!f.categories.length || f.categories.includes(r.category)) && (!f.sources?.length || f.sources.includes(r.source));
}

/**
 * A grid's statistic with one more report (its density follows).
 * @example withOneMore({ count: 1, area_m2: 1e6, per_km2: 1, … }).per_km2 // 2
 */
export function withOneMore(s: GridStat): GridStat {
  return { ...s, count: s.count + 1, per_km2: ((s.count + 1) / s.area_m2) * 1e6 };
}

/**
 * The data once a view has arrived: its statistics (at the level asked), points, labels (each
 * grid's own count at every level) and hot spots; the version moves on.
 * @example data = withView(data, await views.fetch(filter, 'grid', data.meta))
 */
export function withView(data: WallData, view: ViewData): WallData {
  const { stats, level, levelUnits } = view;
  return {
    ...data,
    stats: viewStats(data.grids, stats, level, levelUnits),
    points: view.points,
    labels: labelData(data.grids, statsById(stats.grids)),
    version: data.version + 1,
    hot: hotGrids(view.hotspots),
  };
}

/**
 * The statistic the choropleth colours each grid with: its own, or at a coarser level its
 * unit's density (count and per km²) over the grid's own row.
 * @example viewStats(grids, stats, 'grid', null) // statsById(stats.grids)
 */
export function viewStats(grids: GridCollection, stats: GridStats, level: StatsLevel, levelUnits: UnitStats | null): Map<string, GridStat> {
  if (!levelUnits) return statsById(stats.grids);
  const dens = densityByGrid(
    grids.features.map((f) => f.properties),
    level,
    levelUnits.units,
  );
  return new Map(stats.grids.map((g) => [g.id, { ...g, ...(dens.get(g.id) ?? { count: 0, per_km2: 0 }) }]));
}

/**
 * The ids of the grids the hot spot answer calls hot (none when it failed).
 * @example hotGrids({ grids: [{ id: 'A', class: 'hot', … }] }) // Set { 'A' }
 */
export function hotGrids(hotspots: Pick<Hotspots, 'grids'> | null): Set<string> {
  return new Set((hotspots?.grids ?? []).filter((g) => g.class === 'hot').map((g) => g.id));
}

/**
 * `?heat=lo,hi`: the heatmap's colour domain for a wall calibrated to its city; null unless two
 * non-negative increasing numbers.
 * @example parseDomain('0.5,40') // [0.5, 40]
 */
export function parseDomain(text: string | null): [number, number] | null {
  const m = text?.split(',').map(Number);
  return m && m.length === 2 && m.every((x) => Number.isFinite(x) && x >= 0) && m[0] < m[1] ? [m[0], m[1]] : null;
}

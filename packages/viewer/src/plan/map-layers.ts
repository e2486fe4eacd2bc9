/**
 * The planner's maplibre layers: context outlines, grids (selected ones highlighted), coverage
 * problems in red, and HTML labels (grid names, problem areas). No symbol layers: those need a
 * glyph server, and the page must not ask anything of the internet; labels are DOM elements in
 * the bundled Noto Sans SC instead.
 */
import maplibregl, { type GeoJSONSource, type Map as MaplibreMap } from 'maplibre-gl';
import type { CoverageProblem, GridSet } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import { labelAnchor } from '../geo.ts';
import { declutterLabels, type LabelDatum } from '../layers/labels/props.ts';
import { problemsToCollection } from './grid-features.ts';
import { KIND_NAMES, problemLabel } from './problem-text.ts';

/** Colours of the planner (dark, like the command centre's wall; problems in red). */
export const PLAN_COLORS = {
  /** One muted tone per parent unit (town, street office), so the hierarchy shows. */
  gridFills: ['#1b4b7a', '#1d5a5f', '#3a3f78', '#2d5a3a', '#5a4a2a', '#4a2f5c', '#24566e', '#503a48'],
  gridLine: '#6fb6ff',
  selectedFill: '#38d9ff',
  boundary: '#8aa0bd',
  problem: '#ff3b30',
} as const;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the sources and layers; call once the style is loaded, before terra-draw starts. */
export function addPlanLayers(map: MaplibreMap): void {
  map.addSource('boundaries', { type: 'geojson', data: EMPTY });
  map.addSource('grids', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addSource('problems', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'grid-fill',
    type: 'fill',
    source: 'grids',
    paint: {
      'fill-color': [
        'case',
        ['boolean', ['feature-state', 'selected'], false],
        PLAN_COLORS.selectedFill,
        ['to-color', ['at', ['get', 'tone'], ['literal', [...PLAN_COLORS.gridFills]]]],
      ],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.35, 0.45],
    },
  });
  map.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': PLAN_COLORS.gridLine, 'line-width': 1.2 } });
  map.addLayer({
    id: 'boundary-line',
    type: 'line',
    source: 'boundaries',
    paint: {
      'line-color': PLAN_COLORS.boundary,
      'line-width': ['match', ['get', 'level'], 1, 2.5, 1.5],
      'line-dasharray': [3, 2],
      'line-opacity': 0.7,
    },
  });
  map.addLayer({
    id: 'problem-fill',
    type: 'fill',
    source: 'problems',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': PLAN_COLORS.problem, 'fill-opacity': 0.55 },
  });
  map.addLayer({ id: 'problem-line', type: 'line', source: 'problems', paint: { 'line-color': PLAN_COLORS.problem, 'line-width': 2.5 } });
  map.addLayer({
    id: 'problem-point',
    type: 'circle',
    source: 'problems',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': PLAN_COLORS.problem,
      'circle-radius': 7,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1.5,
    },
  });
}

/** Sets the context outlines (GET /api/boundaries). */
export function setBoundaries(map: MaplibreMap, boundaries: FeatureCollection): void {
  (map.getSource('boundaries') as GeoJSONSource).setData(boundaries);
}

/** Sets the grids drawn (id, name and a tone per parent go to the map: the rest is the page's). */
export function setGrids(map: MaplibreMap, gridSet: GridSet): void {
  const tones = new Map<string | null, number>();
  for (const g of gridSet.grids) if (!tones.has(g.parent)) tones.set(g.parent, tones.size % PLAN_COLORS.gridFills.length);
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: gridSet.grids.map((g) => ({
      type: 'Feature',
      properties: { id: g.id, name: g.name, tone: tones.get(g.parent)! },
      geometry: g.geometry,
    })),
  };
  (map.getSource('grids') as GeoJSONSource).setData(data);
}

/** Highlights the selected grids (feature-state: no data re-upload). */
export function setSelected(map: MaplibreMap, previous: readonly string[], selected: readonly string[]): void {
  for (const id of previous) map.setFeatureState({ source: 'grids', id }, { selected: false });
  for (const id of selected) map.setFeatureState({ source: 'grids', id }, { selected: true });
}

/** Draws the problems in red. */
export function setProblems(map: MaplibreMap, problems: readonly CoverageProblem[]): void {
  (map.getSource('problems') as GeoJSONSource).setData(problemsToCollection(problems) as FeatureCollection);
}

/**
 * HTML labels on the map: grid names (decluttered for the zoom, as on the main page) and one
 * red label per problem with its kind and m². Re-created on each call; a few hundred at most.
 */
export class PlanLabels {
  private markers: maplibregl.Marker[] = [];

  constructor(private readonly map: MaplibreMap) {}

  update(gridSet: GridSet, problems: readonly CoverageProblem[]): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
    const data: LabelDatum[] = gridSet.grids.map((g) => ({
      id: g.id,
      name: g.name || g.id,
      position: labelAnchor(g.geometry),
      count: null,
    }));
    for (const d of declutterLabels(data, this.map.getZoom(), { showCounts: false, size: 13 })) {
      this.add(d.position, d.name, 'plan-label');
    }
    for (const p of problems) {
      // Above the spot, not on it: a small gap stays visible under its label.
      if (p.location) this.add(p.location, problemLabel(p), 'plan-label problem', 'problem-label', 'bottom');
    }
  }

  private add(at: [number, number], text: string, className: string, testId?: string, anchor: 'center' | 'bottom' = 'center'): void {
    const el = document.createElement('div');
    el.className = className;
    el.textContent = text;
    if (testId) el.dataset.testid = testId;
    this.markers.push(
      new maplibregl.Marker({ element: el, anchor, offset: anchor === 'bottom' ? [0, -6] : [0, 0] }).setLngLat(at).addTo(this.map),
    );
  }
}

/**
 * Map labels are DOM text in the bundled Noto Sans SC, loaded by unicode-range slice: load the
 * slices of every name and problem word first, or a machine without CJK fonts shows boxes
 * until the slice arrives.
 * @example await loadLabelGlyphs(session.names().values())
 */
export async function loadLabelGlyphs(names: Iterable<string>): Promise<void> {
  const text = [...names, ...Object.values(KIND_NAMES), '狭缝', '0123456789,. m²'].join('');
  await document.fonts.load('13px "Noto Sans SC"', text).catch(() => undefined);
}

/**
 * The small map of the open case: the offline base style (background only, like the wall), the
 * case's grid outlined and its first report's point. maplibre's own circle and line layers need
 * no glyphs or tiles, so nothing is fetched but the grids from the page's server.
 */
import type { Map as MapLibre, GeoJSONSource } from 'maplibre-gl';
import type { Api, GridCollection, GridFeature } from '../api/index.ts';
import { createBaseMap } from '../base-map.ts';
import { bboxOfFeatures } from '../geo.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** The map in `#case-map`. */
export class CaseMap {
  readonly map: MapLibre;
  #grids: Promise<GridCollection> | null = null;
  #loaded: Promise<void>;

  /** @example const caseMap = new CaseMap(api); await caseMap.show(c); */
  constructor(private readonly api: Api) {
    this.map = createBaseMap('case-map', { zoom: 14 });
    this.#loaded = new Promise((resolve) => this.map.on('load', () => resolve()));
    void this.#loaded.then(() => {
      this.map.addSource('grid', { type: 'geojson', data: EMPTY });
      this.map.addSource('case', { type: 'geojson', data: EMPTY });
      this.map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grid', paint: { 'fill-color': '#38d9ff', 'fill-opacity': 0.08 } });
      this.map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': '#38d9ff', 'line-width': 2 } });
      this.map.addLayer({
        id: 'case-point',
        type: 'circle',
        source: 'case',
        paint: {
          'circle-radius': 7,
          'circle-color': ['case', ['get', 'overdue'], '#ff3b30', '#ffc107'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
    });
  }

  /** Shows a case's point and grid and fits the view to them. */
  async show(c: { lon: number | null; lat: number | null; grid_id: string | null; overdue: boolean }): Promise<void> {
    await this.#loaded;
    const grid = c.grid_id ? await this.#grid(c.grid_id) : null;
    const point =
      c.lon !== null && c.lat !== null
        ? [
            {
              type: 'Feature' as const,
              properties: { overdue: c.overdue },
              geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] },
            },
          ]
        : [];
    (this.map.getSource('grid') as GeoJSONSource).setData({ type: 'FeatureCollection', features: grid ? [grid] : [] });
    (this.map.getSource('case') as GeoJSONSource).setData({ type: 'FeatureCollection', features: point });
    this.map.resize();
    const box = grid ? bboxOfFeatures([grid]) : null;
    if (box)
      this.map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: 24, duration: 0, maxZoom: 17 },
      );
    else if (point.length) this.map.jumpTo({ center: [c.lon!, c.lat!], zoom: 16 });
  }

  async #grid(id: string): Promise<GridFeature | null> {
    this.#grids ??= this.api.grids().catch(() => ({ type: 'FeatureCollection', features: [] }) as GridCollection);
    return (await this.#grids).features.find((g) => g.properties.id === id) ?? null;
  }
}

/** The wall's map: the base map with deck.gl over it, fitted to leave room for the side panels. */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from 'deck.gl';
import { createBaseMap } from '../base-map.ts';
import type { BBox } from '../geo.ts';
import type { ReadyFlag } from '../ready.ts';

/** 3840×2160 walls draw the panels at twice the size (style.css), so the labels and the room the view leaves for the panels too. */
export const UI_SCALE = window.innerWidth >= 3000 ? 2 : 1;
// #panel (380 px with margins) on the left, #ranking (400) on the right, 20 px of air each.
const FIT_PADDING = { top: 40 * UI_SCALE, bottom: 120 * UI_SCALE, left: 400 * UI_SCALE, right: 420 * UI_SCALE };

/** The map of the wall and what the page does with it. */
export interface WallMap {
  map: ReturnType<typeof createBaseMap>;
  overlay: MapboxOverlay;
  /** Fits the view to a box, right of the left panel and left of the rankings. */
  fit(bbox: BBox | null): void;
  /** `[west, south, east, north]` of the view, WGS84 degrees. */
  bbox(): [number, number, number, number];
}

/**
 * The map in `#map` with an empty deck.gl overlay (non-interleaved: one canvas on top).
 * @example const { map, overlay, fit } = createWallMap(ready, tooltip);
 */
export function createWallMap(ready: ReadyFlag, tooltip: (info: PickingInfo) => { text: string; className: string } | null): WallMap {
  const map = createBaseMap('map');
  (window as unknown as { citygridMap: typeof map }).citygridMap = map; // for tests and screenshots (map.project)
  const overlay = new MapboxOverlay({ interleaved: false, layers: [], onAfterRender: () => ready.afterRender(), getTooltip: tooltip });
  map.addControl(overlay);
  return {
    map,
    overlay,
    fit: (b) =>
      b &&
      map.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding: FIT_PADDING, duration: 0 },
      ),
    bbox: () => {
      const b = map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    },
  };
}

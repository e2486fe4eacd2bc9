import maplibregl from 'maplibre-gl';
import { BASE_STYLE } from './base-style.ts';

/**
 * The map both pages draw on: the offline base style (no tiles, no glyph server), flat (no
 * rotation or pitch), one world copy, zoom buttons and a metric scale. `options` adds to or
 * overrides the defaults (the planner turns off double-click and box zoom).
 */
export function createBaseMap(container: string, options: Partial<maplibregl.MapOptions> = {}): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: BASE_STYLE,
    center: [109, 32.7],
    zoom: 11,
    attributionControl: false,
    renderWorldCopies: false,
    dragRotate: false,
    pitchWithRotate: false,
    ...options,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}

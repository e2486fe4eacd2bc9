/** The wall's deck.gl layers, bottom to top, for the data shown and the layers switched on. */
import { GeoJsonLayer, ScatterplotLayer, type Layer } from 'deck.gl';
import { caseLayer, type CasePoint } from '../layers/cases/index.ts';
import { choroplethLayer } from '../layers/choropleth/index.ts';
import { heatmapLayer } from '../layers/heatmap/index.ts';
import { declutterLabels, labelsLayer } from '../layers/labels/index.ts';
import { outlinesLayer } from '../layers/outlines/index.ts';
import type { RiskAnswer } from '../api/index.ts';
import { livePulses, type Pulse } from './live.ts';
import { riskLayer } from './risk/risk-layer.ts';
import type { LayerToggles, WallData } from './wall-state.ts';

/** How the layers are drawn on this screen. */
export interface WallLayerOptions {
  /** The heatmap's colour domain, reports per km². */
  heatDomain: [number, number];
  /** 2 on a 3840×2160 wall: bigger labels and a finer heatmap texture. */
  uiScale: number;
  /** The map's zoom (labels are decluttered for it). */
  zoom: number;
  /** performance.now(), for the pulses' rings. */
  now: number;
  /** Open cases, the workflow's open stages and a version bumped at each load; null without cases. */
  cases?: { points: readonly CasePoint[]; stages: readonly string[]; version: number } | null;
  /** The risk answer shown and its version; null until the risk layer was switched on. */
  risk?: { answer: RiskAnswer; version: number } | null;
}

/**
 * The layers. An unchecked layer is left out, not hidden: deck.gl keeps updating hidden layers
 * (the heatmap would rebuild its weight map on every zoom for nothing).
 * @example overlay.setProps({ layers: wallLayers(data, readControls().layers, feed.pulses, options) })
 */
export function wallLayers(data: WallData, on: LayerToggles, pulses: readonly Pulse[], o: WallLayerOptions): Layer[] {
  const { grids, hot } = data;
  const shown = (yes: boolean, layer: () => Layer): Layer[] => (yes ? [layer()] : []);
  return [
    ...shown(on.choropleth, () => choroplethLayer(grids, data.stats, { version: data.version })),
    ...shown(on.heatmap, () => heatmapLayer(data.points, { colorDomain: o.heatDomain, textureSize: 1024 * o.uiScale })),
    ...shown(on.risk && !!o.risk, () => riskLayer(grids, o.risk!.answer, o.risk!.version)),
    outlinesLayer(data.boundaries, grids),
    ...shown(
      on.hotspots,
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
    ...shown(on.labels, () => labelsLayer(declutterLabels(data.labels, o.zoom, { size: 14 * o.uiScale }), { size: 14 * o.uiScale })),
    ...shown(on.cases && !!o.cases, () =>
      caseLayer(o.cases!.points, { stages: o.cases!.stages, version: o.cases!.version, radiusPixels: 6 * o.uiScale }),
    ),
    ...livePulses(pulses, o.now).map((props) => new ScatterplotLayer(props)),
  ];
}

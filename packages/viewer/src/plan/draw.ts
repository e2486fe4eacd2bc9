/**
 * terra-draw on the planner's map: the selected grid's vertices to drag (select mode, with
 * midpoints to add a vertex), and a line to split along (linestring mode). terra-draw only
 * ever holds the selected grid (or the line being drawn); every grid is drawn by
 * map-layers.ts, and every edit goes through core, not through terra-draw's store: a finished
 * drag is read back as "vertex i moved to p" (diffRing) and applied to every grid sharing it.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type SnapToCustom,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Grid } from '@citygrid/core';
import type { Position } from 'geojson';
import { diffRing, type RingEdit } from '@citygrid/core';

/** What the page does with what is drawn. */
export interface DrawHandlers {
  /** A vertex of `grid`'s part `part` (outer ring) was dragged or inserted; `alt` = Alt was held when the drag began. */
  vertexEdit(grid: string, part: number, ring: Position[], edit: RingEdit, alt: boolean): void;
  /** A split line was finished. */
  line(line: Position[]): void;
  /**
   * The existing vertex to snap to near the pointer, or undefined (see vertex-snap.ts).
   * @param skip the vertex being dragged, not a target for itself
   */
  snap(event: TerraDrawMouseEvent, skip?: Position): Position | undefined;
}

/** The drawing layer's controls. */
export interface PlanDraw {
  /** Shows a grid's part (the one containing `at`, else the largest) with draggable vertices; null clears. */
  show(grid: Grid | null, at?: Position): void;
  /** Starts drawing a split line. */
  startLine(): void;
  /** Drops a line being drawn and goes back to vertex editing. */
  cancelLine(): void;
  readonly drawingLine: boolean;
}

// terra-draw keeps 9 decimals (~0.1 mm); core's crossing points have 15+. What terra-draw is
// given is rounded, and a drag is mapped back by index onto the exact vertex.
const PRECISION = 9;
const COLORS = { line: '#ffd166', vertex: '#38d9ff', selected: '#ffffff' } as const;

/**
 * Starts terra-draw on a loaded map. Call after the page's own layers are added: terra-draw's
 * layers go on top.
 */
export function createPlanDraw(map: MaplibreMap, handlers: DrawHandlers): PlanDraw {
  let shown: { grid: string; part: number; ring: Position[]; featureId: string } | null = null;
  let alt = false;
  let nextId = 0;
  // Alt is read from the pointerdown that starts a drag (terra-draw only reports keys pressed
  // while the canvas has focus).
  map.getCanvasContainer().addEventListener('pointerdown', (e) => (alt = e.altKey), { capture: true });

  const snapDrag: SnapToCustom = (event, context) => {
    const skip = shown && context.currentCoordinate !== undefined ? shown.ring[context.currentCoordinate] : undefined;
    return handlers.snap(event, skip);
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
    idStrategy: { isValidId: (id) => typeof id === 'string' && id.startsWith('td-'), getId: () => `td-${++nextId}` },
    modes: [
      new TerraDrawSelectMode({
        allowManualSelection: false, // selection is the page's (click, Shift+click), not terra-draw's
        allowManualDeselection: false,
        keyEvents: null, // the page's shortcuts handle keys
        flags: {
          polygon: {
            feature: {
              draggable: false,
              coordinates: { draggable: true, midpoints: { draggable: true }, deletable: false, snappable: { toCustom: snapDrag } },
            },
          },
        },
        styles: {
          selectedPolygonColor: COLORS.selected,
          selectedPolygonFillOpacity: 0.08,
          selectedPolygonOutlineColor: COLORS.selected,
          selectedPolygonOutlineWidth: 2,
          selectionPointColor: COLORS.vertex,
          selectionPointWidth: 5,
          selectionPointOutlineColor: '#06101f',
          selectionPointOutlineWidth: 2,
          midPointColor: COLORS.vertex,
          midPointOpacity: 0.6,
          midPointWidth: 3,
          midPointOutlineWidth: 0,
        },
      }),
      new TerraDrawPolygonMode(), // features must belong to a mode: the shown grid is a "polygon"
      new TerraDrawLineStringMode({
        snapping: { toCustom: (event) => handlers.snap(event) },
        keyEvents: { cancel: null, finish: 'Enter' },
        styles: {
          lineStringColor: COLORS.line,
          lineStringWidth: 3,
          closingPointColor: COLORS.line,
          closingPointWidth: 5,
          snappingPointColor: COLORS.vertex,
          snappingPointWidth: 6,
        },
      }),
    ],
  });
  draw.start();
  draw.setMode('select');

  draw.on('finish', (id, context) => {
    if (context.mode === 'linestring' && context.action === 'draw') {
      const f = draw.getSnapshotFeature(id);
      draw.removeFeatures([id]);
      draw.setMode('select');
      if (f?.geometry.type === 'LineString') handlers.line(f.geometry.coordinates);
      return;
    }
    if (context.mode !== 'select' || !shown || id !== shown.featureId) return;
    if (context.action !== 'dragCoordinate' && context.action !== 'insertMidpoint') return;
    const f = draw.getSnapshotFeature(id);
    if (f?.geometry.type !== 'Polygon') return;
    const edit = diffRing(shown.ring, f.geometry.coordinates[0]);
    if (edit) handlers.vertexEdit(shown.grid, shown.part, shown.ring, edit, alt);
  });

  const clear = () => {
    if (shown && draw.hasFeature(shown.featureId)) {
      draw.deselectFeature(shown.featureId);
      draw.removeFeatures([shown.featureId]);
    }
    shown = null;
  };

  return {
    show(grid, at) {
      clear();
      if (!grid) return;
      const parts = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
      const part = pickPart(parts, at);
      const ring = parts[part][0];
      const featureId = draw.getFeatureId() as string;
      const coordinates = [ring.map(([x, y]) => [round(x), round(y)])];
      const [result] = draw.addFeatures([
        { id: featureId, type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties: { mode: 'polygon' } },
      ]);
      if (!result?.valid) {
        console.warn(`grid ${grid.id}: terra-draw refused its outline (${result?.reason}); vertices cannot be dragged`);
        return;
      }
      shown = { grid: grid.id, part, ring, featureId };
      if (draw.getMode() !== 'select') draw.setMode('select');
      draw.selectFeature(featureId);
    },
    startLine() {
      clear();
      draw.setMode('linestring');
    },
    cancelLine() {
      draw.setMode('select');
    },
    get drawingLine() {
      return draw.getMode() === 'linestring';
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10 ** PRECISION) / 10 ** PRECISION;
}

/** The part containing `at` (ray casting on its outer ring), else the one with most vertices. */
function pickPart(parts: Position[][][], at?: Position): number {
  if (at) {
    const i = parts.findIndex((p) => inside(at, p[0]));
    if (i >= 0) return i;
  }
  let best = 0;
  parts.forEach((p, i) => {
    if (p[0].length > parts[best][0].length) best = i;
  });
  return best;
}

function inside([x, y]: Position, ring: Position[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

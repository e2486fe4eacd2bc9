/**
 * Selecting grids and switching tools: a click selects a grid, Shift+click adds or removes one;
 * the split tool draws a line, the select tool edits the selected grid's vertices.
 */
import type { MapMouseEvent } from 'maplibre-gl';
import type { Position } from 'geojson';
import { setSelected } from './map-layers.ts';
import { $, type Planner } from './planner.ts';
import { formatArea } from './problem-text.ts';
import { TEXT } from './strings.ts';

let shown: string[] = [];
let clickAt: Position | undefined;

/**
 * A click on the map: selects the grid under it (Shift: toggles it in the selection).
 * @example map.on('click', (e) => selectAt(planner, e))
 */
export function selectAt(p: Planner, e: MapMouseEvent): void {
  // The click that finishes a line reaches the map after terra-draw is done with it: it is
  // the line's, not a selection.
  if (!p.session || p.draw.drawingLine || performance.now() - p.lineEndedAt < 400) return;
  const hit = p.map.queryRenderedFeatures(e.point, { layers: ['grid-fill'] })[0];
  const id = hit ? String(hit.properties.id) : null;
  if (e.originalEvent.shiftKey) {
    if (id) p.selection = p.selection.includes(id) ? p.selection.filter((s) => s !== id) : [...p.selection, id];
  } else p.selection = id ? [id] : [];
  clickAt = [e.lngLat.lng, e.lngLat.lat];
  showSelection(p);
}

/**
 * Shows the selection: highlighted on the map, its vertices in terra-draw (one grid), listed in
 * the panel.
 * @example showSelection(planner)
 */
export function showSelection(p: Planner): void {
  if (!p.session) return;
  const gs = p.session.present;
  setSelected(
    p.map,
    shown.filter((id) => gs.byId.has(id)),
    p.selection,
  );
  shown = [...p.selection];
  if (!p.draw.drawingLine) p.draw.show(p.selection.length === 1 ? gs.byId.get(p.selection[0])! : null, clickAt);
  const chosen = p.selection.map((id) => gs.byId.get(id)!);
  $('selection').textContent = chosen.length
    ? TEXT.selected(chosen.length, chosen.map((g) => `${g.name}（${g.id}，${formatArea(g.area_m2)}）`).join('、'))
    : TEXT.noSelection;
  $<HTMLButtonElement>('tool-merge').disabled = p.selection.length < 2;
}

/**
 * Switches between the select tool (vertex editing) and the split tool (drawing a line).
 * @example setTool(planner, 'split')
 */
export function setTool(p: Planner, tool: 'select' | 'split'): void {
  $('tool-select').classList.toggle('active', tool === 'select');
  $('tool-split').classList.toggle('active', tool === 'split');
  if (tool === 'split') {
    p.draw.startLine();
    $('hint').textContent = TEXT.splitHint(p.selection.length > 0);
  } else {
    if (p.draw.drawingLine) p.draw.cancelLine();
    $('hint').textContent = TEXT.selectHint;
    showSelection(p);
  }
  document.body.dataset.tool = tool;
}

/**
 * The planner's commands: the edits (drag or insert a vertex, split along a line, merge), each
 * one step of the history, and the keyboard and button commands that dispatch to them. The
 * edits themselves are core's (mergeGrids, moveVertex, insertVertex, splitAlong).
 */
import { mergeGrids, type GridSet } from '@citygrid/core';
import type { Position } from 'geojson';
import type { Planner } from './planner.ts';
import { $ } from './planner.ts';
import { commandFor, SHORTCUTS, shortcutLabel, type Command } from './shortcuts.ts';
import { TEXT } from './strings.ts';
import { saveDraft } from './ui/versions-panel.ts';
import { insertVertex, moveVertex, splitAlong, type RingEdit } from '@citygrid/core';
import { createVertexIndex, type VertexIndex } from './vertex-snap.ts';

const SNAP_PX = 10; // a drawn or dragged point within 10 px of a vertex lands on it exactly

/**
 * Runs a command of the keyboard or the toolbar.
 * @example run(planner, 'undo')
 */
export function run(p: Planner, command: Command): void {
  if (!p.session) return;
  const h = p.session.history;
  switch (command) {
    case 'undo':
      if (h.undo()) p.changed();
      break;
    case 'redo':
      if (h.redo()) p.changed();
      break;
    case 'split':
      p.setTool(p.draw.drawingLine ? 'select' : 'split');
      break;
    case 'merge':
      merge(p);
      break;
    case 'select':
      p.setTool('select');
      break;
    case 'cancel':
      if (p.draw.drawingLine) p.setTool('select');
      else {
        p.selection = [];
        p.showSelection();
      }
      break;
    case 'save':
      void saveDraft(p, false);
      break;
  }
}

/**
 * Lists the keyboard shortcuts in the panel and runs them (not while typing in a field).
 * @example wireKeyboard(planner)
 */
export function wireKeyboard(p: Planner): void {
  $('shortcuts').replaceChildren(
    ...SHORTCUTS.map((s) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('kbd'), { textContent: shortcutLabel(s) }), ` ${s.help}`);
      return li;
    }),
    Object.assign(document.createElement('li'), { textContent: TEXT.altDrag }),
  );
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    const command = commandFor(e);
    if (!command) return;
    e.preventDefault();
    run(p, command);
  });
}

/**
 * terra-draw moved or inserted a vertex of a grid's ring: the edit moves it in every grid that
 * shares it (Alt: in this grid only).
 * @example vertexEdit(planner, 'A1', 0, ring, { kind: 'move', index: 2, to }, false)
 */
export function vertexEdit(p: Planner, gridId: string, ring: Position[], edit: RingEdit, alt: boolean): void {
  const gs = p.session!.present;
  const name = gs.byId.get(gridId)?.name ?? gridId;
  try {
    if (edit.kind === 'move') {
      const r = moveVertex(gs, ring[edit.index], exact(p, edit.to), alt ? { only: [gridId] } : {});
      if (r.changed.length) apply(p, r.gridSet, alt ? TEXT.moveOnly(name) : TEXT.moveShared(r.changed.length));
      else p.changed({ persist: false });
    } else {
      const r = insertVertex(gs, ring[edit.index - 1], ring[edit.index], exact(p, edit.point));
      if (r.changed.length) apply(p, r.gridSet, TEXT.insertVertex(r.changed.length));
    }
  } catch (e) {
    p.status.textContent = TEXT.cannotEdit((e as Error).message);
    p.changed({ persist: false }); // puts terra-draw's copy back
  }
}

/**
 * A split line was finished: splits the selected grids it crosses (or any it crosses).
 * @example splitWith(planner, [[109.0, 32.7], [109.1, 32.7]])
 */
export function splitWith(p: Planner, line: Position[]): void {
  p.lineEndedAt = performance.now();
  p.setTool('select');
  const gs = p.session!.present;
  const sel = p.selection;
  const r = splitAlong(gs, line, sel.length ? { only: sel } : {});
  if (!r.split.length) {
    p.status.textContent = TEXT.splitMissed(sel.length > 0, r.skipped[0]?.reason);
    return;
  }
  p.selection = [];
  const what = r.split.map((s) => gs.byId.get(s.id)?.name || s.id).join('、');
  apply(p, r.gridSet, TEXT.splitStep(what));
  p.status.textContent = TEXT.splitDone(what, r.split.map((s) => s.pieces.join(' + ')).join('；'));
}

/**
 * Merges the selected grids into the first one selected.
 * @example merge(planner)
 */
export function merge(p: Planner): void {
  if (p.selection.length < 2) {
    p.status.textContent = TEXT.mergeHow;
    return;
  }
  const gs = p.session!.present;
  try {
    const ids = [...p.selection];
    const next = mergeGrids(gs, ids);
    p.selection = [ids[0]];
    apply(p, next, TEXT.mergeStep(ids.map((id) => gs.byId.get(id)?.name || id).join('、')));
    p.status.textContent = TEXT.merged(next.byId.get(ids[0])?.name ?? ids[0], ids[0]);
  } catch (e) {
    p.status.textContent = TEXT.cannotMerge((e as Error).message);
  }
}

/**
 * The existing vertex near the pointer (within SNAP_PX), for terra-draw to snap to.
 * @param skip the vertex being dragged, not a target for itself
 * @example snap(planner, { lng, lat, containerX, containerY })
 */
export function snap(
  p: Planner,
  event: { lng: number; lat: number; containerX: number; containerY: number },
  skip?: Position,
): Position | undefined {
  if (!p.session) return undefined;
  const a = p.map.unproject([event.containerX, event.containerY]);
  const b = p.map.unproject([event.containerX + SNAP_PX, event.containerY + SNAP_PX]);
  return vertexIndex(p).nearest(event.lng, event.lat, Math.abs(b.lng - a.lng), Math.abs(b.lat - a.lat), skip) ?? undefined;
}

function apply(p: Planner, next: GridSet, label: string): void {
  p.session!.history.push({ gridSet: next }, label);
  p.changed();
}

/** A dragged point terra-draw rounded to 9 decimals, put back on the exact vertex it was snapped to. */
function exact(p: Planner, point: Position): Position {
  return vertexIndex(p).nearest(point[0], point[1], 2e-9, 2e-9) ?? point;
}

// One index per state of the grids: built on the first snap after a change.
let cached: { gridSet: GridSet; index: VertexIndex } | null = null;

function vertexIndex(p: Planner): VertexIndex {
  const gs = p.session!.present;
  if (cached?.gridSet !== gs) cached = { gridSet: gs, index: createVertexIndex(gs) };
  return cached.index;
}

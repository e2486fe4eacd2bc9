/**
 * What the planner's parts share: the map, the client, the session and what is selected, and
 * the few steps every part may ask for. main.ts builds the one {@link Planner} of the page.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { CoverageProblem } from '@citygrid/core';
import type { Api, VersionList } from '../api/index.ts';
import type { BBox } from '../geo.ts';
import type { PlanDraw } from './draw.ts';
import type { Session } from './session.ts';

/** The element of the page with this id. */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The planner page's state and shared steps. */
export interface Planner {
  readonly map: MaplibreMap;
  readonly api: Api;
  /** The status line under the title. */
  readonly status: HTMLElement;
  /** terra-draw's layer, there once the map has loaded. */
  draw: PlanDraw;
  /** null until the first grids are loaded. */
  session: Session | null;
  /** Selected grid ids, in click order (the first one keeps its id in a merge). */
  selection: string[];
  /** The problems of the last coverage check. */
  problems: CoverageProblem[];
  /** The server's versions; null on a server without them. */
  versions: VersionList | null;
  /** performance.now() when a split line was last finished (its last click is not a selection). */
  lineEndedAt: number;
  /** After every change of the grids: map, panels and check; stores the local draft unless `persist: false`. */
  changed(options?: { persist?: boolean }): void;
  /** Stores the session as the local draft (IndexedDB), in order. */
  persist(): void;
  /** Shows the selection on the map, in terra-draw and in the panel. */
  showSelection(): void;
  setTool(tool: 'select' | 'split'): void;
  /** Fits the view to a box, right of the panel. */
  fit(bbox: BBox | null, maxZoom?: number): void;
}

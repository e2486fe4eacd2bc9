/**
 * Fetches what one view of the wall shows, in one go; a new view aborts the previous one's
 * requests, and the heatmap's bins (per map view) have their own in-flight request.
 */
import type { Api, Filter, Meta, ReportPoints, StatsLevel } from '../api/index.ts';
import { shownLevels } from './levels.ts';
import type { ViewData } from './wall-state.ts';

/** Where the heatmap's reports come from for this map view. */
export interface HeatSource {
  /** True when the heatmap reads the server's bins (many reports) instead of every point. */
  binned(meta: Meta): boolean;
  zoom(): number;
  /** `[west, south, east, north]` of the map, WGS84 degrees. */
  bbox(): [number, number, number, number];
}

/** Starts views' requests, aborting the superseded ones. */
export class ViewLoader {
  #view: AbortController | null = null;
  #bins: AbortController | null = null;

  /** @example const views = new ViewLoader(api, heatSource); const data = await views.fetch(filter, 'grid', meta); */
  constructor(
    private readonly api: Api,
    private readonly heat: HeatSource,
  ) {}

  /** Starts the requests of a view (the previous view's are aborted). */
  fetch(filter: Filter, level: StatsLevel, meta: Meta): Promise<ViewData> {
    this.#view?.abort();
    this.#view = new AbortController();
    const signal = this.#view.signal;
    const api = this.api;
    return Promise.all([
      api.stats(filter, signal),
      this.#heatPoints(filter, meta, signal),
      api.unitStats(filter, 'grid', 'day', signal),
      shownLevels(meta).includes('street') ? api.unitStats(filter, 'street', undefined, signal) : Promise.resolve(null),
      api.hotspots(filter, signal).catch((e: Error) => (e.name === 'AbortError' ? Promise.reject(e) : null)),
      level === 'grid' ? Promise.resolve(null) : api.unitStats(filter, level, undefined, signal),
    ]).then(([stats, points, gridUnits, streets, hotspots, levelUnits]) => ({
      filter,
      level,
      stats,
      points,
      gridUnits,
      streets,
      hotspots,
      levelUnits,
    }));
  }

  /** The heatmap's reports alone, for the map view now (the previous such request is aborted). */
  heatPoints(filter: Filter, meta: Meta): Promise<ReportPoints> {
    this.#bins?.abort();
    this.#bins = new AbortController();
    return this.#heatPoints(filter, meta, this.#bins.signal);
  }

  // Many reports: the server's bins for the view instead of every point (1M points are 8 MB and a
  // heavy aggregation on a software renderer; bins are a few thousand weighted cells).
  #heatPoints(filter: Filter, meta: Meta, signal: AbortSignal): Promise<ReportPoints> {
    return this.heat.binned(meta) ? this.api.bins(filter, this.heat.zoom(), this.heat.bbox(), signal) : this.api.points(filter, signal);
  }
}

/**
 * The answer, or null when its requests were aborted by a newer view (not a failure).
 * @example const view = await unlessAborted(views.fetch(filter, 'grid', meta));
 */
export async function unlessAborted<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  }
}

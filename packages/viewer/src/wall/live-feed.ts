/**
 * The live feed: each stored report pulses at its place for PULSE_MS and, when it counts in the
 * view (filter and window), adds to the total and to its grid at once; the server's counts
 * follow when the caller refetches.
 */
import type { Filter, GridStat } from '../api/index.ts';
import { $ } from './controls.ts';
import { PULSE_MS, type Pulse } from './live.ts';
import { liveReportCounts, withOneMore, type LiveReport } from './wall-state.ts';

/** What the feed needs of the wall. */
export interface LiveFeedHooks {
  /** The filter of the view shown. */
  filter(): Filter;
  /** The per-grid statistics shown (updated in place), or null before the first view. */
  stats(): Map<string, GridStat> | null;
  /** A report counted: time to refetch the server's counts (coalesced by the caller). */
  counted(): void;
  /** Redraws the layers (pulses animate through it). */
  draw(): void;
}

/** The pulses alive and the reports seen; connects to the server's event stream. */
export class LiveFeed {
  /** Reports of the last PULSE_MS, for the pulse layer. */
  pulses: Pulse[] = [];
  #count = 0;
  #animating = false;

  /** @example const feed = new LiveFeed(hooks); feed.connect(); */
  constructor(private readonly hooks: LiveFeedHooks) {}

  /** Opens the stream (a browser without EventSource has no live feed). */
  connect(): void {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/stream?events=report');
    const live = $('live');
    es.addEventListener('open', () => live.classList.add('on'));
    es.addEventListener('error', () => live.classList.remove('on'));
    es.addEventListener('report', (ev) => this.#receive(JSON.parse((ev as MessageEvent<string>).data) as LiveReport));
  }

  #receive(r: LiveReport): void {
    this.pulses = [...this.pulses.filter((p) => performance.now() - p.t < PULSE_MS), { lon: r.lon, lat: r.lat, t: performance.now() }];
    this.#count += 1;
    document.body.dataset.liveCount = String(this.#count);
    if (liveReportCounts(r, this.hooks.filter())) {
      const total = $('total-count');
      total.textContent = String(Number(total.textContent) + 1);
      const stats = this.hooks.stats();
      const s = r.grid_id ? stats?.get(r.grid_id) : undefined;
      if (r.grid_id && s) stats!.set(r.grid_id, withOneMore(s));
      this.hooks.counted();
    }
    this.#animate();
  }

  #animate(): void {
    if (this.#animating) return;
    this.#animating = true;
    const frame = () => {
      this.hooks.draw();
      if (this.pulses.some((p) => performance.now() - p.t < PULSE_MS)) requestAnimationFrame(frame);
      else this.#animating = false;
    };
    requestAnimationFrame(frame);
  }
}

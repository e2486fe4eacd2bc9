/**
 * The page's readiness for tests and for the wall's watchdog: `body[data-ready]` is 'false'
 * while data is being fetched and 'true' once a frame with that data has been drawn.
 */
export class ReadyFlag {
  private generation = 0;
  private awaiting = 0;
  private first = true;

  constructor(
    private readonly el: HTMLElement,
    private readonly now: () => number = () => performance.now(),
  ) {
    el.dataset.ready = 'false';
  }

  /** A refetch starts: ready = 'false'. @returns the generation to pass to {@link layersSet}. */
  begin(): number {
    this.generation += 1;
    this.awaiting = 0;
    this.el.dataset.ready = 'false';
    return this.generation;
  }

  /** Whether a refetch of this generation has been overtaken by a newer one. */
  stale(generation: number): boolean {
    return generation !== this.generation;
  }

  /** Layers holding this generation's data have been handed to deck.gl. */
  layersSet(generation: number): void {
    if (generation === this.generation) this.awaiting = generation;
  }

  /** deck.gl `onAfterRender`: the first frame after {@link layersSet} makes the page ready. */
  afterRender(): void {
    if (this.awaiting === 0 || this.awaiting !== this.generation) return;
    this.awaiting = 0;
    if (this.first) {
      this.first = false;
      // Time from navigation start to the first drawn heatmap, for the test's report.
      this.el.dataset.firstFrameMs = String(Math.round(this.now()));
    }
    this.el.dataset.ready = 'true';
  }
}

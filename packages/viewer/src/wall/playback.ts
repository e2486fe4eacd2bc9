/**
 * Playback: the window steps through the days with reports, one frame per `1 / speed` s; each
 * frame sets the date inputs and refreshes the view like a person would.
 */
import { $, readControls, readWindow } from './controls.ts';
import { t, type Lang } from './i18n.ts';
import { frameInterval, nextWindow, type DayWindow } from './time.ts';
import { playStart } from './wall-state.ts';

/** Starts and stops the playback of a wall. */
export class Playback {
  #timer: ReturnType<typeof setInterval> | null = null;

  /**
   * @param setWindow shows a window (sets the inputs and refreshes)
   * @param lang the page's language now (for the button)
   * @example const playback = new Playback(setWindow, () => lang); playback.toggle(range);
   */
  constructor(
    private readonly setWindow: (w: DayWindow) => void,
    private readonly lang: () => Lang,
  ) {}

  /** True while playing: the live feed then leaves refetching to the frames. */
  get playing(): boolean {
    return this.#timer !== null;
  }

  /** Starts playing over `range` from the window shown (or its start), or stops. */
  toggle(range: DayWindow): void {
    if (this.#timer) {
      this.stop();
      return;
    }

    if (!range.from) return;
    this.setWindow(playStart(range, readWindow(), readControls().step));
    this.#timer = setInterval(
      () => this.setWindow(nextWindow(readWindow(), range, readControls().step)),
      frameInterval(readControls().speed),
    );
    this.#button('pause', true);
  }

  /** Stops playing (the window stays where it is). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#button('play', false);
  }

  #button(key: 'play' | 'pause', on: boolean): void {
    const button = $('play');
    button.dataset.i18n = key;
    button.textContent = t(this.lang(), key);
    button.classList.toggle('on', on);
  }
}

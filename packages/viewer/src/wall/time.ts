/**
 * The wall's time window: calendar days `YYYY-MM-DD` (China Standard Time), both ends inclusive,
 * as the date inputs hold them. Playback moves a one-step window (a day or a month) through
 * the data's range and wraps at its end.
 */

export type Step = 'day' | 'month';

/** A window of calendar days, both inclusive. */
export interface DayWindow {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function ms(date: string): number {
  if (!DATE.test(date)) throw new Error(`expected a date like 2024-03-01, got ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` plus `n` days. @example addDays('2024-02-28', 2) // '2024-03-01' */
export function addDays(date: string, n: number): string {
  return new Date(ms(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (negative when b is earlier). @example daysBetween('2024-01-01', '2024-01-31') // 30 */
export function daysBetween(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/** The window of one step starting at `date`: that day, or that day's calendar month. */
export function stepWindow(date: string, step: Step): DayWindow {
  if (step === 'day') return { from: date, to: date };
  const d = new Date(ms(date));
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/**
 * The next frame of playback: the step after `current`, or the first step of `range` once
 * `current` has reached the range's end (playback loops).
 *
 * @param current the window shown now
 * @param range first and last day of the data
 * @example nextWindow({ from: '2024-01-01', to: '2024-01-31' }, { from: '2024-01-01', to: '2024-06-30' }, 'month')
 *   // { from: '2024-02-01', to: '2024-02-29' }
 */
export function nextWindow(current: DayWindow, range: DayWindow, step: Step): DayWindow {
  const next = addDays(current.to, 1);
  if (next > range.to || current.to < range.from) return clip(stepWindow(range.from, step), range);
  return clip(stepWindow(next, step), range);
}

/** The window kept inside the range (a month cut at the data's first or last day). */
export function clip(w: DayWindow, range: DayWindow): DayWindow {
  return { from: w.from < range.from ? range.from : w.from, to: w.to > range.to ? range.to : w.to };
}

/**
 * Moves a window to start at `from`, keeping its length, clipped to the range: what the
 * window slider does.
 */
export function slideWindow(current: DayWindow, from: string, range: DayWindow): DayWindow {
  const len = Math.max(0, daysBetween(current.from, current.to));
  return clip({ from, to: addDays(from, len) }, range);
}

/** Milliseconds between playback frames at a speed (frames per second, 0.25–8). */
export function frameInterval(speed: number): number {
  if (!(speed > 0)) throw new Error(`expected a speed > 0, got ${speed}`);
  return Math.round(1000 / speed);
}

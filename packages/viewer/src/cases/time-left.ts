/**
 * Time left on a case's clock as the desk and the wall print it: the two largest units, in
 * 汉字 (剩余 2小时15分 / 超时 1天3小时) or English (2 h 15 min left / 1 d 3 h overdue). Counted in
 * wall-clock time: the server's `time_left_ms` is `due_at − now`, whatever the clock counts.
 */
import type { Lang } from '../wall/i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: Record<
  Lang,
  { d: string; h: string; min: string; sep: string; left: (s: string) => string; over: (s: string) => string; none: string; lt1: string }
> = {
  'zh-CN': { d: '天', h: '小时', min: '分', sep: '', left: (s) => `剩余 ${s}`, over: (s) => `超时 ${s}`, none: '不限时', lt1: '不足1分' },
  en: {
    d: ' d',
    h: ' h',
    min: ' min',
    sep: ' ',
    left: (s) => `${s} left`,
    over: (s) => `${s} overdue`,
    none: 'no time limit',
    lt1: '< 1 min',
  },
};

/**
 * The time left, or overdue by, in a language; null (no limit) says so.
 * @example formatTimeLeft(8_100_000, 'zh-CN') // '剩余 2小时15分'
 * @example formatTimeLeft(-97_200_000, 'en') // '1 d 3 h overdue'
 */
export function formatTimeLeft(ms: number | null, lang: Lang): string {
  const u = UNITS[lang];
  if (ms === null) return u.none;
  const text = formatSpan(Math.abs(ms), lang);
  return ms < 0 ? u.over(text) : u.left(text);
}

/**
 * A span in its two largest units, rounded down: `1天3小时`, `2 h 15 min`, `45分`.
 * @example formatSpan(90_000_000, 'zh-CN') // '1天1小时'
 */
export function formatSpan(ms: number, lang: Lang): string {
  const u = UNITS[lang];
  if (ms < MINUTE) return u.lt1;
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const parts =
    d > 0
      ? [
          [d, u.d],
          [h, u.h],
        ]
      : h > 0
        ? [
            [h, u.h],
            [m, u.min],
          ]
        : [[m, u.min]];
  return parts
    .filter(([n], i) => i === 0 || (n as number) > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(u.sep);
}

/**
 * The time left now, from the answer's `time_left_ms` and how long ago it came (the desk ticks
 * between refreshes without asking the server again).
 * @example timeLeftNow(60_000, 1000, 31_000) // 30_000
 */
export function timeLeftNow(timeLeftMs: number | null, receivedAt: number, now: number): number | null {
  return timeLeftMs === null ? null : timeLeftMs - (now - receivedAt);
}

/**
 * A local time for the timeline, China Standard Time: `2026-09-30 10:00`.
 * @example cstTime('2026-09-30T02:00:00Z') // '2026-09-30 10:00'
 */
export function cstTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

import { cumulative, pick, type Rng } from './prng.ts';

/**
 * When synthetic reports happen: a day from per-group seasonal, weekly and holiday weights,
 * then an hour from the source's daily rhythm. Times are Beijing time (UTC+08:00).
 */
export type TimeGroup = 'sanitation' | 'advertising' | 'construction' | 'street' | 'snow';

export interface Calendar {
  /** 'YYYY-MM-DD' of each day. */
  dates: string[];
  /** Cumulative day weights per group. */
  days: Record<TimeGroup, Float64Array>;
  /** Cumulative day weights of rural market days (集日, every third day) for each of 3 cycles. */
  marketDays: Float64Array[];
}

// 春节 (Spring Festival) dates: reports dip from two days before to six days after.
const SPRING_FESTIVAL = ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03'];

/** The calendar of `months` months from `start` ('YYYY-MM-DD'). */
export function calendar(start: string, months: number, rng: Rng): Calendar {
  const [y, m, d] = start.split('-').map(Number);
  const t0 = Date.UTC(y, m - 1, d);
  const t1 = Date.UTC(y, m - 1 + months, d);
  if (!Number.isFinite(t0) || !(t1 > t0)) throw new RangeError(`reports: bad start ${start} or months ${months}`);
  const festival = SPRING_FESTIVAL.map((s) => Date.parse(`${s}T00:00:00Z`));
  const info: Array<{ month: number; weekday: number; dip: number }> = [];
  const dates: string[] = [];
  for (let t = t0; t < t1; t += 86_400_000) {
    const date = new Date(t);
    dates.push(date.toISOString().slice(0, 10));
    const near = festival.some((f) => t >= f - 2 * 86_400_000 && t <= f + 6 * 86_400_000);
    info.push({ month: date.getUTCMonth() + 1, weekday: date.getUTCDay(), dip: near ? 0.4 : 1 });
  }
  const season = (peakMonth: number, amplitude: number, month: number) =>
    1 + amplitude * Math.cos((2 * Math.PI * (month - peakMonth)) / 12);
  const weekend = (w: number, factor: number) => (w === 0 || w === 6 ? factor : 1);
  const winter = info.map((x, i) => (x.month === 12 || x.month <= 2 ? i : -1)).filter((i) => i >= 0);
  // A handful of snow or ice days in winter (Ankang sees a few a year).
  const snow = new Set(Array.from({ length: Math.min(6, winter.length) }, () => winter[Math.floor(rng() * winter.length)]));
  const table = (f: (x: (typeof info)[number], i: number) => number) => cumulative(info.map((x, i) => f(x, i) * x.dip));
  return {
    dates,
    days: {
      sanitation: table((x) => season(7, 0.25, x.month) * weekend(x.weekday, 1.1)),
      advertising: table((x) => weekend(x.weekday, 0.8)),
      construction: table((x) => season(4, 0.35, x.month) * weekend(x.weekday, 0.7)),
      street: table((x) => season(5, 0.2, x.month) * weekend(x.weekday, 1.3)),
      snow: table((_, i) => (snow.has(i) ? 1 : winter.length ? 0 : 1)),
    },
    marketDays: [0, 1, 2].map((cycle) => table((x, i) => (i % 3 === cycle ? season(5, 0.2, x.month) : 0))),
  };
}

// Reports per hour of day (Beijing time) by source: patrols keep office hours, the hotline
// runs 7–22 with morning and afternoon peaks, app and WeChat users report in the evening.
const HOURS: Record<string, Float64Array> = {
  patrol: cumulative([0, 0, 0, 0, 0, 0, 0.2, 1, 4, 5, 5, 4, 1, 1.5, 4, 5, 5, 4, 1.5, 1, 0.5, 0.2, 0, 0]),
  '12345': cumulative([0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 4, 4, 3.5, 2, 2.5, 3.5, 4, 3.5, 3, 2.5, 2.5, 2, 1.5, 0.8, 0.4]),
  app: cumulative([0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 2, 2.5, 2, 1.8, 2, 2.2, 1.8, 1.8, 1.8, 2, 2.5, 3.5, 4, 4, 3.5, 2, 0.8]),
  wechat: cumulative([0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 1.8, 2.2, 1.8, 1.6, 2, 2.4, 1.8, 1.6, 1.6, 1.8, 2.4, 3.5, 4.2, 4.2, 3.6, 2.2, 1]),
};

/** Seconds after midnight for a report from `source`. */
export function secondOfDay(source: string, rng: Rng): number {
  const hour = pick(rng, HOURS[source] ?? HOURS['12345']);
  return hour * 3600 + Math.floor(rng() * 3600);
}

/** `YYYY-MM-DDTHH:MM:SS+08:00` for a day and a second of that day. */
export function isoTime(date: string, second: number): string {
  const two = (v: number) => (v < 10 ? '0' : '') + v;
  return `${date}T${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}+08:00`;
}

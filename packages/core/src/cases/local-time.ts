// Local days and times in a profile's timezone, without the runtime's own timezone: the
// server may run in UTC and a browser anywhere, but a city's working day is cut in its own.
const DAY = 86_400_000;
const MINUTE = 60_000;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Minutes a timezone is ahead of UTC at an instant: an offset (`+08:00`) or an IANA name.
 *
 * @example offsetMinutes('+08:00', 0) // 480
 * @example offsetMinutes('America/New_York', Date.UTC(2026, 6, 1)) // -240
 */
export function offsetMinutes(tz: string, ms: number): number {
  const m = OFFSET.exec(tz);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/**
 * The local day of an instant, as days since 1970-01-01 (a day number: consecutive days
 * differ by one, whatever the offset).
 *
 * @example localDay(Date.UTC(2026, 9, 1, 16), '+08:00') // 20728 (2026-10-02 in Beijing)
 */
export function localDay(ms: number, tz: string): number {
  return Math.floor((ms + offsetMinutes(tz, ms) * MINUTE) / DAY);
}

/**
 * The instant (UTC ms) of a minute of a local day; minute 1440 is the next midnight.
 *
 * @example localInstant(20727, 8 * 60 + 30, '+08:00') // Date.UTC(2026, 9, 1, 0, 30)
 */
export function localInstant(day: number, minute: number, tz: string): number {
  return wallToUtc(day * DAY + minute * MINUTE, tz);
}

/**
 * The instant (UTC ms) of a wall-clock time in a timezone, the wall time given as if it were
 * UTC ms: how a time written without a zone (`2017-12-27T13:36:22`, Los Angeles' 311 export)
 * is read in its city's timezone. In a DST gap or overlap the offset before the change is used.
 *
 * @example wallToUtc(Date.UTC(2017, 11, 27, 13, 36, 22), 'America/Los_Angeles') // Date.UTC(2017, 11, 27, 21, 36, 22)
 */
export function wallToUtc(wall: number, tz: string): number {
  // Two steps find the offset in force at that wall time, also next to a DST change.
  const guess = wall - offsetMinutes(tz, wall) * MINUTE;
  return wall - offsetMinutes(tz, guess) * MINUTE;
}

/**
 * A day number as `YYYY-MM-DD`.
 *
 * @example isoDate(20727) // '2026-10-01'
 */
export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DD` as a day number.
 *
 * @example dayNumber('2026-10-01') // 20727
 */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

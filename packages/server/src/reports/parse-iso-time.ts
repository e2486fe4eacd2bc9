// YYYY-MM-DD, optionally followed by a time (HH:MM, :SS, fraction) and a zone (Z, ±HH, ±HHMM, ±HH:MM).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time, or null if it is not one.
 *
 * A time without a zone is read as UTC, never as the server's local time: the same request
 * must mean the same instant on every machine. Send `+08:00` for Beijing time.
 * Impossible dates (2024-02-30, 25:00) are refused rather than rolled over as `Date` does.
 *
 * @example parseIsoTime('2024-05-01T08:00:00+08:00') // 1714521600000
 */
export function parseIsoTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  // Date.UTC maps years 0-99 to 1900-1999; no report predates year 1000 anyway.
  if (year < 1000) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return utc - zoneOffsetMs(zone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
}

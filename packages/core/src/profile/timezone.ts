const OFFSET = /^[+-](\d{2}):(\d{2})$/;

/**
 * Whether `tz` names a timezone: a fixed UTC offset (`+08:00`, −12:00 … +14:00) or an IANA
 * name the runtime's Intl knows (`Asia/Shanghai`). China keeps one offset all year, so
 * `+08:00` is exact there; a city with daylight saving needs the IANA name.
 *
 * @example isTimezone('+08:00') // true
 * @example isTimezone('Asia/Shanghai') // true
 * @example isTimezone('Mars/Base') // false
 */
export function isTimezone(tz: string): boolean {
  const m = OFFSET.exec(tz);
  if (m) {
    const minutes = Number(m[1]) * 60 + Number(m[2]);
    return Number(m[2]) < 60 && minutes <= (tz[0] === '-' ? 12 * 60 : 14 * 60);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

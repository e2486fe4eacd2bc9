import { describe, expect, test } from 'vitest';
import { parseIsoTime } from '../../src/index.ts';

describe('parseIsoTime', () => {
  test.for([
    ['2024-05-01', '2024-05-01T00:00:00.000Z', 'a date is midnight UTC'],
    ['2024-05-01T08:30', '2024-05-01T08:30:00.000Z', 'a time without zone is UTC, not server-local'],
    ['2024-05-01T08:30:15Z', '2024-05-01T08:30:15.000Z', 'Z'],
    ['2024-05-01T08:30:15.123456Z', '2024-05-01T08:30:15.123Z', 'fraction beyond ms is cut'],
    ['2024-05-01T08:00:00+08:00', '2024-05-01T00:00:00.000Z', 'Beijing time'],
    ['2024-05-01T08:00:00+0800', '2024-05-01T00:00:00.000Z', 'offset without colon'],
    ['2024-05-01T08:00:00+08', '2024-05-01T00:00:00.000Z', 'offset in hours'],
    ['2024-05-01 08:00:00-05:30', '2024-05-01T13:30:00.000Z', 'space separator, negative offset'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z', 'leap day'],
  ] as const)('reads %s (%s)', ([text, iso]) => {
    expect(new Date(parseIsoTime(text)!).toISOString()).toBe(iso);
  });

  test.for([
    ['2023-02-29', 'not a leap year'],
    ['2024-13-01', 'month 13'],
    ['2024-05-01T24:00', 'hour 24'],
    ['05/01/2024', 'US order'],
    ['yesterday', 'words'],
    ['1714521600000', 'epoch ms'],
    ['0099-01-01', 'a year Date.UTC would shift to 1999'],
    ['', 'empty'],
  ] as const)('refuses %s (%s)', ([text]) => {
    expect(parseIsoTime(text)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DENSITY_BREAKS, DENSITY_PALETTE, densityClass, densityColor, densityLegend, hexToRgba } from '../src/density-classes.ts';

describe('densityClass', () => {
  // [perKm2, count, expected class, why]
  const cases: [number, number, number, string][] = [
    [0, 0, 0, 'no reports'],
    [5, 0, 0, 'count 0 wins over a stray density'],
    [0.3, 1, 1, 'one report in a big village is the lowest class, not "none"'],
    [2.999, 3, 1, 'just under the first break'],
    [3, 3, 2, 'a break belongs to the class above (half-open [lo, hi))'],
    [9.99, 10, 2, '3–10'],
    [10, 10, 3, '10–30 starts at 10'],
    [2999, 100, 7, '1000–3000'],
    [3000, 100, 8, 'top class starts at 3000'],
    [1e6, 100, 8, 'no upper limit'],
    [NaN, 3, 0, 'a zero-area grid (density NaN) reads as none'],
  ];
  it.each(cases)('%d/km² with %d reports is class %d (%s)', (perKm2, count, expected) => {
    expect(densityClass(perKm2, count)).toBe(expected);
  });
});

describe('densityColor', () => {
  it('maps each class to its palette entry with the given alpha', () => {
    expect(densityColor(1, 1)).toEqual([0x44, 0x01, 0x54, 170]);
    expect(densityColor(5000, 900, { alpha: 255 })).toEqual([0xfd, 0xe7, 0x25, 255]);
  });
  it('leaves grids without reports transparent', () => {
    expect(densityColor(0, 0)[3]).toBe(0);
  });
});

describe('densityLegend', () => {
  it('has one row per class plus "no reports", labelled in reports/km²', () => {
    const rows = densityLegend();
    expect(rows.map((r) => r.label)).toEqual(['无上报', '< 3', '3–10', '10–30', '30–100', '100–300', '300–1000', '1000–3000', '≥ 3000']);
    expect(rows).toHaveLength(DENSITY_BREAKS.length + 2);
    expect(DENSITY_PALETTE).toHaveLength(DENSITY_BREAKS.length + 1);
  });
  it('agrees with densityClass at every bound', () => {
    for (const row of densityLegend().slice(1)) {
      expect(densityClass(row.min, 1)).toBe(row.index);
      if (row.max !== Infinity) expect(densityClass(row.max, 1)).toBe(row.index + 1);
      expect(densityColor(row.min, 1)).toEqual(row.color);
    }
  });
  it('is the same whatever the data: it takes none', () => {
    expect(densityLegend()).toEqual(densityLegend());
    expect(densityLegend.length).toBe(0);
  });
  it('runs from dark to bright (readable on the dark wall)', () => {
    const lum = (hex: string) => {
      const [r, g, b] = hexToRgba(hex);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const l = DENSITY_PALETTE.map(lum);
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeGreaterThan(l[i - 1]);
  });
});

describe('hexToRgba', () => {
  it('throws on anything but #rrggbb, naming what it got', () => {
    expect(() => hexToRgba('red')).toThrow(/expected a colour like #1fa187, got "red"/);
  });
});

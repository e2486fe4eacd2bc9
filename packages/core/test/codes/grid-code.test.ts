import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseType, formatGridCode, parseGridCode } from '../../src/index.ts';

describe('grid codes', () => {
  it('parse∘format is the identity on valid parts', () => {
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    fc.assert(
      fc.property(digits(6), digits(3), digits(3), fc.integer({ min: 1, max: 999 }), (county, town, community, seq) => {
        const code = formatGridCode({ county, town, community, seq });
        expect(code).toHaveLength(15);
        expect(parseGridCode(code)).toEqual({ county, town, community, seq: String(seq).padStart(3, '0') });
      }),
    );
  });

  it.each([
    ['14 digits', '61090200100100'],
    ['letters', '61090200100100A'],
    ['sequence 000 is not a grid', '610902001001000'],
  ])('rejects %s', (_why, code) => {
    expect(parseGridCode(code)).toBeUndefined();
  });

  it('throws when formatting parts that do not fit', () => {
    expect(() => formatGridCode({ county: '610902', town: 1000, community: 1, seq: 1 })).toThrow(/15-digit/);
  });

  it('knows GB/T 47678.5 case types by code', () => {
    expect(caseType('06010')).toMatchObject({ name: '暴露垃圾', standardRef: 'GB/T 47678.5-2026' });
    expect(caseType('99999')).toBeUndefined();
  });
});

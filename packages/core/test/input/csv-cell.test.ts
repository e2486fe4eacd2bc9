import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvSafeCell, findMalformedInput, parseDecimal } from '../../src/index.ts';

describe('csvSafeCell', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['+cmd|calc', "'+cmd|calc"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['-118.25', '-118.25'],
    ['+1e3', '+1e3'],
    ['井盖', '井盖'],
    ['', ''],
  ])('%j → %j', (cell, safe) => expect(csvSafeCell(cell)).toBe(safe));

  test('no output starts a formula, unless it is a plain number; safe text is left alone', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = csvSafeCell(s);
        expect(/^[=+\-@\t\r]/.test(out) && Number.isNaN(parseDecimal(out))).toBe(false);
        if (!/^[=+\-@\t\r]/.test(s)) expect(out).toBe(s);
      }),
    );
  });
});

describe('findMalformedInput', () => {
  test('finds every lone surrogate, and nothing in well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0xd800, max: 0xdfff }), (s, unit) => {
        expect(findMalformedInput({ a: [s] })).toBeUndefined();
        expect(findMalformedInput({ a: [s + String.fromCharCode(unit)] })).toEqual({ path: '/a/0', why: 'lone-surrogate' });
      }),
    );
  });

  test('bounds depth without recursing', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(findMalformedInput({ p: v })).toEqual({ path: `/p${'/0'.repeat(63)}`, why: 'too-deep' });
  });
});

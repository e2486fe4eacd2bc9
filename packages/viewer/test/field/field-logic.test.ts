import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GBT_47678_5 } from '@citygrid/core';
import type { Me } from '@citygrid/server';
import type { RiskAnswer } from '../../src/api/field.ts';
import { backoffMs, retriable } from '../../src/field/backoff.ts';
import { indexCategories, initialsOf, searchCategories, useRecent } from '../../src/field/category-search.ts';
import { myGrids } from '../../src/field/my-grids.ts';
import { positionCrs } from '../../src/field/position.ts';
import { keyIn } from '../../src/field/sign-in.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/field');
const CATALOGUE = indexCategories(GBT_47678_5.matters.map((e) => ({ code: e.code, name: e.name, en: null })));

describe('category search', () => {
  it('finds by Chinese, by pinyin initials and by code', () => {
    expect(initialsOf('暴露垃圾')).toBe('bllj');
    expect(searchCategories(CATALOGUE, '暴露垃圾', [])[0].code).toBe('06010');
    expect(searchCategories(CATALOGUE, 'bllj', [])[0].code).toBe('06010');
    expect(searchCategories(CATALOGUE, '06010', [])[0].code).toBe('06010');
    expect(searchCategories(CATALOGUE, '垃圾', []).map((c) => c.code)).toContain('06010');
    expect(searchCategories(CATALOGUE, 'zzzzqqq', [])).toEqual([]);
  });

  it('lists recent categories first, most recent first, among the matches', () => {
    const recent = useRecent(useRecent([], '06010'), '09009');
    expect(recent).toEqual(['09009', '06010']);
    expect(
      searchCategories(CATALOGUE, '', recent)
        .slice(0, 2)
        .map((c) => c.code),
    ).toEqual(['09009', '06010']);
    // A recent category that does not match the query is not listed for it.
    expect(searchCategories(CATALOGUE, 'bllj', recent).map((c) => c.code)).not.toContain('09009');
  });

  it('keeps each recent code once, at most `keep` of them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }), (uses) => {
        const recent = uses.reduce<string[]>((r, code) => useRecent(r, code, 3), []);
        expect(new Set(recent).size).toBe(recent.length);
        expect(recent.length).toBeLessThanOrEqual(3);
        if (uses.length) expect(recent[0]).toBe(uses[uses.length - 1]);
      }),
    );
  });
});

describe('backoff', () => {
  it('doubles from 2 s up to a minute, within its jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (n, r) => {
        const ms = backoffMs(n, r);
        const base = Math.min(60_000, 2000 * 2 ** n);
        expect(ms).toBeGreaterThanOrEqual(base / 2 - 1);
        expect(ms).toBeLessThanOrEqual(base);
        expect(backoffMs(n + 1, r)).toBeGreaterThanOrEqual(ms);
      }),
    );
  });

  it('retries what may pass later, not what the server refused for the report itself', () => {
    expect([undefined, 500, 503, 408, 429].map(retriable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 409, 413, 422].map(retriable)).toEqual([false, false, false, false, false, false]);
  });
});

describe('my grids', () => {
  const me: Me = {
    key: { id: '3f2a9c01d4e7', role: 'inspector', label: null, department: null, grids: ['HB-1-2', 'HB-1-3'], person: 'P7' },
    person: {
      id: 'P7',
      name: '王丽',
      role: 'full-time',
      department: null,
      active: true,
      grids: ['HB-1-1', 'HB-1-2'],
      created_at: '2026-12-01T00:00:00.000Z',
    },
  };
  const names = new Map([
    ['HB-1-1', '新城社区一网格'],
    ['HB-1-2', '新城社区二网格'],
  ]);

  it("shows the person's and the key's grids once each, coloured by the risk answer with its patrol frequency", () => {
    const risk = JSON.parse(readFileSync(join(FIXTURES, 'risk.json'), 'utf8')) as RiskAnswer;
    expect(myGrids(me, names, risk)).toEqual([
      { id: 'HB-1-1', name: '新城社区一网格', risk: { level: 'red', name: '高风险', color: '#d7301f' }, patrolEveryDays: 1 },
      { id: 'HB-1-2', name: '新城社区二网格', risk: { level: 'green', name: '低风险', color: '#1a9850' }, patrolEveryDays: 7 },
      // Not graded this period: shown without a colour.
      { id: 'HB-1-3', name: 'HB-1-3', risk: null, patrolEveryDays: null },
    ]);
  });

  it('shows the grids without colours when the server has no risk endpoint (404 → null)', () => {
    expect(myGrids(me, names, null).map((g) => [g.id, g.risk])).toEqual([
      ['HB-1-1', null],
      ['HB-1-2', null],
      ['HB-1-3', null],
    ]);
  });
});

describe('sign-in and position', () => {
  it('reads a key pasted bare or inside the link the desk encodes', () => {
    const key = `cg_3f2a9c01d4e7_${'V'.repeat(43)}`;
    expect(keyIn(` ${key}\n`)).toBe(key);
    expect(keyIn(`https://city.example/m#key=${key}`)).toBe(key);
    expect(keyIn('not a key')).toBeNull();
  });

  it("sends gcj02 from WeChat's browser and wgs84 from any other", () => {
    expect(positionCrs('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile MicroMessenger/8.0.47')).toBe('gcj02');
    expect(positionCrs('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1')).toBe('wgs84');
  });
});

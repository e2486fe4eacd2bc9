import { describe, expect, it } from 'vitest';
import { mergeGrids } from '@citygrid/core';
import { Session } from '../../src/plan/session.ts';
import { sixGrids } from './fixtures.ts';

describe('Session', () => {
  it('keeps nothing locally until the first edit, then the steps and the saved draft', () => {
    const gs = sixGrids();
    const s = Session.fromVersion(gs, 3);
    expect(s.record().keep).toBe(false);
    const ids = gs.grids.slice(0, 2).map((g) => g.id);
    s.history.push({ gridSet: mergeGrids(gs, ids) }, 'merge');
    s.saved = { version: 4, gridSet: s.present };
    const { record, keep, at } = s.record();
    expect([keep, at, record.baseVersion, record.saved]).toEqual([true, 1, 3, { version: 4, at: 1 }]);
    expect(s.savedNow).toBe(true);
  });

  it('comes back from its stored record with the same position, base, saved draft and old names', () => {
    const gs = sixGrids();
    const s = Session.fromVersion(gs, 3);
    const ids = gs.grids.slice(0, 2).map((g) => g.id);
    s.history.push({ gridSet: mergeGrids(gs, ids) }, 'merge');
    s.saved = { version: 4, gridSet: s.present };
    const back = Session.fromDraft(s.record().record).session;
    expect([back.history.position, back.baseVersion, back.saved?.version, back.savedNow]).toEqual([1, 3, 4, true]);
    expect(back.names().get(ids[1])).toBe(gs.byId.get(ids[1])!.name); // merged away, still named
  });
});

import type { ServedCase } from '../../src/api/index.ts';

/** A served case (contract shape) with defaults; times ISO, overdue and allowed_actions set. */
export function servedCase(over: Partial<ServedCase> = {}): ServedCase {
  return {
    id: 'c1',
    stage: 'reported',
    version: 1,
    opened_at: '2026-03-02T01:00:00.000Z',
    updated_at: '2026-03-02T01:00:00.000Z',
    stage_started_at: '2026-03-02T01:00:00.000Z',
    due_at: '2026-03-02T02:00:00.000Z',
    clock: 'working',
    suspended: false,
    suspended_at: null,
    suspended_ms: 0,
    department: 'cgj',
    owner_level: 'grid',
    grid_id: 'g1',
    category: '06010',
    standard: null,
    urgency: 'normal',
    lon: 109.02,
    lat: 32.71,
    reports: ['r1'],
    reworks: 0,
    returns: 0,
    extensions: 0,
    reopens: 0,
    escalations: 0,
    transfers: 0,
    extension_requested: null,
    merged_into: null,
    overdue: false,
    time_left_ms: 3_600_000,
    allowed_actions: [],
    ...over,
  };
}

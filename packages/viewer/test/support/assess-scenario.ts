// A small city history for the assessment's browser test: cases in three of the fixture grids
// over October and November 2026 (Beijing time), handled by two departments, some closed on
// time, one left overdue in 派遣, some never accepted, so grids, departments and the two months
// rank differently. Imported through POST /api/cases/import (the cases issue's history import).

type Step = [action: string, at: string, role: string, extra?: object];

const ROLES: Record<string, object> = {
  operator: { role: 'operator' },
  supervisor: { role: 'supervisor' },
  dispatcher: { role: 'dispatcher' },
};

function history(id: string, grid: string, department: string, at: string, steps: Step[]) {
  return {
    opening: { id, at, category: department === 'gajj' ? '09009' : '06010', grid_id: grid, department, reports: [`old-${id}`] },
    events: steps.map(([action, when, role, extra]) => ({
      action,
      at: when,
      actor: ROLES[role] ?? (role === 'inspector' ? { role, grids: [grid] } : { role: 'department', department }),
      ...extra,
    })),
  };
}

/** The loop from report to closure, starting on a day at 09:00 Beijing time, `hours` to handle. */
function closedLoop(day: string, department: string, hours = 2): Step[] {
  const t = (h: number, m = 0) => new Date(Date.parse(`${day}T09:00:00+08:00`) + h * 3_600_000 + m * 60_000).toISOString();
  return [
    ['accept', t(0, 5), 'operator'],
    ['register', t(0, 10), 'supervisor'],
    ['dispatch', t(0, 20), 'dispatcher', { department }],
    ['handle', t(hours), 'department', { note: '已处理' }],
    ['verify', t(hours + 1), 'inspector'],
    ['close', t(hours + 1, 30), 'supervisor'],
  ];
}

/** Dispatched and then left alone: overdue in 派遣. */
function leftDispatched(day: string, department: string): Step[] {
  return closedLoop(day, department).slice(0, 3);
}

/** The histories, one NDJSON line each. */
export function assessScenario(): string {
  const at = (day: string) => `${day}T09:00:00+08:00`;
  const cases = [
    // November: 新城一 closes everything, 新城二 leaves one dispatched, 香溪 never gets going.
    history('n1', 'HB-1-1', 'cgj', at('2026-11-03'), closedLoop('2026-11-03', 'cgj')),
    history('n2', 'HB-1-1', 'cgj', at('2026-11-10'), closedLoop('2026-11-10', 'cgj')),
    history('n3', 'HB-1-1', 'cgj', at('2026-11-17'), closedLoop('2026-11-17', 'cgj', 3)),
    history('n4', 'HB-1-2', 'cgj', at('2026-11-04'), closedLoop('2026-11-04', 'cgj')),
    history('n5', 'HB-1-2', 'gajj', at('2026-11-05'), leftDispatched('2026-11-05', 'gajj')),
    history('n6', 'HB-2-1', 'gajj', at('2026-11-06'), []),
    history('n7', 'HB-2-1', 'gajj', at('2026-11-12'), closedLoop('2026-11-12', 'gajj').slice(0, 2)),
    // October: the other way round.
    history('o1', 'HB-1-1', 'cgj', at('2026-10-08'), []),
    history('o2', 'HB-1-2', 'cgj', at('2026-10-09'), closedLoop('2026-10-09', 'cgj')),
    history('o3', 'HB-1-2', 'cgj', at('2026-10-13'), closedLoop('2026-10-13', 'cgj')),
    history('o4', 'HB-2-1', 'gajj', at('2026-10-14'), closedLoop('2026-10-14', 'gajj')),
  ];
  return `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`;
}

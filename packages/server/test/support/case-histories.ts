/**
 * `n` case histories as `POST /api/cases/import` takes them (one JSON object per line), a
 * minute apart from 2026-10-01 in grid A1 of the grid-2x2 fixture: opened, accepted,
 * registered and dispatched to cgj an hour apart each, never handled (overdue by now).
 * For tests that need many cases to replay (case_facts, risk).
 * @example await store.cases.importCases(caseHistories(6000), UNCHECKED);
 */
export function caseHistories(n: number): string {
  const start = Date.parse('2026-10-01T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = (h: number) => new Date(start + i * 60_000 + h * 3_600_000).toISOString();
    const opening = { id: `c${i}`, at: at(0), category: '06010', grid_id: 'A1', department: 'cgj', reports: [`r${i}`] };
    const events = [
      { action: 'accept', at: at(1), actor: { role: 'operator' } },
      { action: 'register', at: at(2), actor: { role: 'supervisor' } },
      { action: 'dispatch', at: at(3), actor: { role: 'dispatcher' }, department: 'cgj' },
    ];
    lines.push(JSON.stringify({ opening, events }));
  }
  return lines.join('\n');
}

import type { FastifyInstance } from 'fastify';
import { DEFAULT_PROFILE, parseGrids } from '@citygrid/core';
import { fixture, fixtureText } from '../helper.ts';

const read = <T>(name: string): T => fixture<T>(`../assessment/fixtures/${name}`);

/**
 * Loads the assessment scenario (fixtures/README.md) into an app: the 2×2 grids, a profile
 * that opens no case by itself (the histories are imported), reports, the case histories
 * through POST /api/cases/import, the team, patrol check-ins (the rows the field app writes) and ratings through POST /api/cases/{id}/rating.
 */
export async function loadScenario(app: FastifyInstance, headers: Record<string, string> = {}): Promise<void> {
  const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
  if (!parsed.ok) throw new Error('grid fixture');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceProfile({ ...DEFAULT_PROFILE, auto_case_sources: [] });
  await expectOk(app.inject({ method: 'POST', url: '/api/reports', headers, payload: read('reports.json') }));
  await expectOk(
    app.inject({
      method: 'POST',
      url: '/api/cases/import',
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
      payload: fixtureText('../assessment/fixtures/cases.ndjson'),
    }),
  );
  await expectOk(app.inject({ method: 'POST', url: '/api/people', headers, payload: read('people.json') }));
  const checkins =
    read<Array<{ patrol_id: string; person_id: string; grid_id: string; checked_in_at: string; lon: number; lat: number }>>(
      'checkins.json',
    );
  await app.store.assessment.addCheckins(checkins.map((c) => ({ ...c, checked_in_at: Date.parse(c.checked_in_at) })));
  for (const r of read<Array<{ case: string; rating: number; comment?: string }>>('ratings.json'))
    await expectOk(
      app.inject({
        method: 'POST',
        url: `/api/cases/${r.case}/rating`,
        headers,
        payload: { rating: r.rating, ...(r.comment ? { comment: r.comment } : {}) },
      }),
    );
}

async function expectOk(response: Promise<{ statusCode: number; body: string }>): Promise<void> {
  const res = await response;
  if (res.statusCode >= 300) throw new Error(`scenario refused: ${res.statusCode} ${res.body}`);
}

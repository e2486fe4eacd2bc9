import { expect, test } from 'vitest';
import { buildWithGrids } from '../helper.ts';

test('CSV exports quote every text cell that would run as a formula, the id included, and leave numbers alone', async (t) => {
  const app = await buildWithGrids(t);
  const report = { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };
  const res = await app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: [
      { ...report, id: '=HYPERLINK("http://evil","x")', description: '@SUM(A1)' },
      { ...report, id: '-42', address: '+cmd|calc' },
    ],
  });
  expect(res.statusCode).toBe(201);
  const csv = (await app.inject('/api/reports?format=csv')).body;
  // Before: the id went out as =HYPERLINK(…), a formula in Excel/WPS.
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  expect(csv).toContain("'@SUM(A1)");
  expect(csv).toContain("'+cmd|calc");
  expect(csv).toMatch(/\n-42,109\.005,32\.685,/);
});

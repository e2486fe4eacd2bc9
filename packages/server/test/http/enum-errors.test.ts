import { describe, expect, test } from 'vitest';
import { sharedApp } from '../helper.ts';

describe('a value outside a closed list is named with the allowed values', () => {
  const app = sharedApp();
  test.each([
    ['/api/stats?level=foo', 'querystring/level must be one of grid, community, street'],
    ['/api/stats?bucket=year', 'querystring/bucket must be one of day, week, month'],
    ['/api/reports?format=xls', 'querystring/format must be one of'],
    ['/api/stats/hotspots?value=x', 'querystring/value must be one of density, count'],
  ])('%s', async (url, message) => {
    const res = await app().inject(url);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    // Before: four problems, each "must be equal to constant", none naming a value.
    expect(body.problems).toHaveLength(1);
    expect(body.message).toContain(message);
    expect(body.message).not.toContain('constant');
  });
});

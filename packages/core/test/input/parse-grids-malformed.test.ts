import { expect, test } from 'vitest';
import { parseGrids } from '../../src/index.ts';

const square = (id: string, x: number) => ({
  type: 'Feature',
  properties: { id },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 0],
        [x + 0.01, 0],
        [x + 0.01, 0.01],
        [x, 0.01],
        [x, 0],
      ],
    ],
  },
});

test('grid ids "Q\\ud800" and "Q\\udc00" are refused naming the feature, not stored as one id', () => {
  const r = parseGrids(JSON.stringify({ type: 'FeatureCollection', features: [square('Q\ud800', 0), square('Q\udc00', 0.01)] }));
  expect(r.ok).toBe(false);
  if (!r.ok)
    expect(r.problems[0]).toMatchObject({ code: 'CG_ERR_MALFORMED_TEXT', message: expect.stringContaining('/features/0/properties/id') });
});

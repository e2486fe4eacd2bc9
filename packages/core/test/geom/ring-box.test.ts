import { describe, expect, it } from 'vitest';
import { ringBox } from '../../src/geom/ring-box.ts';

describe('ringBox', () => {
  it('is the smallest box holding every position, negative degrees included', () => {
    expect(
      ringBox([
        [0, 0],
        [2, 1],
        [1, 3],
        [0, 0],
      ]),
    ).toEqual([0, 0, 2, 3]);
    expect(
      ringBox([
        [-118.5, 34.3],
        [-118.2, 34.0],
        [-118.4, 34.1],
        [-118.5, 34.3],
      ]),
    ).toEqual([-118.5, 34.0, -118.2, 34.3]);
  });
});

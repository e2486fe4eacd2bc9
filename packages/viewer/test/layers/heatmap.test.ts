import { describe, expect, it } from 'vitest';
import { HEATMAP_COLORS, heatmapProps } from '../../src/layers/heatmap/props.ts';

describe('heatmapProps', () => {
  it('passes the Float32Array as a binary getPosition attribute, uncopied', () => {
    const positions = new Float32Array([109.0, 32.7, 109.01, 32.71, 109.02, 32.72]);
    const props = heatmapProps({ positions, count: 3 });
    expect(props.data.length).toBe(3);
    expect(props.data.attributes.getPosition.size).toBe(2);
    expect(props.data.attributes.getPosition.value).toBe(positions);
    expect(props.getWeight).toBe(1);
    expect(props.aggregation).toBe('SUM');
  });
  it('gives the same data object for the same points, so redraws do not re-aggregate', () => {
    const points = { positions: new Float32Array([109, 32.7]), count: 1 };
    expect(heatmapProps(points).data).toBe(heatmapProps(points, { radiusPixels: 10 }).data);
    expect(heatmapProps({ ...points }).data).not.toBe(heatmapProps(points).data);
  });
  it('takes zero reports', () => {
    expect(heatmapProps({ positions: new Float32Array(0), count: 0 }).data.length).toBe(0);
  });
  it('throws when the buffer does not hold count pairs', () => {
    expect(() => heatmapProps({ positions: new Float32Array(5), count: 3 })).toThrow(/expected 6 floats for 3 reports, got 5/);
  });
  it('applies options over the defaults', () => {
    const p = heatmapProps({ positions: new Float32Array(0), count: 0 }, { radiusPixels: 12, visible: false });
    expect([p.radiusPixels, p.visible, p.threshold]).toEqual([12, false, 0.1]);
  });
  it('ramps from faint to opaque', () => {
    const alphas = HEATMAP_COLORS.map((c) => c[3] ?? 255);
    for (let i = 1; i < alphas.length; i++) expect(alphas[i]).toBeGreaterThanOrEqual(alphas[i - 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { declutterLabels, LABEL_FONT_FAMILY, labelData, labelsProps, labelText } from '../../src/layers/labels/props.ts';
import { statsById } from '../../src/layers/choropleth/props.ts';
import { GRIDS, stat } from './fixtures.ts';

describe('labelsProps', () => {
  const data = labelData(GRIDS, statsById([stat('A', 12)]));
  const props = labelsProps(data);

  it('builds the glyph atlas from the labels with the bundled CJK font', () => {
    expect(props.characterSet).toBe('auto');
    expect(props.fontFamily).toBe(LABEL_FONT_FAMILY);
    expect(LABEL_FONT_FAMILY).toMatch(/^"Noto Sans SC"/);
  });
  it('labels each grid at its centre with its name and count', () => {
    expect(data[0].position[0]).toBeCloseTo(109.005, 9);
    expect(data[0].position[1]).toBeCloseTo(32.705, 9);
    const text = props.getText as (d: unknown) => string;
    expect(text(data[0])).toBe('新城一网格\n12 件');
    expect(text(data[1])).toBe('新城二网格\n0 件');
  });
  it('shows only the name when asked, or when counts are unknown', () => {
    expect(labelText(data[0], false)).toBe('新城一网格');
    expect(labelText(labelData(GRIDS)[0])).toBe('新城一网格');
  });
});

describe('declutterLabels', () => {
  const at = (id: string, lon: number, count: number) => ({ id, name: '新城社区网格', position: [lon, 32.7] as [number, number], count });
  // Three labels 0.002° (~190 m) apart: ~12 px at zoom 12 (overlapping), ~370 px at zoom 17.
  const labels = [at('a', 109.0, 5), at('b', 109.002, 50), at('c', 109.004, 7)];

  it('keeps every label when they do not overlap', () => {
    expect(declutterLabels(labels, 17).map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
  it('keeps the busiest grid where labels collide', () => {
    expect(declutterLabels(labels, 12).map((d) => d.id)).toEqual(['b']);
  });
  it('lets a lower-priority label in when it clears the ones kept', () => {
    const far = [...labels, at('d', 109.1, 0)];
    expect(declutterLabels(far, 12).map((d) => d.id)).toEqual(['b', 'd']);
  });
  it('does not depend on panning: only the zoom changes the result', () => {
    const moved = labels.map((d) => ({ ...d, position: [d.position[0] + 1, d.position[1]] as [number, number] }));
    expect(declutterLabels(moved, 14).map((d) => d.id)).toEqual(declutterLabels(labels, 14).map((d) => d.id));
  });
});

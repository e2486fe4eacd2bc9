import { describe, expect, it } from 'vitest';
import { LABEL_FONT_FAMILY, labelData, labelsProps, labelText } from '../../src/layers/labels/props.ts';
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

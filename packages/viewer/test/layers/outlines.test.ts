import { describe, expect, it } from 'vitest';
import { OUTLINE_STYLES, outlineStyle, outlinesProps } from '../../src/layers/outlines/props.ts';
import { BOUNDARIES, GRIDS } from './fixtures.ts';

describe('outlinesProps', () => {
  const props = outlinesProps(BOUNDARIES, GRIDS);
  const data = props.data as unknown as { properties: { level: number } }[];

  it('draws grids first and the district last, so higher levels stay on top', () => {
    expect(data.map((f) => f.properties.level)).toEqual([3, 3, 3, 2, 1]);
  });
  it('styles lines by level, in pixels, without fill', () => {
    const width = props.getLineWidth as unknown as (f: unknown) => number;
    expect(data.map(width)).toEqual([1, 1, 1, 2, 3]);
    expect((props.getLineColor as unknown as (f: unknown) => unknown)(data[4])).toEqual(OUTLINE_STYLES[1].color);
    expect([props.filled, props.stroked, props.lineWidthUnits]).toEqual([false, true, 'pixels']);
  });
  it('uses the grid style for level 4 and unknown levels', () => {
    expect(outlineStyle(4)).toBe(OUTLINE_STYLES[3]);
    expect(outlineStyle(NaN)).toBe(OUTLINE_STYLES[3]);
  });
  it('takes an empty boundary collection', () => {
    expect(outlinesProps({ type: 'FeatureCollection', features: [] }, GRIDS).data).toHaveLength(3);
  });
});

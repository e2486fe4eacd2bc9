import { describe, expect, it } from 'vitest';
import { choroplethProps, statsById } from '../../src/layers/choropleth/props.ts';
import { densityColor } from '../../src/density-classes.ts';
import { GRIDS, stat } from './fixtures.ts';

describe('choroplethProps', () => {
  const stats = statsById([stat('A', 300), stat('B', 7), stat('C', 0)]);
  const props = choroplethProps(GRIDS, stats, { version: 3 });
  const fill = (i: number) => (props.getFillColor as unknown as (f: unknown) => number[])(GRIDS.features[i]);

  it('fills each grid with the colour of its density class', () => {
    expect(fill(0)).toEqual(densityColor(300, 300));
    expect(fill(1)).toEqual(densityColor(7, 7));
  });
  it('leaves grids with no reports, or missing from the stats, transparent', () => {
    expect(fill(2)[3]).toBe(0);
    const none = choroplethProps(GRIDS, new Map());
    expect((none.getFillColor as unknown as (f: unknown) => number[])(GRIDS.features[0])[3]).toBe(0);
  });
  it('recomputes fills when the stats version changes', () => {
    expect(props.updateTriggers).toEqual({ getFillColor: [3, 170] });
    expect(choroplethProps(GRIDS, stats, { version: 4 }).updateTriggers).not.toEqual(props.updateTriggers);
  });
  it('draws fills only (outlines are their own layer) and is pickable for the tooltip', () => {
    expect([props.filled, props.stroked, props.pickable, props.id]).toEqual([true, false, true, 'choropleth']);
  });
});

import { DEFAULT_WORKFLOW } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import { openStages } from '../../src/cases/workflow.ts';
import { caseLayerProps, OVERDUE_COLOR, STAGE_COLORS, stageColor, type CasePoint } from '../../src/layers/cases/props.ts';

const point = (over: Partial<CasePoint> = {}): CasePoint => ({
  id: 'c1',
  stage: 'reported',
  overdue: false,
  lon: 109.02,
  lat: 32.71,
  ...over,
});
const call = <T, R>(f: unknown, x: T) => (f as (x: T) => R)(x);

describe('caseLayerProps', () => {
  it('colours every open stage of the shipped workflow, each differently', () => {
    const colours = openStages(DEFAULT_WORKFLOW).map((s) => JSON.stringify(stageColor(s)));
    expect(new Set(colours).size).toBe(colours.length);
    for (const s of openStages(DEFAULT_WORKFLOW)) expect(STAGE_COLORS[s]).toBeDefined();
  });
  it('draws an overdue case red and bigger, whatever its stage', () => {
    const p = caseLayerProps([point({ overdue: true, stage: 'dispatched' })]);
    expect(call(p.getFillColor, point({ overdue: true, stage: 'dispatched' }))).toEqual(OVERDUE_COLOR);
    expect(call(p.getFillColor, point({ stage: 'dispatched' }))).toEqual(STAGE_COLORS.dispatched);
    expect(call(p.getRadius, point({ overdue: true }))).toBeGreaterThan(call(p.getRadius, point()) as number);
  });
  it('no stage colour is the overdue red', () => {
    for (const c of Object.values(STAGE_COLORS)) expect(c).not.toEqual(OVERDUE_COLOR);
  });
  it('gives stages a city added spare colours in workflow order, and unknown ones grey', () => {
    const stages = ['reported', 'triaged', 'reviewed'];
    expect(stageColor('triaged', stages)).not.toEqual(stageColor('reviewed', stages));
    expect(stageColor('triaged', stages)).toEqual(stageColor('triaged', ['triaged']));
    expect(stageColor('nowhere', stages)).toEqual([160, 170, 185, 200]);
  });
  it('leaves out cases without a place and positions the rest at lon, lat', () => {
    const p = caseLayerProps([point(), point({ id: 'c2', lon: null, lat: null })]);
    expect((p.data as CasePoint[]).map((c) => c.id)).toEqual(['c1']);
    expect(call(p.getPosition, point())).toEqual([109.02, 32.71]);
  });
  it('is pickable and recomputes colours when the version changes', () => {
    const p = caseLayerProps([point()], { version: 7 });
    expect(p.pickable).toBe(true);
    expect(p.id).toBe('cases');
    expect(p.updateTriggers?.getFillColor).toBe(7);
  });
});

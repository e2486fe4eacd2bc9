/**
 * Open cases on the wall: one dot per case at its first report, coloured by stage (cool at intake,
 * warm in the hands of a department, green once handled), overdue ones red with a white ring so
 * they read from across the room. Stages a city adds get colours from a spare ramp, in order.
 */
import type { Color, ScatterplotLayerProps } from 'deck.gl';
import type { ServedCase } from '../../api/index.ts';

/** The case fields the layer reads. */
export type CasePoint = Pick<ServedCase, 'id' | 'stage' | 'overdue' | 'lon' | 'lat'>;

/** Colours of the shipped workflow's open stages (DEFAULT_WORKFLOW). */
export const STAGE_COLORS: Readonly<Record<string, Color>> = {
  reported: [56, 217, 255, 230], // 上报: the wall's cyan
  accepted: [100, 160, 255, 230], // 受理: blue
  registered: [170, 130, 255, 230], // 立案: violet
  dispatched: [255, 193, 7, 235], // 派遣: amber, in a department's hands
  handled: [120, 220, 120, 230], // 处置反馈: green, waiting for the inspector
  verified: [0, 200, 160, 230], // 核查: teal, waiting to be closed
};

/** Overdue, whatever the stage (超时): red. */
export const OVERDUE_COLOR: Color = [255, 59, 48, 255];

/** Colours for stages the shipped workflow does not have, taken in the workflow's order. */
const SPARE: readonly Color[] = [
  [255, 128, 171, 230],
  [180, 200, 80, 230],
  [255, 160, 90, 230],
  [150, 150, 255, 230],
];

/**
 * A stage's colour: the shipped one, else a spare by the stage's place among `stages` (the
 * workflow's open stages), else grey.
 * @example stageColor('dispatched') // [255, 193, 7, 235]
 */
export function stageColor(stage: string, stages: readonly string[] = []): Color {
  if (STAGE_COLORS[stage]) return STAGE_COLORS[stage];
  const unknown = stages.filter((s) => !STAGE_COLORS[s]);
  const i = unknown.indexOf(stage);
  return i >= 0 ? SPARE[i % SPARE.length] : [160, 170, 185, 200];
}

/** Options of {@link caseLayerProps}. */
export interface CaseLayerOptions {
  /** The workflow's open stages, for the colours of stages a city added. @default [] */
  stages?: readonly string[];
  /** Dot radius, screen pixels (an overdue one is 1.5×). @default 6 */
  radiusPixels?: number;
  /** Bumped when the cases change: deck.gl recomputes colours. @default 0 */
  version?: number;
}

/**
 * ScatterplotLayer props for the cases with a place; pickable (a click opens the case).
 * @example new ScatterplotLayer(caseLayerProps(cases, { stages: openStages(workflow) }))
 */
export function caseLayerProps(cases: readonly CasePoint[], options: CaseLayerOptions = {}): ScatterplotLayerProps<CasePoint> {
  const { stages = [], radiusPixels = 6, version = 0 } = options;
  return {
    id: 'cases',
    data: cases.filter((c) => c.lon !== null && c.lat !== null),
    getPosition: (c) => [c.lon!, c.lat!],
    radiusUnits: 'pixels',
    getRadius: (c) => (c.overdue ? radiusPixels * 1.5 : radiusPixels),
    filled: true,
    stroked: true,
    getFillColor: (c) => (c.overdue ? OVERDUE_COLOR : stageColor(c.stage, stages)),
    getLineColor: (c) => (c.overdue ? [255, 255, 255, 255] : [6, 13, 26, 200]),
    lineWidthUnits: 'pixels',
    getLineWidth: (c) => (c.overdue ? 2 : 1),
    pickable: true,
    updateTriggers: { getFillColor: version, getRadius: version, getLineColor: version, getLineWidth: version },
  };
}

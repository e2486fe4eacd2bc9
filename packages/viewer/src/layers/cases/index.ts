import { ScatterplotLayer } from 'deck.gl';
import { caseLayerProps, type CaseLayerOptions, type CasePoint } from './props.ts';

/** Open cases as dots coloured by stage, overdue in red. */
export function caseLayer(cases: readonly CasePoint[], options: CaseLayerOptions = {}): ScatterplotLayer<CasePoint> {
  return new ScatterplotLayer<CasePoint>(caseLayerProps(cases, options));
}

export { caseLayerProps, OVERDUE_COLOR, STAGE_COLORS, stageColor, type CaseLayerOptions, type CasePoint } from './props.ts';

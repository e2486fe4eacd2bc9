import { TextLayer } from 'deck.gl';
import { labelsProps, type LabelDatum, type LabelsOptions } from './props.ts';

export { declutterLabels, labelData, LABEL_FONT_FAMILY } from './props.ts';
export type { LabelDatum } from './props.ts';

/** Grid name labels. */
export function labelsLayer(data: LabelDatum[], options: LabelsOptions = {}): TextLayer<LabelDatum> {
  return new TextLayer<LabelDatum>(labelsProps(data, options));
}

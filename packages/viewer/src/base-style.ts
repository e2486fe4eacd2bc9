import type { StyleSpecification } from 'maplibre-gl';

/** Background of the map and the page: the dark blue of the command centre's wall. */
export const BACKGROUND = '#060d1a';

/**
 * The maplibre style: a background layer and nothing else. No `glyphs`, no `sprite`, no
 * sources: the wall runs on a LAN without internet, and the outlines are deck.gl layers.
 */
export const BASE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
};

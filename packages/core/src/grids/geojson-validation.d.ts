declare module 'geojson-validation' {
  /** Returns true when valid; with `trace` the list of problems found (empty when valid). */
  export function isFeature(feature: unknown, trace: true): string[];
  export function isFeature(feature: unknown, trace?: false): boolean;
}

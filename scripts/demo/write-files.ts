import type { Report } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';

/**
 * GeoJSON text with one feature per line: small, valid, and a regenerated file diffs feature
 * by feature in git.
 */
export function geojsonText(fc: FeatureCollection, name?: string): string {
  const head = name
    ? `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[`
    : '{"type":"FeatureCollection","features":[';
  return `${head}\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** Reports as CSV: `id,lon,lat,category,source,created_at` (no field needs quoting). */
export function reportsCsv(reports: readonly Report[]): string {
  const lines = ['id,lon,lat,category,source,created_at'];
  for (const r of reports) lines.push(`${r.id},${r.lon},${r.lat},${r.category},${r.source},${r.created_at}`);
  return lines.join('\n') + '\n';
}

import type { ExportFormat } from './export-reports.ts';

/** Media types of the formats `GET /api/reports` answers in. */
export const MEDIA_TYPES: Record<ExportFormat | 'json', string> = {
  json: 'application/json',
  csv: 'text/csv',
  geojson: 'application/geo+json',
  // Registered with IANA in 2024; application/x-parquet is accepted in Accept as well.
  parquet: 'application/vnd.apache.parquet',
};

const BY_MEDIA = new Map<string, ExportFormat | 'json'>([
  ...Object.entries(MEDIA_TYPES).map(([format, media]) => [media, format as ExportFormat | 'json'] as const),
  ['application/x-parquet', 'parquet'],
]);

/**
 * The answer's format: `format` when given (it wins, so a link in a browser, whose Accept
 * says text/html, can download a CSV), else the most preferred media type of `Accept` that is
 * one of ours (q-values honoured, ties in the order listed), else JSON.
 * @example negotiateFormat(undefined, 'text/csv;q=0.9, application/geo+json') // 'geojson'
 */
export function negotiateFormat(format: string | undefined, accept: string | undefined): ExportFormat | 'json' {
  if (format !== undefined) return format as ExportFormat | 'json';
  const ranked = (accept ?? '')
    .split(',')
    .map((part, order) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { type: type.trim(), q: q ? Number(q[1]) : 1, order };
    })
    .filter((m) => m.q > 0 && BY_MEDIA.has(m.type))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.length ? BY_MEDIA.get(ranked[0].type)! : 'json';
}

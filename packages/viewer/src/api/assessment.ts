/**
 * The assessment endpoints (issue 16): the ranked table of a level and period, one unit's
 * explanation (the cases behind each numerator and denominator), and the table's CSV/Excel
 * export. The answers' types are the server's schemas (type-only: nothing of the server is
 * bundled).
 */
import type { AssessedUnitRow, Assessment, AssessmentExplained, AssessmentLevel } from '@citygrid/server';
import type { Client } from './client.ts';

/** The levels the assessment ranks. */
export type AssessLevel = AssessmentLevel;
/** The levels, in the order the page's switch lists them. */
export const ASSESS_LEVELS: readonly AssessLevel[] = ['grid', 'community', 'street', 'district', 'department', 'person'];
/** Export formats of `GET /api/assessment?format=`. */
export type AssessFormat = 'csv' | 'xlsx';

/** `GET /api/assessment`: the ranked table of a level for a period, with the formulas used. */
export type { Assessment };
/** One ranked unit of `GET /api/assessment`. */
export type AssessedUnit = AssessedUnitRow;
/** One indicator of a unit: `value` = numerator / denominator, null when nothing was due (n/a). */
export type IndicatorValue = AssessedUnitRow['indicators'][string];
/** `GET /api/assessment/{level}/{id}`: one unit's indicators with the case ids behind each count. */
export type AssessmentExplain = AssessmentExplained;
/** One indicator of `GET /api/assessment/{level}/{id}`: its counts and the cases behind them. */
export type ExplainedIndicator = AssessmentExplained['indicators'][string];

/** The assessment endpoints. */
export interface AssessmentApi {
  /** `GET /api/assessment?level=&period=`. */
  assessment(level: AssessLevel, period: string, signal?: AbortSignal): Promise<Assessment>;
  /** `GET /api/assessment/{level}/{id}?period=`. */
  explainUnit(level: AssessLevel, id: string, period: string, signal?: AbortSignal): Promise<AssessmentExplain>;
  /** `GET /api/assessment?…&format=`: the file's bytes (sent with the page's key, which a plain link cannot carry). */
  assessmentFile(level: AssessLevel, period: string, format: AssessFormat): Promise<Blob>;
}

/**
 * The path of the assessment table, as JSON or as a file.
 * @example assessmentPath('street', '2026-Q4', 'csv') // '/api/assessment?level=street&period=2026-Q4&format=csv'
 */
export function assessmentPath(level: AssessLevel, period: string, format?: AssessFormat): string {
  const q = new URLSearchParams({ level, period });
  if (format) q.set('format', format);
  return `/api/assessment?${q}`;
}

/**
 * The assessment endpoints over a client.
 * @example const { assessment } = assessmentApi(createClient()); await assessment('grid', '2026-11');
 */
export function assessmentApi(client: Client): AssessmentApi {
  return {
    assessment: (level, period, signal) => client.json('GET', assessmentPath(level, period), { signal }),
    explainUnit: (level, id, period, signal) =>
      client.json('GET', `/api/assessment/${encodeURIComponent(level)}/${encodeURIComponent(id)}?${new URLSearchParams({ period })}`, {
        signal,
      }),
    assessmentFile: async (level, period, format) => (await client.request('GET', assessmentPath(level, period, format))).blob(),
  };
}

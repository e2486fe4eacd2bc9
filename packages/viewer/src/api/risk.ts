/**
 * `GET /api/risk`: risk scores and colour levels per grid for a period. The answer's type is
 * the server's schema (type-only: nothing of the server is bundled).
 */
import type { RiskAnswer, RiskGrid, RiskLevelInfo } from '@citygrid/server';
import type { Client } from './client.ts';

export type { RiskAnswer, RiskGrid, RiskLevelInfo };

/** The risk endpoint. */
export interface RiskApi {
  /** `GET /api/risk?period=`: a month `2026-11`, quarter `2026-Q4`, year or ISO week `2026-W47`; none = the current month. */
  risk(period?: string, signal?: AbortSignal): Promise<RiskAnswer>;
}

/**
 * The risk endpoint over a client.
 * @example const { grids } = await riskApi(createClient()).risk('2026-11');
 */
export function riskApi(client: Client): RiskApi {
  return {
    risk: (period, signal) =>
      client.json<RiskAnswer>('GET', `/api/risk${period ? `?period=${encodeURIComponent(period)}` : ''}`, { signal }),
  };
}

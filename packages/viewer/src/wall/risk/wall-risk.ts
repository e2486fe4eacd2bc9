/**
 * The wall's risk layer data (issue 16): `GET /api/risk` for the month the time window ends in,
 * fetched when the layer is switched on or the window moves to another month.
 */
import type { Api, RiskAnswer } from '../../api/index.ts';

/**
 * The risk period of the wall's window: the month of its last day (`YYYY-MM-DD`); none (the
 * server's current month) for an open window.
 * @example riskPeriod('2026-11-30') // '2026-11'
 */
export function riskPeriod(lastDay: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(lastDay) ? lastDay.slice(0, 7) : undefined;
}

/** The risk answer shown, refetched only when the period changes. */
export class WallRisk {
  data: RiskAnswer | null = null;
  /** Bumped at every answer: the layer's update trigger. */
  version = 0;
  #asked: string | undefined | null = null;

  /** @param changed called after each new answer */
  constructor(
    private readonly api: Api,
    private readonly changed: (data: RiskAnswer) => void,
  ) {}

  /**
   * Loads a period's risk unless it is the one shown (or being fetched).
   * @example await risk.show(riskPeriod($<HTMLInputElement>('date-to').value))
   */
  async show(period: string | undefined): Promise<void> {
    if (this.#asked === period && this.data) return;
    this.#asked = period;
    const answer = await this.api.risk(period);
    if (this.#asked !== period) return; // a later period was asked meanwhile
    this.data = answer;
    this.version++;
    this.changed(answer);
  }
}

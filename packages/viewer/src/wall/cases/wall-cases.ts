/**
 * The wall's cases (issue 15): the open cases of every open stage, for the case layer and the
 * panel of counts. A server without cases (GET /api/cases → 404), or one that wants a key the
 * wall does not have (401, 403), hides the layer, its switch and the panel, quietly.
 */
import type { Workflow } from '@citygrid/core';
import { ApiError, watchCases, type Api, type ServedCase } from '../../api/index.ts';
import { openStages, workflowOf } from '../../cases/workflow.ts';
import { coalesce } from '../coalesce.ts';

/** Cases asked per stage: the wall shows where work piles up, not every case of a busy year. */
const PER_STAGE = 500;

/** What the wall knows of the open cases. */
export interface WallCaseData {
  workflow: Workflow;
  stages: string[];
  cases: ServedCase[];
  /** Stages with more open cases than were fetched (their count reads "500+"). */
  more: Set<string>;
  /** Bumped at every load: the layer's update trigger. */
  version: number;
}

/** Loads the open cases, and again after each case event of the live feed. */
export class WallCases {
  data: WallCaseData | null = null;
  #version = 0;

  /** @param changed called after each load that changed what is shown (not when hidden) */
  constructor(
    private readonly api: Api,
    private readonly changed: (data: WallCaseData) => void,
  ) {}

  /** First load; when the server has cases, follows the live feed. False when it has none. */
  async start(): Promise<boolean> {
    const profile = await this.api.profile().catch(() => null);
    const workflow = workflowOf(profile?.profile);
    if (!(await this.#load(workflow))) return false;
    const reload = coalesce(() => void this.#load(workflow).catch(() => {}), { quietMs: 1000, maxMs: 5000 });
    watchCases(() => reload.poke(), { pollMs: 60_000 });
    return true;
  }

  async #load(workflow: Workflow): Promise<boolean> {
    const stages = openStages(workflow);
    try {
      const pages = await Promise.all(stages.map((stage) => this.api.cases({ stage, limit: PER_STAGE })));
      const more = new Set(stages.filter((_, i) => pages[i].next));
      this.data = { workflow, stages, cases: pages.flatMap((p) => p.cases), more, version: ++this.#version };
      this.changed(this.data);
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.unauthorised)) return false;
      throw e;
    }
  }
}

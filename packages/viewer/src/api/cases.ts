/**
 * The cases endpoints (issue 15): the queue, one case with its history, taking an action, and
 * the profile's workflow and departments. The shapes follow the cases API contract (docs/cases.md):
 * a served case is core's CaseState with its times as ISO 8601 strings, plus what the server
 * knows at the time of asking (overdue, time left, the actions the asking key may take).
 */
import type { CaseState, CityProfile, Department, Level, TeamRole } from '@citygrid/core';
import type { StageCounts } from '@citygrid/server';
import type { Client } from './client.ts';

type Times = 'opened_at' | 'updated_at' | 'stage_started_at' | 'due_at' | 'suspended_at';

/** A case as `GET /api/cases` serves it. */
export interface ServedCase extends Omit<CaseState, Times> {
  opened_at: string;
  updated_at: string;
  stage_started_at: string;
  due_at: string | null;
  suspended_at: string | null;
  overdue: boolean;
  /** Until due_at when asked, ms; negative when overdue; null without a time limit. */
  time_left_ms: number | null;
  /** The actions the requesting key may take now, in workflow order. */
  allowed_actions: string[];
}

/** One event of a case's log (hash-chained by the server). */
export interface ServedEvent {
  seq: number;
  case_id: string;
  /** The case's version after this event. */
  version: number;
  action: string;
  at: string;
  actor: { key_id: string | null; role: string; department?: string | null };
  department?: string | null;
  level?: Level | null;
  hours?: number | null;
  note?: string | null;
  target?: string | null;
  /** join: the report that joined the case. */
  report_id?: string | null;
  prev_hash: string;
  hash: string;
}

/** A stored report behind a case. */
export interface CaseReport {
  id: string;
  lon: number;
  lat: number;
  category: string;
  source: string;
  created_at: string;
  description?: string | null;
  address?: string | null;
  [key: string]: unknown;
}

/** `GET /api/cases-by-stage`: the server's schema. */
export type { StageCounts };

/** `GET /api/cases/{id}`. */
export interface CaseDetail {
  case: ServedCase;
  events: ServedEvent[];
  reports: CaseReport[];
}

/** `GET /api/cases`: a page of cases, overdue first then by due time; `next` is the cursor of the next page. */
export interface CaseList {
  cases: ServedCase[];
  next: string | null;
}

/** The filters of `GET /api/cases`; absent or '' = any. */
export interface CaseQuery {
  stage?: string;
  grid?: string;
  level?: string;
  department?: string;
  overdue?: boolean;
  /** ISO instants of `opened_at`. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The body of `POST /api/cases/{id}/events`. */
export interface ActionBody {
  action: string;
  expected_version: number;
  note?: string;
  department?: string;
  level?: Level;
  hours?: number;
  target?: string;
}

/** `GET /api/profile`: the profile in use (its `workflow` may be absent: the default one). */
export interface ProfileAnswer {
  version: number;
  profile: CityProfile;
}

/** `GET /api/profile/catalogue` (the parts the pages read). */
export interface CatalogueAnswer {
  categories: { code: string; name: string; en?: string; [key: string]: unknown }[];
  departments: Department[];
  /** The grid team's roles in the profile's order (seed 001's 1+1+1+5+X: 网格长 first). */
  team_roles: TeamRole[];
  [key: string]: unknown;
}

/** `GET /api/reports/{id}/attachments`. */
export interface Attachment {
  sha256: string;
  media_type: string;
  url: string;
}

/** A `case` event of the live feed, sent after each transition. */
export interface CaseFeedEvent {
  case_id: string;
  seq: number;
  action: string;
  stage: string;
  version: number;
  department: string | null;
  grid_id: string | null;
  overdue: boolean;
}

/** The cases endpoints. Reading and acting need a key with a case role (department keys see their own). */
export interface CasesApi {
  cases(query?: CaseQuery): Promise<CaseList>;
  caseDetail(id: string): Promise<CaseDetail>;
  /** 201 with the case after it; 409 when `expected_version` is stale, 422 when not allowed now. */
  takeAction(id: string, body: ActionBody): Promise<{ case: ServedCase; event: ServedEvent }>;
  openCase(body: { report_ids: string[] } | { report: Record<string, unknown> }): Promise<{ case: ServedCase }>;
  profile(): Promise<ProfileAnswer>;
  catalogue(): Promise<CatalogueAnswer>;
  attachments(reportId: string): Promise<{ attachments: Attachment[] }>;
  /** An attachment's bytes, fetched with the key (an `<img src>` cannot send it). */
  attachmentBlob(url: string): Promise<Blob>;
  /** `GET /api/cases-by-stage`: open cases per stage in the workflow's order (the wall's funnel). */
  caseStages(): Promise<StageCounts>;
}

/**
 * The cases endpoints over a client.
 * @example const { cases } = casesApi(createClient()); (await cases({ overdue: true })).cases
 */
export function casesApi(client: Client): CasesApi {
  const id = encodeURIComponent;
  return {
    cases: (query = {}) => {
      const q = casesQuery(query);
      return client.json('GET', `/api/cases${q ? `?${q}` : ''}`);
    },
    caseDetail: (caseId) => client.json('GET', `/api/cases/${id(caseId)}`),
    takeAction: (caseId, body) => client.json('POST', `/api/cases/${id(caseId)}/events`, { body }),
    openCase: (body) => client.json('POST', '/api/cases', { body }),
    profile: () => client.json('GET', '/api/profile'),
    catalogue: () => client.json('GET', '/api/profile/catalogue'),
    attachments: (reportId) => client.json('GET', `/api/reports/${id(reportId)}/attachments`),
    attachmentBlob: async (url) => (await client.request('GET', url)).blob(),
    caseStages: () => client.json('GET', '/api/cases-by-stage'),
  };
}

/**
 * The query string of a case filter: empty values are left out, `overdue` only when true.
 * @example casesQuery({ stage: 'dispatched', overdue: true, limit: 50 }) // 'stage=dispatched&overdue=true&limit=50'
 */
export function casesQuery(query: CaseQuery): string {
  const q = new URLSearchParams();
  for (const k of ['stage', 'grid', 'level', 'department'] as const) if (query[k]) q.set(k, query[k]);
  if (query.overdue) q.set('overdue', 'true');
  if (query.from) q.set('from', query.from);
  if (query.to) q.set('to', query.to);
  if (query.limit !== undefined) q.set('limit', String(query.limit));
  if (query.cursor) q.set('cursor', query.cursor);
  return q.toString();
}

/**
 * The planner's client for the server's grid versions (issue 8): list and load versions, save
 * a draft, publish it, ask what it would do to the stored reports. Same origin only, like
 * `../api.ts`. Types mirror packages/server/src/schemas/versions.ts and grids.ts.
 */
import type { FeatureCollection } from 'geojson';
import type { CoverageProblemKind } from '@citygrid/core';

/** One row of `GET /api/grids/versions`. */
export interface GridVersion {
  version: number;
  /** draft: never published; current: reports are routed to it; retired: superseded. */
  status: 'draft' | 'current' | 'retired';
  created_at: string;
  published_at: string | null;
  grids: number;
  area_m2: number;
  /** Coverage problems accepted at import (force=true). */
  problems: number;
  idField: string;
}

/** `GET /api/grids/versions`. */
export interface VersionList {
  current: number | null;
  /** Newest first. */
  versions: GridVersion[];
}

/** `POST /api/grids` (201). */
export interface Imported {
  version: number;
  published: boolean;
  current: number;
  rerouted: number;
  imported: number;
  problems?: Array<{ kind: CoverageProblemKind; grids: string[]; area_m2?: number }>;
}

/** `POST /api/grids/versions/:v/publish`. */
export interface Published {
  version: number;
  previous: number | null;
  rerouted: number;
}

/** One cell of the impact matrix: reports that would go from grid `from` to grid `to` (null = outside every grid). */
export interface ImpactCell {
  from: string | null;
  to: string | null;
  count: number;
}

/** `GET /api/grids/versions/:v/impact`. */
export interface ImpactMatrix {
  version: number;
  current: number | null;
  /** Reports in the window. */
  total: number;
  /** Of those, reports that would change grid. */
  moved: number;
  /** Most reports first. */
  matrix: ImpactCell[];
}

/** The window of an impact question: calendar days (`YYYY-MM-DD`, China Standard Time), both inclusive; '' = open. */
export interface ImpactWindow {
  from: string;
  to: string;
}

/** An answer that is not 2xx, with the server's catalogue body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; fix?: string; problems?: unknown[] } | null,
    what: string,
  ) {
    super(`${what}: HTTP ${status}${body?.message ? ` ${body.message}` : ''}`);
  }

  /** True when the server wants a key, or a stronger one (401, 403). */
  get unauthorised(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** True when the endpoint does not exist on this server (an older server without versions). */
  get missing(): boolean {
    return this.status === 404 && (!this.body?.error || this.body.error === 'CG_ERR_NOT_FOUND');
  }
}

/** Options of {@link createPlanApi}. */
export interface PlanApiOptions {
  /** Prefix of every path; '' = same origin as the page. */
  base?: string;
  fetch?: typeof fetch;
  /**
   * Headers sent with every request: where the API key goes once issue 7's access control is
   * on (see api-key.ts), e.g. `() => ({ authorization: 'Bearer cg_…' })`. Saving a draft and
   * impact need a planner key, publishing an admin key. Default: none.
   */
  headers?: () => Record<string, string>;
}

/** The planner's endpoints. */
export interface PlanApi {
  versions(): Promise<VersionList>;
  /** The grids of a version (GET /api/grids?version=), or the current ones when null. */
  grids(version: number | null): Promise<FeatureCollection & { version?: number }>;
  /** Saves grids as a new draft version; `force` stores them despite coverage problems. */
  saveDraft(grids: FeatureCollection, options?: { force?: boolean }): Promise<Imported>;
  publish(version: number): Promise<Published>;
  impact(version: number, window: ImpactWindow): Promise<ImpactMatrix>;
}

/**
 * A client for the server the page came from.
 * @example const api = createPlanApi(); const { versions } = await api.versions();
 */
export function createPlanApi(options: PlanApiOptions = {}): PlanApi {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const keyHeaders = options.headers ?? (() => ({}));
  const call = async <T>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> => {
    const headers: Record<string, string> = { ...keyHeaders(), ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) throw new ApiError(res.status, json as ApiError['body'], `${method} ${path}`);
    return json as T;
  };
  return {
    versions: () => call<VersionList>('GET', '/api/grids/versions'),
    grids: (version) => call('GET', version === null ? '/api/grids' : `/api/grids?version=${version}`),
    saveDraft: (grids, { force = false } = {}) => call<Imported>('POST', `/api/grids${force ? '?force=true' : ''}`, { body: grids }),
    publish: (version) => call<Published>('POST', `/api/grids/versions/${version}/publish`),
    impact: (version, window) => {
      const q = impactQuery(window);
      return call<ImpactMatrix>('GET', `/api/grids/versions/${version}/impact${q ? `?${q}` : ''}`);
    },
  };
}

/**
 * The query of an impact window: `from` the first day's start, `to` the start of the day
 * after the last (the API's `to` is exclusive), both China Standard Time.
 * @example impactQuery({ from: '2024-03-01', to: '2024-03-31' }) // from=2024-03-01T00%3A00%3A00%2B08%3A00&to=2024-04-01T00%3A00%3A00%2B08%3A00
 */
export function impactQuery(window: ImpactWindow): string {
  const q = new URLSearchParams();
  if (window.from) q.set('from', `${checkDate(window.from)}T00:00:00+08:00`);
  if (window.to) q.set('to', `${nextDay(checkDate(window.to))}T00:00:00+08:00`);
  return q.toString();
}

function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`expected a date like 2024-03-01, got ${JSON.stringify(date)}`);
  return date;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// A stand-in for the cases server (issue 15) for the pages' browser tests, until the real one is
// merged: the API contract (docs/cases.md) answered from memory through core's own model
// (openCase, applyAction, allowedActions), mounted on a Playwright page with page.route. The
// real walk is cases.browser.test.ts's second describe; this one tests the pages by themselves.
import {
  allowedActions,
  applyAction,
  caseContext,
  DEFAULT_PROFILE,
  ERRORS,
  openCase,
  outOfScope,
  overdue,
  type CaseActor,
  type CaseState,
} from '@citygrid/core';
import type { Page, Route } from 'playwright-core';
import type { ServedCase, ServedEvent } from '../../src/api/index.ts';

const ctx = caseContext(DEFAULT_PROFILE);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The cases, their events and the keys (bearer token → actor) of one test. */
export class FakeCases {
  readonly cases = new Map<string, { state: CaseState; events: ServedEvent[] }>();
  #seq = 0;

  constructor(readonly keys: Record<string, CaseActor>) {}

  /** Opens a case at `at` (UTC ms) for a report at lon, lat in a grid. */
  open(id: string, o: { at: number; lon: number; lat: number; grid_id: string; category?: string; department?: string }): CaseState {
    const state = openCase(
      {
        id,
        at: o.at,
        category: o.category ?? '06010',
        department: o.department ?? 'cgj',
        grid_id: o.grid_id,
        lon: o.lon,
        lat: o.lat,
        reports: [`r-${id}`],
      },
      ctx,
    );
    // As the server logs it: the case's first event is `open` (version 1), by intake or by a key.
    const opened: ServedEvent = {
      seq: ++this.#seq,
      case_id: id,
      version: 1,
      action: 'open',
      at: iso(o.at)!,
      actor: { key_id: null, role: 'admin', department: null },
      prev_hash: '0',
      hash: '0',
    };
    this.cases.set(id, { state, events: [opened] });
    return state;
  }

  /** Takes an action as the server would (used to play "someone else acted first"). */
  act(id: string, actor: CaseActor, body: Record<string, unknown>): { status: number; json: unknown } {
    const c = this.cases.get(id);
    if (!c) return error('CG_ERR_NOT_FOUND', 404, `no case ${id}`);
    const at = Math.max(Date.now(), c.state.updated_at);
    const r = applyAction(c.state, { ...body, action: String(body.action), at, actor }, ctx);
    if (!r.ok) return error(r.problem.code, ERRORS[r.problem.code as keyof typeof ERRORS]?.http ?? 400, r.problem.message);
    c.state = r.state;
    const event: ServedEvent = {
      seq: ++this.#seq,
      case_id: id,
      version: r.state.version,
      action: String(body.action),
      at: iso(at)!,
      actor: { key_id: 'k', role: actor.role, department: actor.department ?? null },
      prev_hash: '0',
      hash: '0',
    };
    for (const k of ['department', 'hours', 'note', 'target'] as const) if (body[k] !== undefined) Object.assign(event, { [k]: body[k] });
    c.events.push(event);
    return { status: 201, json: { case: this.serve(c.state, actor), event } };
  }

  /** A case as served to an actor, now. */
  serve(s: CaseState, actor?: CaseActor): ServedCase {
    const now = Date.now();
    return {
      ...s,
      opened_at: iso(s.opened_at)!,
      updated_at: iso(s.updated_at)!,
      stage_started_at: iso(s.stage_started_at)!,
      due_at: iso(s.due_at),
      suspended_at: iso(s.suspended_at),
      overdue: overdue(s, now),
      time_left_ms: s.due_at === null ? null : s.due_at - now,
      allowed_actions: actor ? allowedActions(s, ctx, actor) : [],
    };
  }

  /** Answers /api/cases… and /api/reports/…/attachments on a page; everything else goes on to the real server. */
  async mount(page: Page): Promise<void> {
    await page.route(/\/api\/(cases|reports\/[^/]+\/attachments)(\/|\?|$)/, (route) => this.#answer(route));
  }

  async #answer(route: Route): Promise<void> {
    const req = route.request();
    const url = new URL(req.url());
    const token = (req.headers().authorization ?? '').replace(/^Bearer /, '');
    const actor = this.keys[token];
    const reply = (status: number, json: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(json) });
    if (url.pathname.endsWith('/attachments')) return reply(200, { attachments: [] });
    // As the server with access control: every read of cases needs a key (401 without one).
    if (!actor)
      return reply(401, { error: 'CG_ERR_UNAUTHORIZED', message: `no API key was sent: ${req.method()} /api/cases needs a viewer key` });
    const [, , , id, sub] = url.pathname.split('/'); // '', 'api', 'cases', id?, 'events'?
    if (req.method() === 'GET' && !id) {
      const q = url.searchParams;
      const list = [...this.cases.values()]
        .map((c) => this.serve(c.state, actor))
        .filter((c) => (!q.get('stage') || c.stage === q.get('stage')) && (!q.get('department') || c.department === q.get('department')))
        .filter((c) => q.get('overdue') !== 'true' || c.overdue)
        .filter((c) => outOfScope(c, actor) === null);
      return reply(200, { cases: list, next: null });
    }
    const c = this.cases.get(decodeURIComponent(id));
    if (!c) return reply(404, { error: 'CG_ERR_NOT_FOUND', message: `no case ${id}` });
    const out = outOfScope(c.state, actor);
    if (out) return reply(403, { error: 'CG_ERR_CASE_OUT_OF_SCOPE', message: out });
    if (req.method() === 'GET') {
      const r = {
        id: `r-${c.state.id}`,
        lon: c.state.lon,
        lat: c.state.lat,
        category: c.state.category,
        source: 'app',
        created_at: iso(c.state.opened_at),
        description: '路边堆放生活垃圾',
        address: '新城路 12 号',
      };
      return reply(200, { case: this.serve(c.state, actor), events: c.events, reports: [r] });
    }
    if (req.method() === 'POST' && sub === 'events') {
      const r = this.act(c.state.id, actor, req.postDataJSON() as Record<string, unknown>);
      return reply(r.status, r.json);
    }
    return reply(405, { error: 'CG_ERR_METHOD', message: req.method() });
  }
}

function error(code: string, status: number, message: string): { status: number; json: unknown } {
  return { status, json: { error: code, message, fix: '', problems: [] } };
}

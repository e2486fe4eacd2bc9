import { randomUUID } from 'node:crypto';
import {
  applyAction,
  caseContext,
  DEFAULT_PROFILE,
  openCase,
  outOfScope,
  overdue,
  type CaseContext,
  type CaseEvent,
  type CaseState,
} from '@citygrid/core';
import type { Connection } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import type { CaseLiveEvent } from '../live/live-schemas.ts';
import type { CityContext } from '../profile/city-context.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { CaseFilter } from './case-filter.ts';
import type { CaseCursor } from './case-cursor.ts';
import { planIntake, type IntakeStep } from './case-intake.ts';
import { IntakeQueue } from './intake-queue.ts';
import { caseOpening, openingPayload } from './case-opening.ts';
import { appendCaseReports, readCasesOfReports, readReportsByIds } from './case-report-rows.ts';
import { appendCases, queryCases, readCase, readOpenCases, readStoredCaseIds, updateCase, type CaseRow } from './case-rows.ts';
import type { AuditAnswer, CaseEventBody, CreateCaseBody, ServedCase, ServedEvent } from './case-schemas.ts';
import { chainEvents, type ChainHead, type EventActor, type NewEvent, type StoredEvent } from './event-chain.ts';
import { appendEvents, readCaseEvents, readChainHead, readEventPage } from './event-rows.ts';
import { lineProblem, parseCaseImport } from './parse-case-import.ts';
import type { Requester } from './requester.ts';
import { serveCase, serveEvent, visibleTo } from './serve-case.ts';
import { checkEvents, startCheck } from './verify-chain.ts';
import type { StoredReport } from '../reports/report-schemas.ts';

const HOUR = 3_600_000;
// The audit reads the log in pages of this many events: ~5 MB of rows at a time.
const VERIFY_PAGE = 10_000;
// Who opens a case automatically (intake): no key, no person.
const INTAKE_ACTOR: EventActor = { key_id: null, role: 'system', department: null };

/** Called after every commit that appended case events (not an import), inside the write lock: keep it short. */
export type CaseEventsListener = (events: readonly CaseLiveEvent[]) => void;

/**
 * Cases (docs/cases.md): opened from reports, moved through the profile's workflow by core's
 * applyAction, and recorded in an append-only event log chained by SHA-256. Every change is
 * one transaction under the store's write lock: read the case, apply the action, append the
 * event chained to the newest one, rewrite the case row, COMMIT; only then is it answered and
 * announced. New reports (any intake: POST /api/reports, Open311, the CLI) join an open case
 * they duplicate, or open one when their source is in the profile's `auto_case_sources`:
 * the store's report listener queues that as the next write, and reads wait for it.
 */
export class CaseService {
  readonly #db: Database;
  readonly #profiles: ProfileService;
  readonly #reports: ReportService;
  readonly #listeners = new Set<CaseEventsListener>();
  /** Report ids a POST /api/cases is about to store and open itself: intake leaves them alone. */
  readonly #claimed = new Set<string>();
  #head: ChainHead | null = null;
  /** Stored reports waiting for automatic intake (intake-queue.ts). */
  readonly #intake: IntakeQueue;
  #context: { city: CityContext; ctx: CaseContext } | null = null;

  /** Use the store's `cases`. */
  constructor(db: Database, profiles: ProfileService, reports: ReportService) {
    this.#db = db;
    this.#profiles = profiles;
    this.#reports = reports;
    this.#intake = new IntakeQueue(db, (ids) => this.#takeIn(ids));
    reports.onReportsStored((events) => this.#intake.add(events, this.#claimed));
  }

  /** The case context of the profile in use (core's caseContext), made once per profile. */
  context(): CaseContext {
    const city = this.#profiles.current();
    if (this.#context?.city !== city) this.#context = { city, ctx: caseContext(city.profile) };
    return this.#context.ctx;
  }

  /**
   * Opens a case from stored reports (`report_ids`) or from a new report (`report`, stored
   * first as POST /api/reports stores it). 404 for a report not stored, 409
   * CG_ERR_REPORT_IN_CASE for one that already has a case, 400 for an unknown urgency.
   * @example const served = await cases.open({ report_ids: ['r1'] }, UNCHECKED);
   */
  async open(body: CreateCaseBody, who: Requester): Promise<ServedCase> {
    if ((body.report_ids === undefined) === (body.report === undefined))
      throw invalid('body', 'needs report_ids (stored reports) or report (a new one), not both');
    const ctx = this.context();
    if (body.urgency !== undefined && !ctx.urgencies.includes(body.urgency))
      throw invalid('body/urgency', `must be an urgency of the profile: one of ${ctx.urgencies.join(', ')}`);
    let ids = body.report_ids ?? [];
    if (body.report) {
      const id = body.report.id ?? randomUUID();
      this.#claimed.add(id);
      try {
        await this.#reports.insertReports([{ ...body.report, id }], { label: () => 'body/report' });
      } catch (e) {
        this.#claimed.delete(id);
        throw e;
      }
      ids = [id];
    }
    return this.#db.write(async (conn) => {
      ids.forEach((id) => {
        this.#claimed.delete(id);
      });

      const reports = await readReportsByIds(conn, ids);
      const missing = ids.find((id) => !reports.some((r) => r.id === id));
      if (missing !== undefined)
        throw serverError([
          {
            ...problem('CG_ERR_NOT_FOUND', { id: missing }, `report ${JSON.stringify(missing)}`),
            fix: 'store the report first (POST /api/reports), or send it as "report"',
          },
        ]);
      const taken = await readCasesOfReports(conn, ids);
      if (taken.size) throw serverError([...taken].map(([r, c]) => problem('CG_ERR_REPORT_IN_CASE', { id: r }, JSON.stringify(r), c)));
      const now = Date.now();
      const opening = caseOpening(randomUUID(), now, reports, this.#profiles.current(), body.urgency);
      const state = openCase(opening, ctx);
      const opened: NewEvent = {
        case_id: state.id,
        version: 1,
        action: 'open',
        at: now,
        actor: who.logged ?? INTAKE_ACTOR,
        payload: openingPayload(opening, 'api'),
      };
      await this.#commit(
        conn,
        [opened],
        { added: [this.#row(state)], updated: [] },
        reports.map((r) => [r.id, state.id] as const),
      );
      return serveCase(state, Date.now(), ctx, who.actor);
    });
  }

  /**
   * Takes an action on a case (core's applyAction decides: 403 role or scope, 409 stale
   * version, 422 not allowed now naming the actions allowed, 400 a missing field) and
   * appends it to the log; resolves after COMMIT.
   * @example await cases.act('c1', { action: 'accept', expected_version: 1 }, who)
   */
  async act(id: string, body: CaseEventBody, who: Requester): Promise<{ case: ServedCase; event: ServedEvent }> {
    const actor = who.actor;
    if (!actor || !who.logged)
      throw serverError([
        problem(
          'CG_ERR_FORBIDDEN',
          {},
          'this key takes no case action: that needs an operator, supervisor, dispatcher, department, inspector or admin key',
        ),
      ]);
    const logged = who.logged;
    await this.#intake.settle();
    return this.#db.write(async (conn) => {
      const state = await readCase(conn, id);
      if (!state) throw caseNotFound(id);
      const ctx = this.context();
      const { action, expected_version, ...fields } = body;
      if (fields.target !== undefined && fields.target !== id && !(await readCase(conn, fields.target))) {
        throw serverError([
          problem('CG_ERR_ACTION_FIELD', {}, action, `a target that is a case; ${JSON.stringify(fields.target)} is not one`),
        ]);
      }
      const at = Math.max(Date.now(), state.updated_at);
      const event: CaseEvent = { action, at, actor, expected_version, ...fields };
      const result = applyAction(state, event, ctx);
      if (!result.ok) throw serverError([result.problem]);
      const next = result.state;
      const news: NewEvent[] = [{ case_id: id, version: next.version, action, at, actor: logged, payload: fields }];
      const [stored] = await this.#commit(conn, news, { added: [], updated: [this.#row(next)] }, []);
      return { case: serveCase(next, Date.now(), ctx, actor), event: serveEvent(stored) };
    });
  }

  /**
   * A page of cases, overdue first then by due time, within the requester's scope.
   * @example await cases.list({ stages: ['dispatched'] }, { limit: 50 }, who)
   */
  async list(
    filter: CaseFilter,
    page: { limit: number; after?: CaseCursor },
    who: Requester,
  ): Promise<{ cases: ServedCase[]; next: string | null }> {
    await this.#intake.settle();
    const now = Date.now();
    const { states, next } = await this.#db.read((conn) => queryCases(conn, { ...filter, scope: who.scope }, { ...page, now }));
    const ctx = this.context();
    return { cases: states.map((s) => serveCase(s, now, ctx, who.actor)), next };
  }

  /**
   * One case with its whole history and its reports. 404 for an unknown id; 403
   * CG_ERR_CASE_OUT_OF_SCOPE for a case outside a department or inspector key's scope.
   * @example const { case: c, events, reports } = await cases.get('c1', who);
   */
  async get(id: string, who: Requester): Promise<{ case: ServedCase; events: ServedEvent[]; reports: StoredReport[] }> {
    await this.#intake.settle();
    const found = await this.#db.snapshot(async (conn) => {
      const state = await readCase(conn, id);
      if (!state) throw caseNotFound(id);
      if (!visibleTo(state, who.actor)) throw serverError([problem('CG_ERR_CASE_OUT_OF_SCOPE', { id }, outOfScope(state, who.actor!))]);
      return { state, events: await readCaseEvents(conn, id), reports: await readReportsByIds(conn, state.reports) };
    });
    return {
      case: serveCase(found.state, Date.now(), this.context(), who.actor),
      events: found.events.map(serveEvent),
      reports: found.reports,
    };
  }

  /** The state of one case, or null (the Open311 mapping, tests). */
  async state(id: string): Promise<CaseState | null> {
    await this.#intake.settle();
    return this.#db.read((conn) => readCase(conn, id));
  }

  /**
   * Imports case histories (NDJSON, parse-case-import.ts), all or nothing: every line checked
   * (replayed through core) before anything is written; one CitygridError lists every problem
   * with its line. Ids already stored, and reports that already have a case, are problems too.
   * @returns the number of cases imported
   * @example await cases.importCases(ndjson, who) // 120
   */
  async importCases(text: string, who: Requester): Promise<number> {
    const ctx = this.context();
    const parsed = parseCaseImport(text, ctx);
    if (!parsed.ok) throw serverError(parsed.problems);
    await this.#intake.settle();
    return this.#db.write(async (conn) => {
      await this.#refuseTaken(conn, parsed.cases);
      const news: NewEvent[] = [];
      const pairs: Array<readonly [string, string]> = [];
      for (const c of parsed.cases) {
        news.push({
          case_id: c.opening.id,
          version: 1,
          action: 'open',
          at: c.opening.at,
          actor: who.logged ?? INTAKE_ACTOR,
          payload: openingPayload(c.opening, 'import'),
        });
        c.events.forEach((e, i) => {
          const { action, at, actor, expected_version: _v, ...fields } = e;
          news.push({
            case_id: c.opening.id,
            version: i + 2,
            action,
            at,
            actor: {
              key_id: null,
              role: actor.role,
              department: actor.department ?? null,
              ...(actor.grids ? { grids: [...actor.grids] } : {}),
            },
            payload: fields,
          });
        });
        for (const r of c.state.reports) pairs.push([r, c.opening.id]);
      }
      // An import is history, not news: nothing is announced on the live feed.
      await this.#commit(conn, news, { added: parsed.cases.map((c) => this.#row(c.state)), updated: [] }, pairs, false);
      return parsed.cases.length;
    });
  }

  /**
   * Recomputes the whole hash chain in seq order, in one snapshot, and names the first event
   * that breaks it (verify-chain.ts).
   * @example (await cases.verify()).ok // true
   */
  async verify(): Promise<AuditAnswer> {
    await this.#intake.settle();
    return this.#db.snapshot(async (conn) => {
      let check = startCheck();
      for (;;) {
        const page = await readEventPage(conn, check.seq, VERIFY_PAGE);
        check = checkEvents(check, page);
        if (check.first_broken || page.length < VERIFY_PAGE) break;
      }
      return { ok: check.first_broken === null, events: check.events, first_broken: check.first_broken };
    });
  }

  /**
   * Calls `listener` after every commit that appended case events (opened, acted on, joined;
   * not an import). Returns the function that unsubscribes.
   * @example const stop = cases.onCaseEvents((events) => feed.cases(events));
   */
  onCaseEvents(listener: CaseEventsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Writes the automatic intake queued so far, at once; resolves when it is written. */
  settled(): Promise<void> {
    return this.#intake.settle();
  }

  /** Chains and writes events with the case rows and report links in one transaction; the head moves and listeners hear only after COMMIT. */
  async #commit(
    conn: Connection,
    news: readonly NewEvent[],
    rows: { added: CaseRow[]; updated: CaseRow[] },
    pairs: ReadonlyArray<readonly [string, string]>,
    announce = true,
  ): Promise<StoredEvent[]> {
    this.#head ??= await readChainHead(conn);
    const { events, head } = chainEvents(this.#head, news);
    await transaction(conn, async () => {
      await appendEvents(conn, events);
      await appendCases(conn, rows.added);
      for (const row of rows.updated) await updateCase(conn, row);
      await appendCaseReports(conn, pairs);
    });
    this.#head = head;
    if (announce) this.#announce(events, [...rows.added, ...rows.updated]);
    return events;
  }

  #row(state: CaseState): CaseRow {
    return { state, closed: this.context().stages.get(state.stage)?.terminal === true };
  }

  async #refuseTaken(conn: Connection, cases: ReadonlyArray<{ line: number; opening: { id: string }; state: CaseState }>): Promise<void> {
    const problems = [];
    const taken = await readCasesOfReports(
      conn,
      cases.flatMap((c) => c.state.reports),
    );
    const stored = await readStoredCaseIds(
      conn,
      cases.map((c) => c.opening.id),
    );
    const reportLine = new Map<string, number>();
    for (const c of cases) {
      if (stored.has(c.opening.id))
        problems.push(
          lineProblem(
            c.line,
            `case ${JSON.stringify(c.opening.id)} is already stored`,
            c.opening.id,
            'give the case a new id, or leave it out: it was imported before',
          ),
        );
      for (const r of c.state.reports) {
        const other = taken.get(r) ?? (reportLine.has(r) ? `line ${reportLine.get(r)}` : undefined);
        if (other !== undefined)
          problems.push(
            lineProblem(
              c.line,
              `report ${JSON.stringify(r)} already belongs to case ${other}`,
              c.opening.id,
              'a report belongs to one case: list it under one',
            ),
          );
        reportLine.set(r, c.line);
      }
    }
    if (problems.length) throw serverError(problems);
  }

  #announce(events: readonly StoredEvent[], rows: readonly CaseRow[]): void {
    if (!this.#listeners.size) return;
    const now = Date.now();
    const stateOf = new Map(rows.map((r) => [r.state.id, r.state]));
    const feed = events.flatMap((e): CaseLiveEvent[] => {
      const s = stateOf.get(e.case_id);
      return s
        ? [
            {
              case_id: e.case_id,
              seq: e.seq,
              action: e.action,
              stage: s.stage,
              version: e.version,
              department: s.department,
              grid_id: s.grid_id,
              overdue: overdue(s, now),
            },
          ]
        : [];
    });
    for (const listener of this.#listeners) {
      try {
        listener(feed);
      } catch {
        // Committed: a listener's failure must not turn the write into an error.
      }
    }
  }

  /**
   * Takes in the reports a crash left without intake (past the intake cursor); the store calls it once, on opening.
   * @example await cases.recoverIntake();
   */
  async recoverIntake(): Promise<void> {
    await this.#intake.recover();
    await this.#intake.settle();
  }

  /** The last error of automatic intake, if any (the reports themselves are stored, and taken in at the next start). */
  get lastIntakeError(): Error | null {
    return this.#intake.lastError;
  }

  /**
   * Automatic intake of stored reports. Planned first on a snapshot, outside the write lock:
   * most reports neither open a case (their source is not automatic) nor join an open one, and
   * finding that out must not hold up the writes of new reports. Only a plan with steps takes
   * the lock, and plans again inside it, since the snapshot may be stale by then.
   */
  async #takeIn(ids: readonly string[]): Promise<boolean> {
    const first = await this.#db.snapshot((conn) => this.#planIntake(conn, ids));
    if (!first.steps.length) return false;
    return this.#db.write(async (conn) => {
      const { steps, now } = await this.#planIntake(conn, ids);
      if (steps.length) await this.#commitIntake(conn, steps, now);
      return steps.length > 0;
    });
  }

  /** What automatic intake would do with these reports now: open a case, join one, or nothing (no step). */
  async #planIntake(conn: Connection, ids: readonly string[]): Promise<{ steps: IntakeStep[]; now: number }> {
    const now = Date.now();
    const taken = await readCasesOfReports(conn, ids);
    const reports = (await readReportsByIds(conn, ids)).filter((r) => !taken.has(r.id) && !this.#claimed.has(r.id));
    if (!reports.length) return { steps: [], now };
    const city = this.#profiles.current();
    const window = (city.profile.duplicates ?? DEFAULT_PROFILE.duplicates!).hours * HOUR;
    const times = reports.map((r) => Date.parse(r.created_at));
    const open = await readOpenCases(
      conn,
      [...new Set(reports.map((r) => r.category))],
      Math.min(...times) - window,
      Math.max(now, ...times) + window,
    );
    const steps = planIntake(reports, open, city, this.context(), now, randomUUID, {
      duplicates: DEFAULT_PROFILE.duplicates!,
      auto_case_sources: DEFAULT_PROFILE.auto_case_sources ?? [],
    });
    return { steps, now };
  }

  /** Writes an intake plan: the events, the case rows and the report links, in one transaction. */
  async #commitIntake(conn: Connection, steps: readonly IntakeStep[], now: number): Promise<void> {
    const city = this.#profiles.current();
    const news: NewEvent[] = [];
    const added = new Map<string, CaseState>();
    const updated = new Map<string, CaseState>();
    for (const step of steps) {
      const s = step.state;
      if (step.kind === 'open') {
        added.set(s.id, s);
        news.push({
          case_id: s.id,
          version: 1,
          action: 'open',
          at: now,
          actor: INTAKE_ACTOR,
          payload: openingPayload(caseOpening(s.id, now, [step.report], city), 'intake'),
        });
      } else {
        (added.has(s.id) ? added : updated).set(s.id, s);
        news.push({
          case_id: s.id,
          version: s.version,
          action: 'join',
          at: now,
          actor: INTAKE_ACTOR,
          payload: { report_id: step.report.id },
        });
      }
    }
    const pairs = steps.map((s) => [s.report.id, s.state.id] as const);
    await this.#commit(
      conn,
      news,
      { added: [...added.values()].map((s) => this.#row(s)), updated: [...updated.values()].map((s) => this.#row(s)) },
      pairs,
    );
  }
}

function caseNotFound(id: string): ServerError {
  return serverError([{ ...problem('CG_ERR_NOT_FOUND', { id }, `case ${JSON.stringify(id)}`), fix: 'list the cases with GET /api/cases' }]);
}

function invalid(where: string, complaint: string) {
  return serverError([problem('CG_ERR_VALIDATION', {}, where, complaint)]);
}

import { caseFacts, type AssessmentSettings, type CaseContext, type CaseEvent, type CaseFacts, type CaseOpening } from '@citygrid/core';
import { listValue, type Appender, type Connection } from '../db/connection.ts';
import { transaction } from '../db/transaction.ts';
import { withAppender } from '../db/with-appender.ts';

// Cases are recomputed in pages of this many: ~10 events each, a few MB of rows at a time.
const PAGE = 5_000;
const MARK = 'case_facts';
// 2: the first report's source kept (files of format 1 lack it, so they are rebuilt).
const FORMAT = 2;
const COLUMNS = [
  'opened_at',
  'registered_at',
  'dispatch_due',
  'dispatched_at',
  'handle_due',
  'handled_at',
  'check_due',
  'checked_at',
  'verified_at',
  'closed_at',
] as const;

/** A case's facts and its first report's source, as `case_facts` keeps them. */
type SourcedFacts = CaseFacts & { source?: string | null };

/** What the facts are computed with: the profile's case context and assessment settings, and its version. */
export interface FactsBasis {
  ctx: CaseContext;
  settings: AssessmentSettings;
  profile_version: number;
}

/**
 * Brings `case_facts` up to date with `case_events`: recomputes (core's caseFacts) every case
 * with an event after the stored mark, or all of them when the profile changed, the mark is of
 * an older format, or there is none (a new file, or one from before assessment). Runs on the writer, in one transaction.
 * @returns how many cases were recomputed
 * @example await db.write((conn) => refreshFacts(conn, basis)) // 0 when nothing changed
 */
export async function refreshFacts(conn: Connection, basis: FactsBasis): Promise<number> {
  const mark = await readMark(conn);
  const head = Number((await conn.runAndReadAll('SELECT coalesce(max(seq), 0) AS s FROM case_events')).getRowObjectsJS()[0].s);
  const whole = mark === null || mark.profile !== basis.profile_version || mark.format !== FORMAT;
  if (!whole && head <= mark.seq) return 0;
  const after = whole ? 0 : mark.seq;
  return transaction(conn, async () => {
    if (whole) await conn.run('DELETE FROM case_facts');
    await conn.run(
      'CREATE OR REPLACE TEMP TABLE facts_changed AS SELECT DISTINCT case_id FROM case_events WHERE seq > $after AND seq <= $head',
      {
        after: BigInt(after),
        head: BigInt(head),
      },
    );
    if (!whole) await conn.run('DELETE FROM case_facts WHERE case_id IN (SELECT case_id FROM facts_changed)');
    let done = 0;
    for (let offset = 0; ; offset += PAGE) {
      const facts = await pageFacts(conn, offset, basis);
      await appendFacts(conn, facts);
      done += facts.length;
      if (facts.length < PAGE) break;
    }
    await conn.run('DROP TABLE facts_changed');
    await conn.run('INSERT OR REPLACE INTO meta VALUES ($k, $v)', {
      k: MARK,
      v: JSON.stringify({ seq: head, profile: basis.profile_version, format: FORMAT }),
    });
    return done;
  });
}

/** The facts of one page of changed cases (by case id), each replayed from all its events. */
async function pageFacts(conn: Connection, offset: number, basis: FactsBasis): Promise<SourcedFacts[]> {
  const rows = (
    await conn.runAndReadAll(
      `WITH page AS (SELECT case_id FROM facts_changed ORDER BY case_id LIMIT ${PAGE} OFFSET ${offset})
       SELECT e.case_id, e.action, epoch_ms(e.acted_at) AS at, e.actor, e.payload
       FROM case_events e JOIN page USING (case_id) ORDER BY e.case_id, e.seq`,
    )
  ).getRowObjectsJS();
  const out: SourcedFacts[] = [];
  let i = 0;
  while (i < rows.length) {
    const id = rows[i].case_id as string;
    let j = i;
    while (j < rows.length && rows[j].case_id === id) j++;
    const opening = openingOf(id, rows[i]);
    // A duplicate report joining (intake's `join`) is no workflow action: it moves no milestone.
    const events = rows.slice(i + 1, j).filter((r) => r.action !== 'join');
    if (opening) out.push(caseFacts(opening, events.map(eventOf), basis.ctx, basis.settings));
    i = j;
  }
  await addSources(conn, out);
  return out;
}

/** The source of each case's first report (null for a report not stored: an imported history's). */
async function addSources(conn: Connection, facts: SourcedFacts[]): Promise<void> {
  const ids = facts.map((f) => f.first_report).filter((id): id is string => id !== null);
  const rows = ids.length
    ? (await conn.runAndReadAll('SELECT id, source FROM reports WHERE list_contains($ids, id)', { ids: listValue(ids) })).getRowObjectsJS()
    : [];
  const source = new Map(rows.map((r) => [r.id as string, r.source as string]));
  for (const f of facts) f.source = f.first_report === null ? null : (source.get(f.first_report) ?? null);
}

function openingOf(id: string, row: Record<string, unknown>): CaseOpening | null {
  if (row.action !== 'open') return null;
  const { source: _source, ...rest } = JSON.parse(row.payload as string);
  return { ...rest, id, at: Number(row.at) };
}

function eventOf(row: Record<string, unknown>): CaseEvent {
  const actor = JSON.parse(row.actor as string);
  return {
    ...JSON.parse(row.payload as string),
    action: row.action as string,
    at: Number(row.at),
    actor: {
      role: actor.role,
      ...(actor.department ? { department: actor.department } : {}),
      ...(actor.grids ? { grids: actor.grids } : {}),
    },
  };
}

async function appendFacts(conn: Connection, facts: readonly SourcedFacts[]): Promise<void> {
  if (!facts.length) return;
  await withAppender(conn, 'case_facts', (a) => {
    for (const f of facts) {
      a.appendVarchar(f.case_id);
      nullable(a, f.grid_id);
      nullable(a, f.department);
      nullable(a, f.first_report);
      a.appendBigInt(BigInt(f.opened_at));
      a.appendBoolean(f.merged);
      for (const c of COLUMNS.slice(1)) {
        const v = f[c];
        if (v === null) a.appendNull();
        else a.appendBigInt(BigInt(v));
      }
      a.appendInteger(f.reworks);
      nullable(a, f.source ?? null);
      a.endRow();
    }
  });
}

function nullable(a: Appender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

async function readMark(conn: Connection): Promise<{ seq: number; profile: number; format?: number } | null> {
  const rows = (await conn.runAndReadAll('SELECT value FROM meta WHERE key = $k', { k: MARK })).getRowObjectsJS();
  return rows.length ? JSON.parse(rows[0].value as string) : null;
}

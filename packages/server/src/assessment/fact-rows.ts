import { caseFacts, type AssessmentSettings, type CaseContext, type CaseEvent, type CaseFacts, type CaseOpening } from '@citygrid/core';
import { LIST, VARCHAR, listValue, type Appender, type Connection } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { withAppender } from '../db/with-appender.ts';

// Cases are recomputed in pages of this many (~10 events each): each page's replay runs on the
// main thread between two awaits, so it stays short (~20 ms) and requests are served in between.
const PAGE = 1_000;
// The temp table (on the writer) a refresh fills before swapping it into case_facts.
const NEXT = 'case_facts_next';
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
 * an older format, or there is none (a new file, or one from before assessment).
 *
 * The cases are replayed from a snapshot, outside the write lock, page by page into a temp
 * table on the writer (a short write per page), and swapped into `case_facts` in one short
 * transaction at the end: replaying every case after a profile change takes seconds (the
 * demo's ~14 s), and held the lock, so no report could be stored meanwhile. Readers see the
 * old facts until the swap, never a half-rebuilt table. One refresh at a time (the caller's lock).
 * @returns how many cases were recomputed
 * @example await refreshFacts(db, basis) // 0 when nothing changed
 */
export async function refreshFacts(db: Database, basis: FactsBasis): Promise<number> {
  return db.snapshot(async (conn) => {
    const mark = await readMark(conn);
    const head = Number((await conn.runAndReadAll('SELECT coalesce(max(seq), 0) AS s FROM case_events')).getRowObjectsJS()[0].s);
    const whole = mark === null || mark.profile !== basis.profile_version || mark.format !== FORMAT;
    if (!whole && head <= mark.seq) return 0;
    const after = whole ? 0 : mark.seq;
    const changed = (
      await conn.runAndReadAll('SELECT DISTINCT case_id FROM case_events WHERE seq > $after AND seq <= $head ORDER BY case_id', {
        after: BigInt(after),
        head: BigInt(head),
      })
    )
      .getRowObjectsJS()
      .map((r) => r.case_id as string);
    await db.write((w) => w.run(`CREATE OR REPLACE TEMP TABLE ${NEXT} AS SELECT * FROM case_facts LIMIT 0`));
    for (let i = 0; i < changed.length; i += PAGE) {
      const facts = await pageFacts(conn, changed.slice(i, i + PAGE), basis);
      await db.write((w) => appendFacts(w, facts, NEXT, { catalog: 'temp' }));
    }
    await db.write((w) =>
      transaction(w, async () => {
        if (whole) await w.run('DELETE FROM case_facts');
        // Every changed case, not only those with facts now (one whose log no longer opens it has none).
        else
          await w.run(
            'DELETE FROM case_facts WHERE case_id IN (SELECT unnest($ids::VARCHAR[]))',
            { ids: listValue(changed) },
            { ids: LIST(VARCHAR) },
          );
        await w.run(`INSERT INTO case_facts SELECT * FROM ${NEXT}`);
        await w.run(`DROP TABLE ${NEXT}`);
        await w.run('INSERT OR REPLACE INTO meta VALUES ($k, $v)', {
          k: MARK,
          v: JSON.stringify({ seq: head, profile: basis.profile_version, format: FORMAT }),
        });
      }),
    );
    return changed.length;
  });
}

/** The facts of one page of changed cases, each replayed from all its events (those of the snapshot). */
async function pageFacts(conn: Connection, ids: readonly string[], basis: FactsBasis): Promise<SourcedFacts[]> {
  const rows = (
    await conn.runAndReadAll(
      `WITH page AS (SELECT unnest($ids::VARCHAR[]) AS case_id)
       SELECT e.case_id, e.action, epoch_ms(e.acted_at) AS at, e.actor, e.payload
       FROM case_events e JOIN page USING (case_id) ORDER BY e.case_id, e.seq`,
      { ids: listValue([...ids]) },
      { ids: LIST(VARCHAR) },
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

async function appendFacts(conn: Connection, facts: readonly SourcedFacts[], table: string, where: { catalog?: string }): Promise<void> {
  if (!facts.length) return;
  await withAppender(
    conn,
    table,
    (a) => {
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
    },
    where,
  );
}

function nullable(a: Appender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

async function readMark(conn: Connection): Promise<{ seq: number; profile: number; format?: number } | null> {
  const rows = (await conn.runAndReadAll('SELECT value FROM meta WHERE key = $k', { k: MARK })).getRowObjectsJS();
  return rows.length ? JSON.parse(rows[0].value as string) : null;
}

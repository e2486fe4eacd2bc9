import { TimestampValue, type Connection } from '../db/connection.ts';
import { withAppender } from '../db/with-appender.ts';
import { GENESIS, type ChainHead, type StoredEvent } from './event-chain.ts';

// case_events is append-only: this file INSERTs and SELECTs, and nothing anywhere UPDATEs or
// DELETEs an event (a test greps the sources for it).

const COLUMNS = 'seq, case_id, version, action, epoch_ms(acted_at) AS at_ms, actor, payload, prev_hash, hash';

/**
 * Appends chained events (chainEvents) with an appender; the caller holds the write lock and
 * an open transaction, so a failure rolls them back with the case rows.
 * @example await appendEvents(conn, events);
 */
export async function appendEvents(conn: Connection, events: readonly StoredEvent[]): Promise<void> {
  if (!events.length) return;
  await withAppender(conn, 'case_events', (a) => {
    for (const e of events) {
      a.appendBigInt(BigInt(e.seq));
      a.appendVarchar(e.case_id);
      a.appendInteger(e.version);
      a.appendVarchar(e.action);
      a.appendTimestamp(new TimestampValue(BigInt(e.at) * 1000n));
      a.appendVarchar(JSON.stringify(e.actor));
      a.appendVarchar(JSON.stringify(e.payload));
      a.appendVarchar(e.prev_hash);
      a.appendVarchar(e.hash);
      a.endRow();
    }
  });
}

/**
 * The newest event's seq and hash, where the next one chains on; seq 0 and 64 zeros when the log is empty.
 * @example const head = await readChainHead(conn);
 */
export async function readChainHead(conn: Connection): Promise<ChainHead> {
  const rows = (await conn.runAndReadAll('SELECT seq, hash FROM case_events ORDER BY seq DESC LIMIT 1')).getRowObjectsJS();
  return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash as string } : { seq: 0, hash: GENESIS };
}

/**
 * A case's events in seq order.
 * @example (await readCaseEvents(conn, 'c1'))[0].action // 'open'
 */
export async function readCaseEvents(conn: Connection, caseId: string): Promise<StoredEvent[]> {
  const rows = (
    await conn.runAndReadAll(`SELECT ${COLUMNS} FROM case_events WHERE case_id = $id ORDER BY seq`, { id: caseId })
  ).getRowObjectsJS();
  return rows.map(eventOf);
}

/**
 * Up to `limit` events with seq > `after`, in seq order: the audit reads the whole log in pages.
 * @example const page = await readEventPage(conn, 0, 10_000);
 */
export async function readEventPage(conn: Connection, after: number, limit: number): Promise<StoredEvent[]> {
  const rows = (
    await conn.runAndReadAll(`SELECT ${COLUMNS} FROM case_events WHERE seq > $after ORDER BY seq LIMIT $limit`, {
      after: BigInt(after),
      limit,
    })
  ).getRowObjectsJS();
  return rows.map(eventOf);
}

function eventOf(r: Record<string, unknown>): StoredEvent {
  return {
    seq: Number(r.seq),
    case_id: r.case_id as string,
    version: Number(r.version),
    action: r.action as string,
    at: Number(r.at_ms),
    actor: JSON.parse(r.actor as string),
    payload: JSON.parse(r.payload as string),
    prev_hash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

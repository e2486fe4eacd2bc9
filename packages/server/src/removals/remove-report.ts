import { CitygridError } from '@citygrid/core';
import type { Connection } from '../db/connection.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import { transaction } from '../db/transaction.ts';

/** `delete`: the report is gone; `redact`: its point, category, source and times stay, what a person wrote or sent does not. */
export type RemovalAction = 'delete' | 'redact';

/** One entry of the removal record (report_removals): what was done to which report, by whom, why, when. */
export interface Removal {
  report_id: string;
  action: RemovalAction;
  reason: string;
  /** The API key id that asked (`cli` from the command line, null with access control off). */
  actor: string | null;
  /** ISO 8601 UTC. */
  acted_at: string;
  /** The report's category and created_at at the time, so the record says what was removed. */
  category: string;
  created_at: string;
}

/**
 * Deletes or redacts one report in one transaction and records it in report_removals.
 * Redacting clears description, address and attributes, drops the contact, the Open311 extras
 * and the photo links, and keeps the point: counts and maps stay true. Deleting also removes the
 * row, so a report of a typo'd year stops stretching the charts; a report in a case cannot be
 * deleted (the case's history names it), only redacted. Photo files stay in the folder: another
 * report may share them (they are stored once per content).
 *
 * @example await removeReport(conn, 'r1', 'delete', 'created_at typo: 2006 for 2026', 'k_admin')
 */
export async function removeReport(
  conn: Connection,
  id: string,
  action: RemovalAction,
  reason: string,
  actor: string | null,
): Promise<Removal> {
  return transaction(conn, async () => {
    const rows = (
      await conn.runAndReadAll("SELECT category, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at FROM reports WHERE id = $id", {
        id,
      })
    ).getRowObjectsJS();
    if (!rows.length) throw CitygridError.of('CG_ERR_NOT_FOUND', {}, `report ${JSON.stringify(id)}`);
    if (action === 'delete') {
      const inCase = (await conn.runAndReadAll('SELECT case_id FROM case_reports WHERE report_id = $id', { id })).getRowObjectsJS();
      if (inCase.length)
        throw serverError([problem('CG_ERR_REPORT_HAS_CASE', { id }, JSON.stringify(id), JSON.stringify(inCase[0].case_id))]);
    }
    await conn.run('DELETE FROM report_contacts WHERE id = $id', { id });
    await conn.run('DELETE FROM open311_requests WHERE id = $id', { id });
    await conn.run('DELETE FROM attachments WHERE report_id = $id', { id });
    if (action === 'delete') await conn.run('DELETE FROM reports WHERE id = $id', { id });
    else await conn.run('UPDATE reports SET description = NULL, address = NULL, attributes = NULL WHERE id = $id', { id });
    const removal: Removal = {
      report_id: id,
      action,
      reason,
      actor,
      acted_at: new Date().toISOString(),
      category: rows[0].category as string,
      created_at: rows[0].created_at as string,
    };
    await conn.run(
      `INSERT INTO report_removals VALUES ($report_id, $action, $reason, $actor, $acted_at::TIMESTAMP, $category, $created_at::TIMESTAMP)`,
      { ...removal, actor: removal.actor ?? '' },
    );
    return removal;
  });
}

/**
 * The removal record, newest first.
 * @example (await readRemovals(conn))[0].reason
 */
export async function readRemovals(conn: Connection): Promise<Removal[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT report_id, action, reason, actor, strftime(acted_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS acted_at, category,
              strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at
       FROM report_removals ORDER BY acted_at DESC, report_id`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => ({ ...(r as unknown as Removal), actor: (r.actor as string) || null }));
}

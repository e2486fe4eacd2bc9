import { listValue, type Connection } from '../db/connection.ts';
import type { ReceivedFile } from './receive-file.ts';

/** An attachment row: one file of one report. */
export interface AttachmentRow {
  sha256: string;
  media_type: string;
  bytes: number;
}

/** Whether a report with this id is stored. */
export async function reportExists(conn: Connection, reportId: string): Promise<boolean> {
  return (await conn.runAndReadAll('SELECT 1 FROM reports WHERE id = $id', { id: reportId })).currentRowCount > 0;
}

/**
 * Adds files to a report; a file the report already has is left as it is (a retried upload).
 * The caller holds a transaction.
 */
export async function insertAttachments(
  conn: Connection,
  reportId: string,
  files: readonly ReceivedFile[],
  createdMs: number,
): Promise<void> {
  await conn.run(
    `INSERT INTO attachments SELECT $report, unnest($sha::VARCHAR[]), unnest($type::VARCHAR[]), unnest($bytes::BIGINT[]), make_timestamp($us::BIGINT)
     ON CONFLICT DO NOTHING`,
    {
      report: reportId,
      sha: listValue(files.map((f) => f.sha256)),
      type: listValue(files.map((f) => f.mediaType)),
      bytes: listValue(files.map((f) => BigInt(f.bytes))),
      us: BigInt(createdMs) * 1000n,
    },
  );
}

/** A report's attachments, oldest first. */
export async function readAttachments(conn: Connection, reportId: string): Promise<AttachmentRow[]> {
  const rows = (
    await conn.runAndReadAll('SELECT sha256, media_type, bytes FROM attachments WHERE report_id = $id ORDER BY created_at, sha256', {
      id: reportId,
    })
  ).getRowObjectsJS();
  return rows.map(row);
}

/** The stored file of `sha256` (whichever report it came with), or undefined. */
export async function findAttachment(conn: Connection, sha256: string): Promise<AttachmentRow | undefined> {
  const rows = (
    await conn.runAndReadAll('SELECT sha256, media_type, bytes FROM attachments WHERE sha256 = $sha LIMIT 1', { sha: sha256 })
  ).getRowObjectsJS();
  return rows.length ? row(rows[0]) : undefined;
}

function row(r: Record<string, unknown>): AttachmentRow {
  return { sha256: r.sha256 as string, media_type: r.media_type as string, bytes: Number(r.bytes) };
}

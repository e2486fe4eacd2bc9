import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import type { AttachmentFolder } from './attachment-folder.ts';
import { findAttachment, insertAttachments, readAttachments, reportExists, type AttachmentRow } from './attachment-rows.ts';
import type { Attachment } from './attachment-schemas.ts';
import { receiveFile, type FilePart, type ReceivedFile } from './receive-file.ts';

/**
 * Photos of reports: files in the folder beside the DuckDB file, by SHA-256
 * (attachment-folder.ts), and one `attachments` row per report and file. A file is placed
 * and its row written under the store's write lock in one transaction; if either fails, a
 * file placed by it is removed again, so nothing is half-stored.
 */
export class AttachmentService {
  readonly #db: Database;
  /** Where the files are. */
  readonly folder: AttachmentFolder;

  /** Use the store's `attachments`. */
  constructor(db: Database, folder: AttachmentFolder) {
    this.#db = db;
    this.folder = folder;
  }

  /**
   * Throws 404 CG_ERR_NOT_FOUND unless the report is stored: checked before a body is read.
   * @example await store.attachments.requireReport('r-1')
   */
  async requireReport(reportId: string): Promise<void> {
    if (!(await this.#db.read((conn) => reportExists(conn, reportId)))) throw reportNotFound(reportId);
  }

  /** {@link receiveFile} into this folder: a checked temp file, or a 413/415 and nothing kept. */
  receive(part: FilePart, maxBytes: number): Promise<ReceivedFile> {
    return receiveFile(part, this.folder, maxBytes);
  }

  /**
   * Stores received files as the report's attachments. A file the report already has is one
   * row still (a field app's retry changes nothing), a file another report has is one file.
   * The temp files are gone afterwards, whether this succeeds or throws.
   * @returns each distinct file, in the order received
   * @example await store.attachments.add('r-1', [received])
   */
  async add(reportId: string, files: readonly ReceivedFile[]): Promise<Attachment[]> {
    const distinct = [...new Map(files.map((f) => [f.sha256, f])).values()];
    try {
      await this.#db.write(async (conn) => {
        if (!(await reportExists(conn, reportId))) throw reportNotFound(reportId);
        const placed: string[] = [];
        try {
          await transaction(conn, async () => {
            await insertAttachments(conn, reportId, distinct, Date.now());
            for (const f of distinct) if (await this.folder.place(f.tempPath, f.sha256)) placed.push(f.sha256);
          });
        } catch (e) {
          await Promise.all(placed.map((sha) => this.folder.remove(sha)));
          throw e;
        }
      });
    } finally {
      await this.discard(files);
    }
    return distinct.map((f) => attachment({ sha256: f.sha256, media_type: f.mediaType, bytes: f.bytes }));
  }

  /** Removes the temp files of received files not stored (a later part was refused). */
  async discard(files: readonly ReceivedFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.folder.discard(f.tempPath)));
  }

  /**
   * A report's attachments, oldest first; 404 for an unknown report.
   * @example await store.attachments.list('r-1')
   */
  async list(reportId: string): Promise<Attachment[]> {
    const rows = await this.#db.read(async (conn) => ((await reportExists(conn, reportId)) ? readAttachments(conn, reportId) : null));
    if (!rows) throw reportNotFound(reportId);
    return rows.map(attachment);
  }

  /**
   * The file of `sha256`, its type and size, to send; 404 when no report has it.
   * @example const { stream, media_type } = await store.attachments.open(sha)
   */
  async open(sha256: string): Promise<AttachmentRow & { stream: () => Readable }> {
    const row = await this.#db.read((conn) => findAttachment(conn, sha256));
    if (!row) throw serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `attachment ${sha256}`), id: sha256 }]);
    return { ...row, stream: () => createReadStream(this.folder.pathOf(sha256)) };
  }

  /** Removes the folder if it is a ':memory:' store's own. */
  close(): Promise<void> {
    return this.folder.close();
  }
}

function attachment(row: AttachmentRow): Attachment {
  return {
    sha256: row.sha256,
    media_type: row.media_type as Attachment['media_type'],
    bytes: row.bytes,
    url: `/api/attachments/${row.sha256}`,
  };
}

function reportNotFound(id: string) {
  return serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `report ${JSON.stringify(id)}`), id }]);
}

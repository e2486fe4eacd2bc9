import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder attachment files live in, by content: `<dir>/<sha256[0:2]>/<sha256>`, so a photo
 * sent twice (or for two reports) is one file. Files arrive as `.tmp-*` files in the folder
 * and are renamed into place: a rename within one file system is atomic, so a reader never
 * sees half a photo, and a crash leaves at most a temp file, never a wrong one.
 */
export class AttachmentFolder {
  /** Absolute path of the folder; created with the first file. */
  readonly dir: string;
  readonly #temporary: boolean;

  constructor(dir: string, temporary = false) {
    this.dir = resolve(dir);
    this.#temporary = temporary;
  }

  /**
   * The folder beside a DuckDB file, `<dbPath>.files`; for ':memory:' a temp folder of its own,
   * removed by {@link close}.
   * @example AttachmentFolder.forDatabase('city.duckdb').dir // '/abs/city.duckdb.files'
   */
  static forDatabase(dbPath: string): AttachmentFolder {
    if (dbPath === ':memory:' || dbPath === '') return new AttachmentFolder(mkdtempSync(join(tmpdir(), 'citygrid-files-')), true);
    return new AttachmentFolder(`${resolve(dbPath)}.files`);
  }

  /** A fresh temp file path in the folder (the folder is made if missing). */
  async tempPath(): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return join(this.dir, `.tmp-${randomUUID()}`);
  }

  /** Where the file of `sha256` lives. */
  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Moves a received temp file into place. A file already there has the same bytes (same
   * SHA-256): the temp file is dropped instead.
   * @returns whether the file is new
   */
  async place(tempPath: string, sha256: string): Promise<boolean> {
    const target = this.pathOf(sha256);
    if (await exists(target)) {
      await rm(tempPath, { force: true });
      return false;
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(tempPath, target);
    return true;
  }

  /** Removes a file (one placed by a write that then failed). */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Removes a temp file, if it is still there. */
  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  /** Removes the folder if it is a ':memory:' store's own; leaves a file-backed one. */
  async close(): Promise<void> {
    if (this.#temporary) await rm(this.dir, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

import { DEFAULT_PROFILE } from '@citygrid/core';
import type { Connection } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { cityContext, namedFiles, type CityContext } from './city-context.ts';
import { insertProfile, insertUpload, readLatestProfile, readUploads } from './profile-rows.ts';

/** The profile in use as served: its version and when and by whom it was stored. */
export interface ProfileVersion {
  version: number;
  created_at: string | null;
  created_by: string | null;
}

/**
 * The city profile in use: loaded from the newest stored version (the shipped default, as
 * version 0, until a city stores its own), replaced whole by {@link replace}. Readers get the
 * derived context (catalogue, dispatcher) synchronously from memory; a replacement is checked
 * whole, committed, then swapped in, so a request sees the old profile or the new, never a mix.
 */
export class ProfileService {
  readonly #db: Database;
  #current: CityContext;
  #stored: ProfileVersion;

  private constructor(db: Database, current: CityContext, stored: ProfileVersion) {
    this.#db = db;
    this.#current = current;
    this.#stored = stored;
  }

  /**
   * Loads the newest stored profile of `db`, or the shipped default.
   * @example const profiles = await ProfileService.open(db);
   */
  static async open(db: Database): Promise<ProfileService> {
    const row = await db.read(readLatestProfile);
    if (!row) return new ProfileService(db, cityContext(0, DEFAULT_PROFILE, {}), { version: 0, created_at: null, created_by: null });
    return new ProfileService(db, cityContext(row.version, row.profile, row.files), {
      version: row.version,
      created_at: row.created_at,
      created_by: row.created_by,
    });
  }

  /** The profile in use and what derives from it. No I/O. */
  current(): CityContext {
    return this.#current;
  }

  /** Version, time and author of the profile in use. No I/O. */
  stored(): ProfileVersion {
    return this.#stored;
  }

  /**
   * Checks `input` with its files and, if it differs from the profile in use, stores it as the
   * next version and puts it in use. Files it names that are not in `files` are taken from the
   * uploads (PUT /api/profile/files/{name}), then from the profile in use. Throws one
   * CitygridError (CG_ERR_PROFILE) listing every problem; nothing is stored then.
   * @param by who replaced it (an API key id, or `cli`)
   * @returns whether a new version was stored
   * @example await profiles.replace(JSON.parse(text), { 'main-roads.geojson': roads }, 'cli')
   */
  async replace(
    input: unknown,
    files: Readonly<Record<string, unknown>> = {},
    by: string | null = null,
  ): Promise<{ changed: boolean; version: number }> {
    return this.#db.write(async (conn) => {
      const candidate = await this.#candidate(conn, input, files);
      if (this.#isCurrent(candidate)) return { changed: false, version: this.#stored.version };
      const version = await transaction(conn, () => insertProfile(conn, candidate.profile, candidate.files, by));
      this.#current = { ...candidate, version };
      this.#stored = { version, created_at: new Date().toISOString(), created_by: by };
      return { changed: true, version };
    });
  }

  /**
   * Checks a profile as {@link replace} would, without storing it: its context with exactly the
   * files it names, and whether it equals the profile in use. Throws the same CitygridError.
   * @example const { city, current } = await profiles.check(profile, files);
   */
  check(input: unknown, files: Readonly<Record<string, unknown>> = {}): Promise<{ city: CityContext; current: boolean }> {
    return this.#db.read(async (conn) => {
      const city = await this.#candidate(conn, input, files);
      return { city, current: this.#isCurrent(city) };
    });
  }

  /** The context of `input` with the files it names: given, else uploaded, else the profile in use's. */
  async #candidate(conn: Connection, input: unknown, files: Readonly<Record<string, unknown>>): Promise<CityContext> {
    const available = { ...this.#current.files, ...(await readUploads(conn)), ...files };
    const checked = cityContext(0, input, available);
    const used = Object.fromEntries(namedFiles(checked.profile).map(([, name]) => [name, available[name]]));
    return { ...checked, files: used };
  }

  #isCurrent(candidate: CityContext): boolean {
    return (
      this.#stored.version > 0 &&
      sameJson({ p: candidate.profile, f: candidate.files }, { p: this.#current.profile, f: this.#current.files })
    );
  }

  /**
   * Stores a file (GeoJSON) under `name` for the next profile that names it.
   * @returns the SHA-256 of its canonical JSON
   * @example await profiles.upload('main-roads.geojson', roads)
   */
  upload(name: string, content: unknown): Promise<string> {
    return this.#db.write((conn) => transaction(conn, () => insertUpload(conn, name, content)));
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

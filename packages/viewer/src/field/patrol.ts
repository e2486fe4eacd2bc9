import type { PatrolBody } from '@citygrid/server';
import type { ActivePatrol, FieldDb } from './field-db.ts';
import type { Outbox } from './outbox.ts';
import { currentFix, positionCrs, type Fix } from './position.ts';

const ACTIVE = 'active';

/**
 * Patrols (巡查): while one is on, the position is sampled every `everyMs` and kept in
 * IndexedDB with each sample, so a reload, a dead battery or a closed app loses nothing. Stopping
 * moves the patrol into the outbox, which sends it as a track; the server turns its samples
 * into grid check-ins (出勤率).
 */
export class PatrolRecorder {
  readonly #db: FieldDb;
  readonly #outbox: Outbox;
  readonly #everyMs: () => number;
  readonly #onChange: (active: ActivePatrol | null) => void;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** @param everyMs the profile's `patrol.sample_every_s` in ms, read at each start */
  constructor(db: FieldDb, outbox: Outbox, everyMs: () => number, onChange: (active: ActivePatrol | null) => void) {
    this.#db = db;
    this.#outbox = outbox;
    this.#everyMs = everyMs;
    this.#onChange = onChange;
  }

  /** The patrol on now (also one left on before a reload, which goes on sampling), or null. */
  async resume(): Promise<ActivePatrol | null> {
    const active = (await this.#db.get('patrol', ACTIVE)) ?? null;
    if (active) this.#startTimer();
    this.#onChange(active);
    return active;
  }

  /** Starts a patrol with a new client id and takes its first sample at once. */
  async start(): Promise<void> {
    if (await this.#db.get('patrol', ACTIVE)) return;
    const active: ActivePatrol = { id: crypto.randomUUID(), startedAt: Date.now(), crs: positionCrs(navigator.userAgent), track: [] };
    await this.#db.put('patrol', active, ACTIVE);
    this.#startTimer();
    await this.sample();
  }

  /** Takes one sample now (a failed position is skipped: the next one will come). */
  async sample(fix?: Fix): Promise<void> {
    const got = fix ?? (await currentFix(0).catch(() => null));
    const stored = await this.#db.get('patrol', ACTIVE);
    if (!got || !stored) return;
    stored.track.push([got.lon, got.lat, got.at, got.accuracy]);
    await this.#db.put('patrol', stored, ACTIVE);
    this.#onChange(stored);
  }

  /** Ends the patrol with a last sample and queues it for the server. */
  async stop(): Promise<void> {
    await this.sample();
    const stored = await this.#db.get('patrol', ACTIVE);
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (!stored) return;
    const active = stored;
    const patrol: PatrolBody = {
      id: active.id,
      started_at: new Date(active.startedAt).toISOString(),
      ended_at: new Date().toISOString(),
      crs: active.crs,
      track: active.track,
    };
    // Queued before the active patrol is dropped: a crash between the two leaves a duplicate
    // that the server's idempotent id absorbs, never a lost patrol.
    await this.#outbox.add({ kind: 'patrol', patrol });
    await this.#db.delete('patrol', ACTIVE);
    this.#onChange(null);
  }

  #startTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.sample(), this.#everyMs());
  }
}

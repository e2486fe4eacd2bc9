import { checkLonLat, toWgs84 } from '@citygrid/core';
import { problem, type Problem } from '../errors/catalogue.ts';
import { parseIsoTime } from '../reports/parse-iso-time.ts';
import { MAX_TRACK_POINTS } from './patrol-schemas.ts';

/** A track point in WGS84: lon, lat, UTC ms, accuracy in metres or null. */
export type TrackPoint = [number, number, number, number | null];

/** A patrol as checked: times in UTC ms, the track in WGS84. */
export interface CheckedPatrol {
  id: string;
  startedAt: number;
  endedAt: number | null;
  track: TrackPoint[];
}

// A phone's clock may run ahead of the server's by a few minutes (no NTP in a basement):
// further ahead than this is a wrong clock, not skew.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks a patrol as a device sent it (not trusted: types too) and converts its track to
 * WGS84. Every problem names the item (`track/3`, `started_at`) and the fix.
 * @returns the patrol, or the problems (CG_ERR_PATROL_INVALID)
 * @example checkPatrol({ id: 'p1', started_at: '2026-12-07T08:00:00Z', track: [[109, 32.7, 1765094400000, 8]] }, Date.now())
 */
export function checkPatrol(input: unknown, now: number): { ok: true; patrol: CheckedPatrol } | { ok: false; problems: Problem[] } {
  const body = (input ?? {}) as Record<string, unknown>;
  const id = typeof body.id === 'string' && body.id.trim() ? body.id : null;
  const problems: Problem[] = [];
  const bad = (field: string, why: string) =>
    problems.push({ ...problem('CG_ERR_PATROL_INVALID', {}, JSON.stringify(id ?? ''), field, why), id: id ?? undefined });
  if (id === null) bad('id', 'must be a non-empty string (the client id made on the device)');
  const startedAt = typeof body.started_at === 'string' ? parseIsoTime(body.started_at) : null;
  if (startedAt === null) bad('started_at', 'must be an ISO 8601 date-time, e.g. 2026-12-07T08:30:00+08:00');
  else if (startedAt > now + CLOCK_SKEW_MS) bad('started_at', `is in the future (${body.started_at}): check the phone's clock`);
  let endedAt: number | null = null;
  if (body.ended_at !== undefined && body.ended_at !== null) {
    endedAt = typeof body.ended_at === 'string' ? parseIsoTime(body.ended_at) : null;
    if (endedAt === null) bad('ended_at', 'must be an ISO 8601 date-time or null');
    else if (startedAt !== null && endedAt < startedAt) bad('ended_at', `is before started_at (${body.ended_at} < ${body.started_at})`);
    else if (endedAt > now + CLOCK_SKEW_MS) bad('ended_at', `is in the future (${body.ended_at}): check the phone's clock`);
  }
  const crs = body.crs ?? 'wgs84';
  if (crs !== 'wgs84' && crs !== 'gcj02') bad('crs', `must be wgs84 or gcj02, got ${JSON.stringify(crs)}`);
  const raw = Array.isArray(body.track) ? body.track : null;
  if (raw === null) bad('track', 'must be an array of [lon, lat, t_ms, accuracy_m]');
  else if (raw.length > MAX_TRACK_POINTS) bad('track', `has ${raw.length} points, over ${MAX_TRACK_POINTS}: send the patrol in parts`);
  const track: TrackPoint[] = [];
  const upto = (endedAt ?? now) + CLOCK_SKEW_MS;
  let previous = -Infinity;
  for (const [i, point] of (raw ?? []).entries()) {
    const field = `track/${i}`;
    if (!Array.isArray(point) || point.length < 3 || point.length > 4) {
      bad(field, 'must be [lon, lat, t_ms, accuracy_m]');
      continue;
    }
    const [lon, lat, t, accuracy = null] = point as unknown[];
    const where = checkLonLat(lon, lat);
    if (where) {
      bad(
        field,
        where.code === 'CG_ERR_COORD_SWAPPED'
          ? `looks like [lat, lon]: ${where.args[0]}; send [lon, lat]`
          : `has no usable position: ${where.args[0]}`,
      );
      continue;
    }
    if (typeof t !== 'number' || !Number.isInteger(t)) {
      bad(field, `has time ${JSON.stringify(t)}: must be UTC milliseconds`);
      continue;
    }
    if (accuracy !== null && (typeof accuracy !== 'number' || !(accuracy >= 0)))
      bad(field, `has accuracy ${JSON.stringify(accuracy)}: metres ≥ 0 or null`);
    if (t < previous) bad(field, `is earlier than track/${i - 1}: samples must be in time order`);
    else if (startedAt !== null && t < startedAt - CLOCK_SKEW_MS) bad(field, `is before started_at (${new Date(t).toISOString()})`);
    else if (t > upto) bad(field, `is ${endedAt === null ? 'in the future' : 'after ended_at'} (${new Date(t).toISOString()})`);
    previous = Math.max(previous, t);
    const [x, y] = crs === 'gcj02' ? toWgs84(lon as number, lat as number, 'gcj02') : [lon as number, lat as number];
    track.push([x, y, t, (accuracy as number | null) ?? null]);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, patrol: { id: id as string, startedAt: startedAt as number, endedAt, track } };
}

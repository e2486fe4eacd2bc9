import { isoDate, localDay, localInstant, type Grid } from '@citygrid/core';
import { mulberry32, type Rng } from './prng.ts';

/** A demo grid worker (专职网格员) and the grids they serve. */
export interface SyntheticPerson {
  id: string;
  name: string;
  role: 'full-time';
  grids: string[];
}

/** A synthetic patrol check-in (the field app's `patrol_checkins` row), time UTC ms. */
export interface SyntheticCheckin {
  patrol_id: string;
  person_id: string;
  grid_id: string;
  checked_in_at: number;
  lon: number;
  lat: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['丽', '强', '敏', '军', '静', '伟', '芳', '磊', '娟', '涛', '燕', '斌'];

/**
 * One full-time grid worker per grid and a year of patrols: each worker has a diligence drawn
 * once (most patrol 1–4 days a week, a few rarely), patrols on working weekdays with that
 * chance and rarely at weekends, and checks in once a patrol day inside their grid between
 * 08:30 and 17:30 local time. Seed 001 asks ≥ 2 days a week, so attendance (出勤率) spreads
 * from well under to well over the requirement, as it does in a real district.
 *
 * @example generatePatrols(gridSet.grids, { from, until, seed: 1 }).checkins.length // ≈ 10,000 for 91 grids over a year
 */
export function generatePatrols(
  grids: readonly Grid[],
  options: { from: number; until: number; tz?: string; seed?: number },
): { people: SyntheticPerson[]; checkins: SyntheticCheckin[] } {
  const tz = options.tz ?? '+08:00';
  const rng = mulberry32(options.seed ?? 1);
  const people: SyntheticPerson[] = [];
  const checkins: SyntheticCheckin[] = [];
  const [first, last] = [localDay(options.from, tz), localDay(options.until, tz)];
  grids.forEach((grid, g) => {
    const person = `W${String(g + 1).padStart(4, '0')}`;
    people.push({ id: person, name: nameOf(rng), role: 'full-time', grids: [grid.id] });
    const diligence = drawDiligence(rng);
    for (let day = first; day <= last; day++) {
      const weekend = ((day % 7) + 7 + 3) % 7 >= 5; // day 0 (1970-01-01) was a Thursday
      if (rng() >= (weekend ? diligence / 6 : diligence)) continue;
      const minute = 510 + Math.floor(rng() * 540);
      const [w, s, e, n] = grid.bbox;
      checkins.push({
        patrol_id: `${person}-${isoDate(day)}`,
        person_id: person,
        grid_id: grid.id,
        checked_in_at: localInstant(day, minute, tz),
        lon: w + (e - w) * (0.4 + 0.2 * rng()),
        lat: s + (n - s) * (0.4 + 0.2 * rng()),
      });
    }
  });
  return { people, checkins: checkins.filter((c) => c.checked_in_at <= options.until) };
}

// Share of working days patrolled: 2 days a week is 0.4. Most are near or above it, a tail below.
function drawDiligence(rng: Rng): number {
  const u = rng();
  return u < 0.15 ? 0.05 + 0.2 * rng() : u < 0.45 ? 0.3 + 0.15 * rng() : 0.45 + 0.45 * rng();
}

function nameOf(rng: Rng): string {
  return SURNAMES[Math.floor(rng() * SURNAMES.length)] + GIVEN[Math.floor(rng() * GIVEN.length)];
}

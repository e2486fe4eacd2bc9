import type { Feature, FeatureCollection, LineString, MultiLineString } from 'geojson';
import { CitygridError, type Problem } from '../errors.ts';
import { CorridorIndex, type CorridorFeature } from '../dispatch/corridor-index.ts';
import type { CityProfile, DispatchRule, Level } from './profile-schema.ts';
import type { AttributeValues } from './check-attributes.ts';

/** What dispatch needs of a report. */
export interface DispatchInput {
  /** The report's category code, and the standard code it counts as (if any). */
  category: string;
  standard?: string | null;
  attributes?: AttributeValues;
  /** WGS84 degrees; without them no corridor applies. */
  lon?: number;
  lat?: number;
  /** Ids of the grid the report lies in and its ancestors (for rules with `within`). */
  within?: readonly string[];
}

/** Who owns a report: the department, its level and the profile entry that decided it. */
export interface ProfileDispatch {
  department: string | null;
  owner_level: Level;
  /** JSON pointer of the deciding entry (`/corridors/0`, `/dispatch/3`), or `default`. */
  dispatch_rule: string;
}

/** Dispatches reports by a profile's corridors and rules. */
export interface ProfileDispatcher {
  dispatch(report: DispatchInput): ProfileDispatch;
}

/**
 * Builds a dispatcher from a checked profile and its corridor files (one FeatureCollection of
 * lines per `profile.corridors` entry, in order, WGS84). The first that applies decides:
 * 1. a corridor (seed 002: the main roads belong to the city team): the report lies within
 *    `half_width_m` of its lines and the corridor owns its category; the nearest line wins;
 * 2. the most specific dispatch rule whose category (code or prefix, of the report's own code
 *    or its standard code), `within` and `when` all hold: a rule with `when` beats one without
 *    (seed 004: illegal buildings over 500 m² go up a level), then one with `within` (a
 *    district's own table), then the longer category match; equal rules go by file order;
 * 3. `default_department` (else the first department), at its level.
 * The level is the rule's `level`, else its department's.
 *
 * @throws CitygridError (CG_ERR_PROFILE) when a corridor file is not line features
 * @example profileDispatcher(DEFAULT_PROFILE).dispatch({ category: '09009' }) // { department: 'gajj', owner_level: 'district', dispatch_rule: '/dispatch/9' }
 */
export function profileDispatcher(profile: CityProfile, corridorFiles: readonly unknown[] = []): ProfileDispatcher {
  const levels = new Map((profile.departments ?? []).map((d) => [d.code, d.level]));
  const levelOf = (department: string | null, level?: Level): Level =>
    level ?? (department === null ? 'grid' : (levels.get(department) ?? 'district'));
  const corridors = corridorIndex(profile, corridorFiles);
  const rules = (profile.dispatch ?? []).map((rule, i) => ({ rule, path: `/dispatch/${i}` }));
  const fallback = profile.default_department ?? profile.departments?.[0]?.code ?? null;
  return {
    dispatch(report) {
      const codes = report.standard && report.standard !== report.category ? [report.category, report.standard] : [report.category];
      if (corridors && report.lon !== undefined && report.lat !== undefined) {
        let hit = null;
        for (const code of codes) hit ??= corridors.nearest(report.lon, report.lat, code);
        if (hit) {
          const c = profile.corridors![Number(hit.corridor.owner)];
          return {
            department: c.department,
            owner_level: levelOf(c.department, c.level),
            dispatch_rule: `/corridors/${hit.corridor.owner}`,
          };
        }
      }
      let best: { rule: DispatchRule; path: string; score: number } | null = null;
      for (const { rule, path } of rules) {
        const score = specificity(rule, codes, report);
        if (score >= 0 && (best === null || score > best.score)) best = { rule, path, score };
      }
      if (best)
        return { department: best.rule.department, owner_level: levelOf(best.rule.department, best.rule.level), dispatch_rule: best.path };
      return { department: fallback, owner_level: levelOf(fallback), dispatch_rule: 'default' };
    },
  };
}

/** How specific a rule is for this report, or -1 when it does not apply. */
function specificity(rule: DispatchRule, codes: readonly string[], report: DispatchInput): number {
  let length = 0;
  if (rule.category !== undefined) {
    const match = codes.find((c) => c.startsWith(rule.category!));
    if (match === undefined) return -1;
    // An exact code beats any prefix of it.
    length = match === rule.category ? 100 : rule.category.length;
  }
  if (rule.within !== undefined && !(report.within ?? []).includes(rule.within)) return -1;
  if (rule.when !== undefined && !conditionsHold(rule.when, report.attributes ?? {})) return -1;
  return (rule.when ? 10_000 : 0) + (rule.within ? 1_000 : 0) + length;
}

function conditionsHold(when: NonNullable<DispatchRule['when']>, values: AttributeValues): boolean {
  for (const [key, cmp] of Object.entries(when)) {
    const v = values[key];
    if (v === undefined) return false;
    if (cmp['>'] !== undefined && !(typeof v === 'number' && v > cmp['>'])) return false;
    if (cmp['>='] !== undefined && !(typeof v === 'number' && v >= cmp['>='])) return false;
    if (cmp['<'] !== undefined && !(typeof v === 'number' && v < cmp['<'])) return false;
    if (cmp['<='] !== undefined && !(typeof v === 'number' && v <= cmp['<='])) return false;
    if (cmp['=='] !== undefined && v !== cmp['==']) return false;
    if (cmp['!='] !== undefined && v === cmp['!=']) return false;
  }
  return true;
}

/** One index over every corridor file's lines; a line's owner is its corridor entry's index. */
function corridorIndex(profile: CityProfile, files: readonly unknown[]): CorridorIndex | null {
  const entries = profile.corridors ?? [];
  if (entries.length === 0) return null;
  const features: CorridorFeature[] = [];
  const problems: Problem[] = [];
  entries.forEach((entry, i) => {
    const fc = files[i] as FeatureCollection<LineString | MultiLineString> | undefined;
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
      problems.push({
        code: 'CG_ERR_PROFILE',
        message: `/corridors/${i}/file ${JSON.stringify(entry.file)} is not a GeoJSON FeatureCollection`,
        fix: 'give a file of LineString or MultiLineString features (WGS84 lon/lat)',
        path: `/corridors/${i}/file`,
      });
      return;
    }
    fc.features.forEach((f: Feature<LineString | MultiLineString>, j) => {
      features.push({
        ...f,
        properties: {
          id: `${i}/${j}`,
          name: entry.name ?? entry.file,
          width_m: entry.half_width_m * 2,
          owner: String(i),
          ...(entry.categories ? { categories: entry.categories } : {}),
        },
      });
    });
  });
  const built = CorridorIndex.build(features);
  for (const p of built.problems) {
    const owner = Number(features[p.index ?? 0].properties.owner);
    problems.push({ ...p, message: `/corridors/${owner} (${entries[owner].file}): ${p.message}`, path: `/corridors/${owner}/file` });
  }
  if (problems.length) throw new CitygridError(problems);
  return built.index;
}

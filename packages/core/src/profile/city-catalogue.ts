import { MAJORS, MATTERS } from '../catalogue/gbt-47678-5.ts';
import { standardMatter } from '../catalogue/standard-catalogue.ts';
import { CASE_TYPES } from '../codes/case-type.ts';
import type { CategoryAttribute, CityProfile, ProfileSource } from './profile-schema.ts';
import { STANDARD_SOURCES } from './standard-sources.ts';

/** A category a report may carry under this profile, with where it comes from. */
export interface CityCategory {
  code: string;
  name: string;
  en: string | null;
  /** The GB/T 47678.5 matter code it counts as, or null for a city code mapped to none. */
  standard: string | null;
  /** Heading it is listed under: the profile's group, else its standard 大类's name. */
  group: string | null;
  attributes: readonly CategoryAttribute[];
  /** `standard`: from the shipped catalogue as is; `city`: defined or extended by the profile. */
  origin: 'standard' | 'city';
}

/** A source a report may carry under this profile. */
export interface CitySource {
  code: string;
  name: string;
  en: string | null;
  discovery: 'patrol' | 'public' | 'device';
}

/** The categories and sources of a profile, with lookups by code. */
export interface CityCatalogue {
  readonly categories: readonly CityCategory[];
  readonly sources: readonly CitySource[];
  category(code: string): CityCategory | undefined;
  source(code: string): CitySource | undefined;
}

const MATTER_GROUP = new Map(MAJORS.filter((m) => m.kind === 'matter').map((m) => [m.code, m.name]));
// The English names citygrid has carried since its first catalogue; the standard has none.
const EN = new Map(CASE_TYPES.map((t) => [t.code, t.en]));

/**
 * The categories and sources a profile accepts: the 250 GB/T 47678.5 matters (unless
 * `include_standard_catalogue` is false), then the profile's own categories — a profile entry
 * with a standard code renames it or gives it attributes; any other code is the city's own,
 * optionally mapped to a standard code (`standard`) so national statistics still add up.
 * Sources: the shipped list, then the profile's (same code = renamed). Assumes a checked
 * profile (checkProfile): duplicate codes are refused there.
 *
 * @example cityCatalogue(DEFAULT_PROFILE).category('06010')?.name // '暴露垃圾'
 * @example cityCatalogue({ name: 'LA', timezone: 'America/Los_Angeles', categories: [{ code: 'Bulky Items', name: 'Bulky Items', standard: '06036' }] }).category('Bulky Items')?.standard // '06036'
 */
export function cityCatalogue(profile: CityProfile): CityCatalogue {
  const categories = new Map<string, CityCategory>();
  if (profile.include_standard_catalogue !== false) {
    for (const m of MATTERS) {
      categories.set(m.code, {
        code: m.code,
        name: m.name,
        en: EN.get(m.code) ?? null,
        standard: m.code,
        group: MATTER_GROUP.get(m.major) ?? null,
        attributes: [],
        origin: 'standard',
      });
    }
  }
  for (const c of profile.categories ?? []) {
    const standard = c.standard ?? (standardMatter(c.code) ? c.code : null);
    const group = c.group ?? (standard === null ? null : (MATTER_GROUP.get(standard.slice(0, 2)) ?? null));
    categories.set(c.code, {
      code: c.code,
      name: c.name,
      en: c.en ?? EN.get(c.code) ?? null,
      standard,
      group,
      attributes: c.attributes ?? [],
      origin: 'city',
    });
  }
  const sources = new Map<string, CitySource>();
  for (const s of [...STANDARD_SOURCES, ...(profile.sources ?? [])]) sources.set(s.code, citySource(s));
  return {
    categories: [...categories.values()],
    sources: [...sources.values()],
    category: (code) => categories.get(code),
    source: (code) => sources.get(code),
  };
}

function citySource(s: ProfileSource): CitySource {
  return { code: s.code, name: s.name, en: s.en ?? null, discovery: s.discovery ?? 'public' };
}

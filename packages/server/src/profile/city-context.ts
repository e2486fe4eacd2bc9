import {
  checkProfile,
  cityCatalogue,
  CitygridError,
  profileDispatcher,
  type CityCatalogue,
  type CityProfile,
  type ProfileDispatcher,
  type Problem,
} from '@citygrid/core';

/** The profile in use with what the server derives from it once: the catalogue and the dispatcher. */
export interface CityContext {
  /** Version in the profiles table; 0 for the shipped default before anything was stored. */
  version: number;
  profile: CityProfile;
  /** The files the profile names (corridors, boundaries), parsed, by name. */
  files: Readonly<Record<string, unknown>>;
  catalogue: CityCatalogue;
  dispatcher: ProfileDispatcher;
}

/**
 * Checks a profile and the files it names, and derives its catalogue and dispatcher. Every
 * problem (the profile's, a missing file, a corridor file that is not lines) is listed in one
 * CitygridError (CG_ERR_PROFILE, 400 / exit 2): a profile that is not valid never half-loads.
 *
 * @param files the contents of the files the profile names, by the name it uses
 * @example cityContext(0, DEFAULT_PROFILE, {}).catalogue.category('06010')?.name // '暴露垃圾'
 */
export function cityContext(version: number, input: unknown, files: Readonly<Record<string, unknown>>): CityContext {
  const checked = checkProfile(input);
  if (!checked.ok) throw new CitygridError(checked.problems);
  const profile = checked.profile;
  const missing: Problem[] = [];
  for (const [path, name] of namedFiles(profile)) {
    if (!Object.hasOwn(files, name)) {
      missing.push({
        code: 'CG_ERR_PROFILE',
        message: `${path} ${JSON.stringify(name)} was not given`,
        fix: 'put the file beside the profile (citygrid serve --profile), or upload it first with PUT /api/profile/files/{name}',
        path,
      });
    }
  }
  if (missing.length) throw new CitygridError(missing);
  const dispatcher = profileDispatcher(
    profile,
    (profile.corridors ?? []).map((c) => files[c.file]),
  );
  return { version, profile, files, catalogue: cityCatalogue(profile), dispatcher };
}

/**
 * The files a profile names, each with the JSON pointer of where it is named.
 * @example namedFiles({ name: 'x', timezone: '+08:00', corridors: [{ file: 'roads.geojson', half_width_m: 30, department: 'cgj' }] }) // [['/corridors/0/file', 'roads.geojson']]
 */
export function namedFiles(profile: CityProfile): Array<[string, string]> {
  return [
    ...(profile.corridors ?? []).map((c, i): [string, string] => [`/corridors/${i}/file`, c.file]),
    ...(profile.boundaries ?? []).map((b, i): [string, string] => [`/boundaries/${i}/file`, b.file]),
  ];
}

import type { AreaService } from '../areas/area-service.ts';
import type { ProfileService } from './profile-service.ts';

/**
 * Puts a city profile in use: checked whole first (every problem at once, nothing changed),
 * then the boundary levels it names are loaded (each level all or nothing), then it is stored
 * as the next version. An identical profile changes nothing.
 * @param files the contents of the files it names, by name (else uploaded or already in use)
 * @example await putProfile(store.profiles, store.areas, profile, { 'streets.geojson': streets }, 'cli')
 */
export async function putProfile(
  profiles: ProfileService,
  areas: AreaService,
  input: unknown,
  files: Readonly<Record<string, unknown>>,
  by: string | null,
): Promise<{ changed: boolean; version: number }> {
  const { city, current } = await profiles.check(input, files);
  if (current) return { changed: false, version: profiles.stored().version };
  for (const b of city.profile.boundaries ?? []) {
    await areas.replaceLevel(b.level, city.files[b.file], { idField: b.id_field, nameField: b.name_field, parentField: b.parent_field });
  }
  return profiles.replace(city.profile, city.files, by);
}

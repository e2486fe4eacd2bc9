import { CitygridError, problem, type PathEntry } from '@citygrid/core';
import { readText } from '../commands/read-grids.ts';

/**
 * Units above the grids (towns, district) from a GeoJSON file whose features carry `id`,
 * `name`, `level` and `parent` properties, such as data/demo/towns.geojson. Geometry is ignored.
 */
export async function readHierarchy(file: string): Promise<Array<PathEntry & { parent: string | null }>> {
  let fc: { features?: Array<{ id?: unknown; properties?: Record<string, unknown> | null }> };
  try {
    fc = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof CitygridError) throw e;
    throw CitygridError.of('CG_ERR_NOT_JSON', {}, `${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(fc?.features)) throw new CitygridError([problem('CG_ERR_NOT_FEATURE_COLLECTION', {}, `something else in ${file}`)]);
  return fc.features.map((f, index) => {
    const p = f.properties ?? {};
    const id = p.id ?? p.code ?? f.id;
    if (id === undefined || id === null || id === '') throw new CitygridError([problem('CG_ERR_ID_MISSING', { index }, 'id')]);
    return {
      id: String(id),
      name: String(p.name ?? id),
      level: Number(p.level ?? 0),
      parent: p.parent === undefined || p.parent === null ? null : String(p.parent),
    };
  });
}

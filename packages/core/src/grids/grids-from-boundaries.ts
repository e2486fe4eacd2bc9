import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { assignCodes } from '../codes/assign-codes.ts';
import { checkCodes } from '../codes/check-codes.ts';
import { CitygridError, problem, type Problem } from '../errors.ts';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { areaPolygons } from '../geom/check-area.ts';

/** Options of {@link gridsFromBoundaries}. */
export interface GridsFromBoundariesOptions {
  /** [options.idField='id'] Property holding the area's own id (a fallback name). */
  idField?: string;
  /** [options.nameField='name'] Property holding the community or village name. */
  nameField?: string;
  /** [options.parentField='parent'] Property holding the street/town it belongs to. */
  parentField?: string;
  /** [options.codeField='code'] Property holding a 12-digit community code (or a 15-digit grid code). */
  codeField?: string;
  /**
   * [options.parentCode] 9-digit street/town code of every area, overriding `parentField`:
   * areas without a code are numbered inside it.
   */
  parentCode?: string;
  /** [options.first] First community number given out in a town (see {@link assignCodes}). */
  first?: number;
}

/** Properties of a {@link gridsFromBoundaries} grid (the source's other properties are kept). */
export interface BoundaryGridProperties {
  /** The grid code. */
  id: string;
  /** 15 digits: the community's 12 + `001` (one grid per community). */
  code: string;
  name: string;
  level: 3;
  /** The source's parent, or `options.parentCode`, or the code's first 9 digits. */
  parent: string;
  /** The community's 12-digit code. */
  community: string;
  /** m² on the WGS84 ellipsoid, rounded. */
  area_m2: number;
  [key: string]: unknown;
}

const DEFAULTS = { idField: 'id', nameField: 'name', parentField: 'parent', codeField: 'code' };

/**
 * One grid per community or village polygon (一村一格, 一区一格): each boundary becomes a
 * level-3 grid keeping its name, parent and other properties, with a 15-digit code
 * (STANDARDS.md §2): its own 12-digit community code + `001` when it has one (`code`
 * property, 统计用区划代码; a 15-digit code is kept as is), else a community number inside its
 * 9-digit street/town, given 从西向东、由北至南 ({@link assignCodes}: 社区 001… under a 街道,
 * 村 201… under a 镇/乡) and skipping numbers already used there.
 *
 * @param areas community/village polygons (FeatureCollection or Features), WGS84 `[lon, lat]`
 * @param options see {@link GridsFromBoundariesOptions}
 * @returns the grids sorted by code (town, then community number: reading order within a town)
 * @throws CitygridError listing every area that is not a polygon, or has neither a code nor a
 *   9-digit parent to number it in (CG_ERR_PARENT_CODE), or whose code is bad or taken twice
 * @example
 * const grids = gridsFromBoundaries(villages, { parentCode: '610902101' });
 * grids.features[0].properties; // { id: '610902101201001', code: '610902101201001', name: '…村', level: 3, parent: '610902101', community: '610902101201', area_m2: … }
 */
export function gridsFromBoundaries(
  areas: FeatureCollection | readonly Feature[],
  options: GridsFromBoundariesOptions = {},
): FeatureCollection<Polygon | MultiPolygon, BoundaryGridProperties> {
  const opts = { ...DEFAULTS, ...options };
  if (opts.parentCode !== undefined && !/^\d{9}$/.test(opts.parentCode))
    throw CitygridError.of(
      'CG_ERR_PARENT_CODE',
      {},
      JSON.stringify(opts.parentCode),
      `${String(opts.parentCode).length} characters, expected a 9-digit street/town code`,
    );
  const features = Array.isArray(areas) ? areas : (areas as FeatureCollection).features;
  if (!Array.isArray(features)) throw CitygridError.of('CG_ERR_NOT_FEATURE_COLLECTION', {}, (areas as { type?: unknown })?.type);
  const problems: Problem[] = [];
  const items = features.map((f, index) => readArea(f, index, opts, problems));
  if (problems.length) throw new CitygridError(problems);
  const codes = items.map((it) => it!.code);
  const byTown = new Map<string, number[]>();
  items.forEach((it, i) => {
    if (!codes[i]) byTown.set(it!.town!, [...(byTown.get(it!.town!) ?? []), i]);
  });
  for (const [town, members] of byTown) {
    const given = assignCodes(
      members.map((i) => items[i]!.geometry),
      town,
      { first: opts.first, used: codes.filter((c): c is string => !!c) },
    );
    members.forEach((i, k) => {
      codes[i] = given[k];
    });
  }
  const grids = items.map((it, i): Feature<Polygon | MultiPolygon, BoundaryGridProperties> => {
    const code = codes[i]!;
    const { properties, geometry, name, parent } = it!;
    return {
      type: 'Feature',
      properties: {
        ...properties,
        id: code,
        code,
        name: name ?? code,
        level: 3,
        parent: parent ?? code.slice(0, 9),
        community: code.slice(0, 12),
        area_m2: Math.round(ellipsoidalArea(geometry)),
      },
      geometry,
    };
  });
  const bad = checkCodes(grids.map((g, index) => ({ code: g.properties.code, id: items[index]!.id })));
  if (bad.length) throw new CitygridError(bad);
  return {
    type: 'FeatureCollection',
    features: grids.sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0)),
  };
}

interface Area {
  geometry: Polygon | MultiPolygon;
  properties: Record<string, unknown>;
  id?: string;
  name?: string;
  parent?: string;
  /** The grid code when the area brings its own. */
  code?: string;
  /** The 9-digit town to number it in otherwise. */
  town?: string;
}

/** One area's geometry, labels and code source, or undefined after adding its problems. */
function readArea(f: Feature, index: number, opts: typeof DEFAULTS & GridsFromBoundariesOptions, problems: Problem[]): Area | undefined {
  const properties = (f?.properties ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  const id = text(properties[opts.idField] ?? f?.id);
  try {
    areaPolygons(f?.geometry as Polygon);
  } catch (e) {
    if (!(e instanceof CitygridError)) throw e;
    problems.push(
      ...e.problems.map((p) => ({
        ...problem(p.code, { index, id }),
        message: `feature ${index}${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}: ${p.message}`,
      })),
    );
    return undefined;
  }
  const geometry = f.geometry as Polygon | MultiPolygon;
  const name = text(properties[opts.nameField]) ?? id;
  const parent = opts.parentCode ?? text(properties[opts.parentField]);
  const own = text(properties[opts.codeField]);
  if (own && /^\d{12}$/.test(own)) return { geometry, properties, id, name, parent, code: `${own}001` };
  if (own && /^\d{15}$/.test(own)) return { geometry, properties, id, name, parent, code: own };
  if (own) {
    problems.push(
      problem(
        'CG_ERR_GRID_CODE',
        { index, id },
        JSON.stringify(own),
        `${own.length} characters, expected a 12-digit community code or a 15-digit grid code`,
      ),
    );
    return undefined;
  }
  if (parent && /^\d{9}$/.test(parent)) return { geometry, properties, id, name, parent, town: parent };
  problems.push(
    problem(
      'CG_ERR_PARENT_CODE',
      { index, id },
      JSON.stringify(parent ?? null),
      `the area has no 12-digit "${opts.codeField}" and its "${opts.parentField}" is not a 9-digit street/town code to number it in`,
    ),
  );
  return undefined;
}

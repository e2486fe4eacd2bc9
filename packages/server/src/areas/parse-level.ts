import { ellipsoidalArea, parseGrids, unionPolygons, type BBox, type Grid, type GridGeometry } from '@citygrid/core';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import { levelName } from './boundary-levels.ts';
import { featuresOf } from './feature-collection.ts';
import { findContainers } from './find-containers.ts';

/** Which properties of a boundary file hold what (`citygrid boundaries import --id-field …`). */
export interface LevelFields {
  /** ['id'] Property holding the unit id; features sharing an id are one unit. `id` also reads the feature's own `id`. */
  idField?: string;
  /** ['name'] Property holding the unit's name; the id when absent. */
  nameField?: string;
  /** Property holding the parent unit's id; when not given, the parent is found by location. */
  parentField?: string;
}

// parseGrids checks each feature's geometry; it is told to read the feature's position from
// this property, so features that share a unit id are not refused as duplicates.
const INDEX = '\u0000feature';

/**
 * Reads one level's units from a FeatureCollection: features that share an id are one unit
 * (their polygons unioned: Los Angeles gives its service regions as their councils), named by
 * `nameField`, with the parent `parentField` gives or, without it, the lowest unit above that
 * contains the unit's interior point. Throws a CitygridError listing every problem (feature
 * index, id, fix): bad geometry, missing ids, ids another level uses, unknown parents.
 *
 * @param level the stored level number (2 street …)
 * @param others the units of the other levels, kept as they are
 * @example parseLevel(fc, 2, { idField: 'service_region', nameField: 'service_region' }, districts)
 */
export function parseLevel(fc: unknown, level: number, fields: LevelFields, others: readonly Grid[]): Grid[] {
  const { idField = 'id', nameField = 'name', parentField } = fields;
  const features = featuresOf(fc);
  const problems: Problem[] = [];
  const ids = features.map((f, index) => {
    const id = readText(f, idField, idField === 'id');
    if (id === undefined) problems.push(problem('CG_ERR_ID_MISSING', { index }, idField));
    return id;
  });
  const indexed = features.map((f, i) =>
    isObject(f) ? { ...f, properties: { ...(isObject(f.properties) ? f.properties : {}), [INDEX]: String(i) } } : f,
  );
  const parsed = parseGrids(
    { type: 'FeatureCollection', features: indexed },
    { idField: INDEX, nameField: INDEX, parentField: INDEX, levelField: INDEX, defaultLevel: level },
  );
  if (!parsed.ok) problems.push(...parsed.problems.filter((p) => p.code !== 'CG_ERR_ID_MISSING').map((p) => withUnitId(p, ids)));
  if (problems.length || !parsed.ok) throw serverError(sortByIndex(problems));

  const units = groupUnits(parsed.gridSet.grids, features, ids as string[], level, { nameField, parentField });
  problems.push(...checkIds(units, others), ...checkParents(units, others, parentField));
  if (problems.length) throw serverError(sortByIndex(problems));
  if (parentField) return units.map((u) => u.grid);
  const found = findContainers(
    units.map((u) => u.grid),
    others,
  );
  return units.map((u, k) => ({ ...u.grid, parent: found[k] }));
}

interface Unit {
  grid: Grid;
  /** Index of its first feature, for problems. */
  index: number;
}

/** One unit per id, in order of first appearance; several features' polygons are unioned. */
function groupUnits(
  grids: Grid[],
  features: unknown[],
  ids: string[],
  level: number,
  fields: { nameField: string; parentField?: string },
): Unit[] {
  const byId = new Map<string, number[]>();
  ids.forEach((id, i) => {
    byId.set(id, [...(byId.get(id) ?? []), i]);
  });

  return [...byId].map(([id, indexes]) => {
    const parts = indexes.map((i) => grids[i]);
    const name =
      firstText(
        indexes.map((i) => features[i]),
        fields.nameField,
      ) ?? id;
    const parent = fields.parentField
      ? (firstText(
          indexes.map((i) => features[i]),
          fields.parentField,
        ) ?? null)
      : null;
    const { [INDEX]: _, ...properties } = parts[0].properties;
    const geometry = parts.length === 1 ? parts[0].geometry : unionPolygons(parts.map((p) => p.geometry));
    return {
      index: indexes[0],
      grid: { id, name, level, parent, properties, geometry, bbox: bboxOf(geometry), area_m2: ellipsoidalArea(geometry) },
    };
  });
}

/** Unit ids are unique across levels: a grid's parent names one unit. */
function checkIds(units: Unit[], others: readonly Grid[]): Problem[] {
  const taken = new Map(others.map((o) => [o.id, o.level]));
  return units.flatMap(({ grid, index }) => {
    const level = taken.get(grid.id);
    return level === undefined
      ? []
      : [problem('CG_ERR_BOUNDARY_ID_TAKEN', { index, id: grid.id }, JSON.stringify(grid.id), levelName(level) ?? String(level))];
  });
}

/** A parent named by the file must be a loaded unit of a level above. */
function checkParents(units: Unit[], others: readonly Grid[], parentField: string | undefined): Problem[] {
  if (!parentField) return [];
  const above = new Set(others.filter((o) => o.level < units[0]?.grid.level).map((o) => o.id));
  return units.flatMap(({ grid, index }) =>
    grid.parent === null || above.has(grid.parent)
      ? []
      : [problem('CG_ERR_UNKNOWN_PARENT', { index, id: grid.id }, JSON.stringify(grid.parent))],
  );
}

function readText(feature: unknown, field: string, orFeatureId = false): string | undefined {
  if (!isObject(feature)) return undefined;
  const props = isObject(feature.properties) ? feature.properties : {};
  const value = props[field] ?? (orFeatureId ? feature.id : undefined);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function firstText(features: unknown[], field: string): string | undefined {
  for (const f of features) {
    const text = readText(f, field);
    if (text !== undefined) return text;
  }
  return undefined;
}

function bboxOf(geometry: GridGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
    for (const [x, y] of rings[0])
      [box[0], box[1], box[2], box[3]] = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  return box;
}

/** A geometry problem named by the unit id instead of the position parseGrids was told to read. */
function withUnitId(p: Problem, ids: (string | undefined)[]): Problem {
  if (p.index === undefined) return p;
  const id = ids[p.index];
  const text = p.message.replace(/^feature \d+ \(id "[^"]*"\): /, '');
  const out: Problem = { ...p, message: `feature ${p.index}${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}: ${text}` };
  if (id === undefined) delete out.id;
  else out.id = id;
  return out;
}

function sortByIndex(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

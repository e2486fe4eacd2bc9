import { writeFile } from 'node:fs/promises';
import { CitygridError, validateCoverage, type CoverageProblem, type CoverageResult, type GridSet } from '@citygrid/core';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { formatArea, metres, readLenient, readParent } from './coverage-input.ts';
import { phaseProgress } from './phase-progress.ts';
import { progressAfter } from './validate-progress.ts';

const LARGEST = 10; // problems listed in the summary; --json and --out carry them all

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check that grids tile their area: gaps, overlaps, invalid polygons, mismatched borders, in m².',
  usage: `usage: citygrid validate <grids.geojson> [options]

  --parent file       GeoJSON of the area the grids must cover exactly (a town, or the
                      towns of a district); also the parent units of the hierarchy check
  --parent-field f    grid property naming each grid's parent unit (its id in --parent) [parent]
  --id-field f        grid property holding each grid's id (also used for --parent)    [id]
  --sliver-width m    pieces narrower than m metres are flagged as slivers              [1]
  --snap-tolerance m  borders closer than m metres are one line (never below 0.02)      [0]
  --json              print exactly the result object { valid, problems, stats }
  --out file          write every problem as a GeoJSON FeatureCollection (its fields as
                      properties) to open in QGIS or the viewer

Kinds: invalid-geometry, duplicate-id, duplicate-geometry, overlap, gap, uncovered-parent,
outside-parent, edge-mismatch, hierarchy (docs/coverage.md). Areas are m² on the WGS84 ellipsoid.
Exit 0 valid, 1 problems found, 2 unreadable input or usage error.
examples:
  citygrid validate data/demo/grids.geojson --parent data/demo/towns.geojson
  citygrid validate towns.geojson --id-field name --json > report.json
  citygrid validate grids.geojson --parent town.geojson --sliver-width 2 --out problems.geojson`,
  options: {
    parent: { type: 'string' },
    'parent-field': { type: 'string' },
    'id-field': { type: 'string' },
    'sliver-width': { type: 'string' },
    'snap-tolerance': { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  },
  async run({ positionals, values }) {
    if (positionals.length !== 1) throw CitygridError.of('CG_ERR_USAGE', {}, `expected one grid GeoJSON file, got ${positionals.length}`);
    const sliverWidth = metres(values['sliver-width'], '--sliver-width', 1);
    const snapTolerance = metres(values['snap-tolerance'], '--snap-tolerance', 0);
    const idField = (values['id-field'] as string | undefined) ?? 'id';
    const parentField = (values['parent-field'] as string | undefined) ?? 'parent';
    const file = positionals[0];
    const gridSet = await readLenient(file, { idField, parentField });
    const parentFile = values.parent as string | undefined;
    const parent = parentFile === undefined ? undefined : await readParent(parentFile, idField);
    const onProgress = progressAfter(phaseProgress('citygrid validate'));
    const result = validateCoverage(gridSet, { parent: parent?.outline, parents: parent?.units, sliverWidth, snapTolerance, onProgress });
    for (const w of result.warnings ?? []) process.stderr.write(`citygrid validate: warning: ${w}\n`);
    if (values.out !== undefined)
      await writeFile(userPath(values.out as string), JSON.stringify(asFeatureCollection(result.problems)) + '\n');
    process.stdout.write(values.json ? JSON.stringify(result) + '\n' : summary(file, gridSet, result));
    return result.valid ? 0 : 1;
  },
};

/** Problems as a FeatureCollection: one Feature per problem, its fields as properties. */
export function asFeatureCollection(problems: CoverageProblem[]) {
  return {
    type: 'FeatureCollection',
    features: problems.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
  };
}

export function summary(file: string, gridSet: GridSet, r: CoverageResult): string {
  const s = r.stats;
  const head = `${file}: ${s.grids.toLocaleString('en')} grids, ${s.edges.toLocaleString('en')} edges (${s.matchedEdges.toLocaleString('en')} matched exactly), ${(s.totalArea_m2 / 1e6).toFixed(2)} km², checked in ${(s.ms.total / 1000).toFixed(2)} s\n`;
  if (r.valid) return head + 'valid: no gaps, no overlaps, no invalid polygons, every shared border matches\n';
  const counts = new Map<string, number>();
  for (const p of r.problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const lines = [
    head,
    `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}\n`,
  ];
  const name = (id: string) => gridSet.byId.get(id)?.name ?? id;
  const biggest = [...r.problems].sort((a, b) => (b.area_m2 ?? -1) - (a.area_m2 ?? -1)).slice(0, LARGEST);
  lines.push(`largest${r.problems.length > LARGEST ? ` ${LARGEST}` : ''}:\n`);
  for (const p of biggest) {
    const who =
      p.grids.length > 4
        ? `${p.grids.slice(0, 4).map(name).join(' / ')} +${p.grids.length - 4}`
        : p.grids.map(name).join(' / ') || '(no grid)';
    const size = p.area_m2 === undefined ? '' : ` ${formatArea(p.area_m2)} (width ${p.width_m} m${p.sliver ? ', sliver' : ''})`;
    const at = p.location ? ` at ${p.location[0].toFixed(6)},${p.location[1].toFixed(6)}` : '';
    lines.push(`  ${p.kind.padEnd(17)} ${who}${size}${at}${p.reason ? `: ${p.reason}` : ''}\n`);
  }
  return lines.join('');
}

import { rename, writeFile } from 'node:fs/promises';
import { CitygridError, REPAIR_STRATEGIES, repairCoverage, type GridSet, type RepairResult, type RepairStrategy } from '@citygrid/core';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { PROGRESS_FROM, formatArea, metres, readLenient, readParent } from './coverage-input.ts';
import { phaseProgress } from './phase-progress.ts';

const LISTED = 10; // changes and leftover problems listed in the summary; --json carries them all

export const repairCommand: Command = {
  name: 'repair',
  summary: 'Remove overlaps, fill narrow gaps and snap borders so grids tile their area; log every m² moved.',
  usage: `usage: citygrid repair <grids.geojson> --out fixed.geojson [options]

  --out file          where to write the repaired grids (GeoJSON; properties untouched)
  --strategy s        who keeps an overlap: ${REPAIR_STRATEGIES.join(' | ')}
                      (the grid bordering it longest; the larger; the smaller; the lower id)
                                                                            [longest-border]
  --gap-width m       gaps and inlets narrower than m metres join the neighbour with the
                      longest shared border; wider ones are left and reported           [1]
  --snap-tolerance m  vertices and borders within twice m metres (at least 2 cm) become
                      shared exactly                                                   [0]
  --parent file       GeoJSON of the area to cover: grids are clipped to it, narrow
                      inlets filled
  --id-field f        grid property holding each grid's id                            [id]
  --json              print { valid, actions, changes, problems, stats } instead of the summary

Overlaps are removed whatever their size; a grid lying wholly on another keeps its area (the
other gets the hole). Invalid polygons and duplicate ids are not repaired: they stay reported.
Exit 0 when the repaired grids validate clean, 1 when problems remain (the file is written
anyway, with what could be repaired), 2 unreadable input or usage error.
examples:
  citygrid repair grids.geojson --out fixed.geojson
  citygrid repair grids.geojson --parent town.geojson --gap-width 5 --strategy largest-area --out fixed.geojson
  citygrid repair grids.geojson --out fixed.geojson --json > repair-log.json`,
  options: {
    out: { type: 'string' },
    strategy: { type: 'string' },
    'gap-width': { type: 'string' },
    'snap-tolerance': { type: 'string' },
    parent: { type: 'string' },
    'id-field': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }) {
    if (positionals.length !== 1) throw CitygridError.of('CG_ERR_USAGE', {}, `expected one grid GeoJSON file, got ${positionals.length}`);
    const out = values.out as string | undefined;
    if (out === undefined) throw CitygridError.of('CG_ERR_USAGE', {}, '--out is required: where to write the repaired grids');
    const file = positionals[0];
    if (userPath(out) === userPath(file))
      throw CitygridError.of('CG_ERR_USAGE', {}, `--out ${out} is the input file: write the repair beside it and keep the original`);
    const strategy = (values.strategy as string | undefined) ?? 'longest-border';
    if (!REPAIR_STRATEGIES.includes(strategy as RepairStrategy))
      throw CitygridError.of('CG_ERR_USAGE', {}, `--strategy ${strategy}: expected one of ${REPAIR_STRATEGIES.join(', ')}`);
    const gapWidth = metres(values['gap-width'], '--gap-width', 1);
    const snapTolerance = metres(values['snap-tolerance'], '--snap-tolerance', 0);
    const idField = (values['id-field'] as string | undefined) ?? 'id';
    const gridSet = await readLenient(file, { idField });
    const parentFile = values.parent as string | undefined;
    const parent = parentFile === undefined ? undefined : await readParent(parentFile, idField);
    const onProgress = gridSet.grids.length > PROGRESS_FROM ? phaseProgress('citygrid repair') : undefined;
    const result = repairCoverage(gridSet, {
      strategy: strategy as RepairStrategy,
      gapWidth,
      snapTolerance,
      parent: parent?.outline,
      onProgress,
    });
    await writeAtomically(userPath(out), JSON.stringify(asFeatureCollection(result.gridSet)) + '\n');
    process.stdout.write(
      values.json
        ? JSON.stringify({
            valid: result.valid,
            actions: result.actions,
            changes: result.changes,
            problems: result.problems,
            stats: result.stats,
          }) + '\n'
        : summary(file, out, gridSet, result),
    );
    return result.valid ? 0 : 1;
  },
};

/** The grids as written: each source feature's properties untouched, its geometry repaired. */
function asFeatureCollection(gridSet: GridSet) {
  return {
    type: 'FeatureCollection',
    features: gridSet.grids.map((g) => ({
      type: 'Feature',
      // An id that was the feature's own `id` (not a property) must survive the round trip.
      ...(g.properties[gridSet.idField] === undefined ? { id: g.id } : {}),
      properties: g.properties,
      geometry: g.geometry,
    })),
  };
}

/** Written beside the target, then renamed: a crash never leaves half a GeoJSON file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function summary(file: string, out: string, before: GridSet, r: RepairResult): string {
  const name = (id: string) => before.byId.get(id)?.name || id;
  const lines = [
    `${file}: ${before.grids.length.toLocaleString('en')} grids, repaired in ${(r.stats.ms / 1000).toFixed(2)} s (${r.stats.rounds} round${r.stats.rounds === 1 ? '' : 's'}) → ${out}\n`,
  ];
  if (r.actions.length === 0 && r.changes.length === 0) lines.push('nothing to repair\n');
  const byKind = new Map<string, { n: number; m2: number }>();
  for (const a of r.actions) {
    const k = byKind.get(a.kind) ?? { n: 0, m2: 0 };
    byKind.set(a.kind, { n: k.n + 1, m2: k.m2 + a.area_m2 });
  }
  for (const [kind, { n, m2 }] of byKind) lines.push(`  ${kind.padEnd(17)} ${n} fixed, ${formatArea(m2)}\n`);
  if (r.changes.length) {
    lines.push(`grids changed: ${r.changes.length}${r.changes.length > LISTED ? ` (largest ${LISTED})` : ''}\n`);
    const largest = [...r.changes].sort((a, b) => Math.abs(b.after_m2 - b.before_m2) - Math.abs(a.after_m2 - a.before_m2)).slice(0, LISTED);
    for (const c of largest) {
      const net = c.after_m2 - c.before_m2;
      const moved = [c.gained_m2 ? `gained ${formatArea(c.gained_m2)}` : '', c.lost_m2 ? `lost ${formatArea(c.lost_m2)}` : '']
        .filter(Boolean)
        .join(', ');
      lines.push(
        `  ${name(c.id)} (${c.id}): ${moved ? `${moved}, ` : ''}net ${net >= 0 ? '+' : '−'}${formatArea(Math.abs(net))}${c.removed ? ', removed (an exact duplicate)' : ''}\n`,
      );
    }
  }
  if (r.valid) lines.push('the repaired grids validate clean\n');
  else {
    lines.push(`${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} left (citygrid validate ${out} lists them all):\n`);
    for (const p of r.problems.slice(0, LISTED)) {
      const size = p.area_m2 === undefined ? '' : ` ${formatArea(p.area_m2)} (width ${p.width_m} m)`;
      lines.push(`  ${p.kind.padEnd(17)} ${p.grids.map(name).join(' / ') || '(no grid)'}${size}${p.reason ? `: ${p.reason}` : ''}\n`);
    }
  }
  return lines.join('');
}

// `pnpm bench <name> [flags]`: runs <package>/bench/<name>.bench.ts of core, the server (DuckDB
// over 1M reports) or the viewer (browser benches) in a fresh node with --expose-gc (the
// benches measure retained memory after a full collection). With no name, or an unknown one,
// lists the benches and exits 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
// Searched in this order: a name in two folders runs the first one's.
const DIRS = ['packages/core/bench', 'packages/server/bench', 'packages/viewer/bench'].map((d) => resolve(ROOT, d));
const SUFFIX = '.bench.ts';

const benchesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(SUFFIX))
        .map((f) => f.slice(0, -SUFFIX.length))
    : [];
const where = new Map<string, string>();
for (const dir of DIRS) for (const n of benchesIn(dir)) if (!where.has(n)) where.set(n, dir);
const [name, ...rest] = process.argv.slice(2);
const dir = name === undefined ? undefined : where.get(name);
if (dir === undefined) {
  if (name !== undefined) console.error(`unknown bench "${name}"`);
  const list = [...where].sort(([a], [b]) => a.localeCompare(b)).map(([n, d]) => `  ${n.padEnd(12)} ${d.slice(ROOT.length + 1)}`);
  console.error(`usage: pnpm bench <name> [flags]\nbenches (<package>/bench/<name>${SUFFIX}):\n${list.join('\n')}`);
  process.exit(2);
}
const flags = rest[0] === '--' ? rest.slice(1) : rest;
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(dir, name + SUFFIX), ...flags], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (child.error) throw child.error;
process.exit(child.status ?? 1);

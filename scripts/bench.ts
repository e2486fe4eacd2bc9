// `pnpm bench <name> [flags]`: runs packages/core/bench/<name>.bench.ts (or, for the viewer's
// browser benches, packages/viewer/bench/<name>.bench.ts) in a fresh node with --expose-gc (the
// benches measure retained memory after a full collection). With no name, or an unknown one,
// lists the benches and exits 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(ROOT, 'packages/core/bench');
const VIEWER_DIR = resolve(ROOT, 'packages/viewer/bench');
const SUFFIX = '.bench.ts';

const benchesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)) : []);
const viewerNames = benchesIn(VIEWER_DIR);
const names = [...new Set([...benchesIn(DIR), ...viewerNames])].sort();
const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !names.includes(name)) {
  if (name !== undefined) console.error(`unknown bench "${name}"`);
  console.error(`usage: pnpm bench <name> [flags]\nbenches (packages/core/bench/<name>${SUFFIX}):\n${names.map((n) => `  ${n}`).join('\n')}`);
  process.exit(2);
}
const flags = rest[0] === '--' ? rest.slice(1) : rest;
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(viewerNames.includes(name) && !benchesIn(DIR).includes(name) ? VIEWER_DIR : DIR, name + SUFFIX), ...flags], { cwd: ROOT, stdio: 'inherit' });
if (child.error) throw child.error;
process.exit(child.status ?? 1);

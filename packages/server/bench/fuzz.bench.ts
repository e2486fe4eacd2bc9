// `pnpm bench fuzz [-- --runs 1000 --seed 42]`: the write-endpoint properties of
// test/fuzz/write-properties.ts at bench size: --runs requests per endpoint (1,000 by default,
// 10,000 and more over the ten endpoints), on an in-memory store. Exits 1 with fast-check's
// shrunk counterexample at the first answer that is a 5xx, shows internals, is not a catalogue
// error with a fix, or changes the store while refusing.
import { parseArgs } from 'node:util';
import { build } from '../src/index.ts';
import { fuzzTarget, fuzzWrites } from '../test/fuzz/write-properties.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 1000);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const app = await build({ auth: false, rateLimit: false });
try {
  const started = performance.now();
  const sent = await fuzzWrites(app, await fuzzTarget(app), runs, seed);
  const s = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${sent.toLocaleString('en')} requests to 10 write endpoints in ${s.toFixed(1)} s (seed ${seed}): no 5xx, no internals, every refusal a catalogue error with a fix, the store unchanged by it`,
  );
} catch (e) {
  console.error(`fuzz (seed ${seed}): ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await app.close();
}

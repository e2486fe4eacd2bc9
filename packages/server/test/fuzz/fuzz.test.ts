import { expect, test } from 'vitest';
import { build } from '../helper.ts';
import { fuzzTarget, fuzzWrites } from './write-properties.ts';

// A few hundred requests in the suite; `pnpm bench fuzz` sends 10,000 and more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

test('every write endpoint: no 5xx, no internals, a catalogue error with a fix for every refusal, the store unchanged by it', {
  timeout: 120_000,
}, async (t) => {
  const app = await build(t);
  const sent = await fuzzWrites(app, await fuzzTarget(app), RUNS);
  expect(sent).toBeGreaterThanOrEqual(RUNS * 10);
});

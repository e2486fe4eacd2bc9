import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { errorDocs } from '../gen-error-docs.ts';

it('docs/errors.md matches the error catalogue (regenerate with npx tsx scripts/gen-error-docs.ts)', () => {
  expect(readFileSync(resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8')).toBe(errorDocs());
});

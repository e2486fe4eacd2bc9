// The assessment answers of fixtures/, read as the client's types.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Assessment, AssessmentExplain } from '../../src/api/index.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fixture answer by file name. */
export function fixture<T = Assessment>(name: string): T {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;
}

export const GRID_NOV = fixture('assessment-grid-2026-11.json');
export const DEPT_Q4 = fixture('assessment-department-2026-Q4.json');
export const EXPLAIN = fixture<AssessmentExplain>('explain-grid-HB-1-2-2026-11.json');

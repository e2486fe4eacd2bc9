/** The coverage check panel: runs the check in the worker and lists the problems it finds. */
import type { Planner } from '../planner.ts';
import { $ } from '../planner.ts';
import type { CoverageClient } from '../coverage-client.ts';
import { geometryBox } from '../grid-features.ts';
import { setProblems } from '../map-layers.ts';
import type { PlanLabels } from '../map-layers.ts';
import { TEXT } from '../strings.ts';
import { renderProblems } from './problem-list.ts';

let checks = 0; // finished checks, for tests: body[data-checks]

/**
 * Checks the grids now for gaps and overlaps and shows the problems on the map and in the panel;
 * timings go to `body[data-check-ms]` for the tests.
 * @example await check(planner, checker, labels)
 */
export async function check(p: Planner, checker: CoverageClient, labels: PlanLabels): Promise<void> {
  const body = document.body;
  body.dataset.check = 'running';
  $('check-status').textContent = TEXT.checking;
  const t0 = performance.now();
  const result = await checker.check(p.session!.present).catch((e: Error) => {
    $('check-status').textContent = TEXT.checkFailed(e.message);
    return null;
  });
  if (!result) return;
  p.problems = result.problems;
  setProblems(p.map, p.problems);
  labels.update(p.session!.present, p.problems);
  renderProblems($<HTMLOListElement>('problems'), p.problems, p.session!.names(), (i) => p.fit(geometryBox(p.problems[i].geometry), 18));
  const el = $('check-status');
  el.textContent = TEXT.problems(p.problems.length);
  el.className = `check-status ${p.problems.length ? 'bad' : 'good'}`;
  body.dataset.problems = String(p.problems.length);
  body.dataset.checkMs = String(Math.round(result.ms));
  body.dataset.checkRoundTripMs = String(Math.round(performance.now() - t0));
  body.dataset.check = 'done';
  body.dataset.checks = String(++checks);
}

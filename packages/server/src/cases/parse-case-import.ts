import { Type } from 'typebox';
import { Value } from 'typebox/value';
import {
  CASE_ROLES,
  findMalformedInput,
  LEVELS,
  malformedProblem,
  replayCase,
  type CaseContext,
  type CaseEvent,
  type CaseOpening,
  type CaseRole,
  type CaseState,
  type Level,
} from '@citygrid/core';
import { problem, type Problem } from '../errors/catalogue.ts';
import { parseIsoTime } from '../reports/parse-iso-time.ts';

/** One line of POST /api/cases/import: a case's opening and its events, times as ISO 8601. */
export const ImportLineSchema = Type.Object(
  {
    opening: Type.Object({
      id: Type.String({ minLength: 1, maxLength: 128 }),
      at: Type.String(),
      category: Type.String({ minLength: 1, maxLength: 64 }),
      standard: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      urgency: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      department: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      owner_level: Type.Optional(Type.Enum([...LEVELS])),
      grid_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
      lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
      reports: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 1000 })),
    }),
    events: Type.Array(
      Type.Object({
        action: Type.String({ minLength: 1, maxLength: 64 }),
        at: Type.String(),
        actor: Type.Object({
          role: Type.Enum([...CASE_ROLES]),
          department: Type.Optional(Type.String()),
          grids: Type.Optional(Type.Array(Type.String())),
        }),
        expected_version: Type.Optional(Type.Integer({ minimum: 1 })),
        department: Type.Optional(Type.String()),
        level: Type.Optional(Type.Enum([...LEVELS])),
        hours: Type.Optional(Type.Number()),
        note: Type.Optional(Type.String({ maxLength: 4000 })),
        target: Type.Optional(Type.String()),
      }),
      { maxItems: 10000 },
    ),
  },
  { additionalProperties: false },
);

/** A case of an import, checked: its opening and events (UTC ms), the state they lead to, and its line. */
export interface ImportedCase {
  line: number;
  opening: CaseOpening;
  events: CaseEvent[];
  state: CaseState;
}

/**
 * Reads an NDJSON case history (one case a line; blank lines skipped) and checks every line:
 * JSON, the shape above, ISO times, ids unique in the file, and the history itself, replayed
 * through core's replayCase (every transition allowed by the workflow, each actor's role and
 * scope, times never going back). Returns the cases, or every problem found, each naming its
 * line (`line`, 1-based) as CG_ERR_CASE_IMPORT.
 * @example parseCaseImport('{"opening":{…},"events":[…]}\n', ctx) // { ok: true, cases: [ … ] }
 */
export function parseCaseImport(text: string, ctx: CaseContext): { ok: true; cases: ImportedCase[] } | { ok: false; problems: Problem[] } {
  const cases: ImportedCase[] = [];
  const problems: Problem[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].trim();
    if (raw === '') continue;
    const fail = (why: string, id?: string, fix?: string) => problems.push(lineProblem(line, why, id, fix));
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      fail(`not JSON: ${(e as Error).message}`);
      continue;
    }
    const malformed = findMalformedInput(value);
    if (malformed) {
      const p = malformedProblem(malformed, '');
      fail(p.message, undefined, p.fix);
      continue;
    }
    if (!Value.Check(ImportLineSchema, value)) {
      for (const e of [...Value.Errors(ImportLineSchema, value)].slice(0, 5)) fail(`${e.instancePath || '/'} ${e.message}`);
      continue;
    }
    const { opening: o, events: es } = value;
    const times = [o.at, ...es.map((e) => e.at)].map(parseIsoTime);
    const bad = times.findIndex((t) => t === null);
    if (bad >= 0) {
      fail(
        `${bad === 0 ? '/opening/at' : `/events/${bad - 1}/at`} is not an ISO 8601 date-time: ${JSON.stringify(bad === 0 ? o.at : es[bad - 1].at)}`,
        o.id,
      );
      continue;
    }
    const earlier = firstLineOf.get(o.id);
    if (earlier !== undefined)
      fail(`case ${JSON.stringify(o.id)} is also on line ${earlier}`, o.id, 'give each case one line and an id of its own');
    else firstLineOf.set(o.id, line);
    const opening: CaseOpening = { ...o, at: times[0]!, owner_level: o.owner_level as Level | undefined };
    const events: CaseEvent[] = es.map((e, j) => ({
      ...e,
      at: times[j + 1]!,
      actor: { ...e.actor, role: e.actor.role as CaseRole },
      level: e.level as Level | undefined,
    }));
    if (opening.urgency !== undefined && !ctx.urgencies.includes(opening.urgency)) {
      fail(
        `/opening/urgency ${JSON.stringify(opening.urgency)} is not an urgency of the profile; use one of ${ctx.urgencies.join(', ')}`,
        o.id,
      );
      continue;
    }
    const replayed = replayCase(opening, events, ctx);
    if (!replayed.ok) {
      fail(`${replayed.problem.message} (${replayed.problem.code})`, o.id, replayed.problem.fix);
      continue;
    }
    cases.push({ line, opening, events, state: replayed.state });
  }
  if (!cases.length && !problems.length) problems.push(lineProblem(1, 'the body holds no case: send one JSON object per line'));
  return problems.length ? { ok: false, problems } : { ok: true, cases };
}

/** A CG_ERR_CASE_IMPORT problem naming its line (and the case, where known). */
export function lineProblem(line: number, why: string, id?: string, fix?: string): Problem {
  const p = problem('CG_ERR_CASE_IMPORT', id === undefined ? {} : { id }, line, why);
  return { ...p, ...(fix ? { fix } : {}), line } as Problem;
}

import type { Problem } from '../errors.ts';
import { standardMatter } from '../catalogue/standard-catalogue.ts';
import { cityCatalogue, type CityCategory } from './city-catalogue.ts';
import { ProfileSchema, type CityProfile, type CategoryAttribute } from './profile-schema.ts';
import { profileProblem, schemaProblems } from './schema-problems.ts';
import { isTimezone } from './timezone.ts';
import { STANDARD_SOURCES } from './standard-sources.ts';
import { caseSettingsProblems } from './check-case-settings.ts';
import { assessmentProblems } from './assessment-settings.ts';
import { DEFAULT_WORKFLOW } from './default-workflow.ts';
import { riskSettingsProblems } from './risk-settings.ts';

/** A checked profile, or every problem with it. */
export type CheckProfileResult = { ok: true; profile: CityProfile } | { ok: false; problems: Problem[] };

/**
 * Checks a city profile (JSON text or a parsed object): first against its JSON Schema
 * (ProfileSchema), then what a schema cannot say — duplicate codes, a rule naming an unknown
 * department or a category that no code matches, an attribute condition on an attribute no
 * matched category has, a timezone no clock knows. Every problem names its JSON pointer
 * (`/dispatch/2/department`) and the fix; a profile with any problem is refused whole.
 * Files the profile names (corridors, boundaries) are read and checked by the caller.
 *
 * @example checkProfile({ name: '汉滨区', timezone: '+08:00' }).ok // true
 * @example checkProfile({ name: '汉滨区', timezone: 'Mars/Base' }) // { ok: false, problems: [{ path: '/timezone', … }] }
 */
export function checkProfile(input: unknown): CheckProfileResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [profileProblem('', `is not valid JSON: ${(e as Error).message}`)] };
    }
  }
  const structural = schemaProblems(ProfileSchema, value);
  if (structural.length) return { ok: false, problems: structural };
  const profile = value as CityProfile;
  const problems = semanticProblems(profile);
  return problems.length ? { ok: false, problems } : { ok: true, profile };
}

function semanticProblems(p: CityProfile): Problem[] {
  const out: Problem[] = [];
  const fail = (path: string, complaint: string) => out.push(profileProblem(path, complaint));
  if (!isTimezone(p.timezone))
    fail(
      '/timezone',
      `${JSON.stringify(p.timezone)} is not a timezone: write an offset such as +08:00 or an IANA name such as Asia/Shanghai`,
    );
  unique(p.categories, 'categories', 'code', fail);
  unique(p.sources, 'sources', 'code', fail);
  unique(p.departments, 'departments', 'code', fail);
  unique(p.team_roles, 'team_roles', 'code', fail);
  unique(p.boundaries, 'boundaries', 'level', fail);
  (p.categories ?? []).forEach((c, i) => {
    if (c.standard !== undefined && !standardMatter(c.standard))
      fail(
        `/categories/${i}/standard`,
        `${c.standard} is not a GB/T 47678.5 matter code: pick one from GET /api/profile/catalogue or leave standard out`,
      );
    unique(c.attributes, `categories/${i}/attributes`, 'key', fail);
    (c.attributes ?? []).forEach((a, j) => {
      attributeProblems(a, `/categories/${i}/attributes/${j}`, fail);
    });
  });
  const departments = new Set((p.departments ?? []).map((d) => d.code));
  const knownDepartment = (code: string, path: string) => {
    if (!departments.has(code))
      fail(
        path,
        `${JSON.stringify(code)} is not a department: add it to departments or use one of ${[...departments].join(', ') || '(none defined)'}`,
      );
  };
  if (p.default_department !== undefined) knownDepartment(p.default_department, '/default_department');
  const categories = cityCatalogue(p).categories;
  const matched = (prefix: string) => categories.filter((c) => c.code.startsWith(prefix) || (c.standard ?? '').startsWith(prefix));
  (p.dispatch ?? []).forEach((rule, i) => {
    knownDepartment(rule.department, `/dispatch/${i}/department`);
    const hits = rule.category === undefined ? categories : matched(rule.category);
    if (rule.category !== undefined && hits.length === 0)
      fail(`/dispatch/${i}/category`, `${JSON.stringify(rule.category)} matches no category code: give a code or prefix of the catalogue`);
    for (const [key, cmp] of Object.entries(rule.when ?? {})) conditionProblems(key, cmp, hits, `/dispatch/${i}/when/${key}`, fail);
  });
  (p.corridors ?? []).forEach((c, i) => {
    knownDepartment(c.department, `/corridors/${i}/department`);
    (c.categories ?? []).forEach((code, j) => {
      if (matched(code).length === 0) fail(`/corridors/${i}/categories/${j}`, `${JSON.stringify(code)} matches no category code`);
    });
  });
  const sources = new Set([...STANDARD_SOURCES, ...(p.sources ?? [])].map((s) => s.code));
  caseSettingsProblems(
    p,
    (prefix) => matched(prefix).length > 0,
    (code) => sources.has(code),
    fail,
  );
  if (p.assessment)
    assessmentProblems(
      p.assessment,
      (p.workflow ?? DEFAULT_WORKFLOW).stages.map((s) => s.code),
      fail,
    );
  riskSettingsProblems(p.risk, fail);
  return out;
}

/** Each later item whose `key` repeats an earlier one's. */
function unique<T>(
  items: readonly T[] | undefined,
  path: string,
  key: keyof T & string,
  fail: (path: string, complaint: string) => void,
): void {
  const first = new Map<unknown, number>();
  (items ?? []).forEach((item, i) => {
    const k = item[key];
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else fail(`/${path}/${i}/${key}`, `${JSON.stringify(k)} is already used by /${path}/${at}: each ${key} must be unique`);
  });
}

function attributeProblems(a: CategoryAttribute, path: string, fail: (path: string, complaint: string) => void): void {
  const numeric = a.type === 'number' || a.type === 'integer';
  if (!numeric && (a.min !== undefined || a.max !== undefined))
    fail(path, `min and max apply to number and integer attributes, not ${a.type}`);
  if (a.min !== undefined && a.max !== undefined && a.min > a.max) fail(`${path}/max`, `${a.max} is below min ${a.min}`);
  if (a.type === 'enum' && a.options === undefined) fail(path, 'an enum attribute needs options: the values allowed');
  if (a.type !== 'enum' && a.options !== undefined) fail(`${path}/options`, `options apply to enum attributes, not ${a.type}`);
  if (a.type !== 'string' && a.max_length !== undefined)
    fail(`${path}/max_length`, `max_length applies to string attributes, not ${a.type}`);
}

/** A `when` condition must name an attribute some matched category has, compared by its type. */
function conditionProblems(
  key: string,
  cmp: Record<string, unknown>,
  hits: readonly CityCategory[],
  path: string,
  fail: (path: string, complaint: string) => void,
): void {
  const defs = hits.flatMap((c) => c.attributes.filter((a) => a.key === key));
  if (defs.length === 0) {
    fail(path, `no category this rule matches has an attribute ${JSON.stringify(key)}: add it to the category's attributes`);
    return;
  }
  const ordered = ['>', '>=', '<', '<='].filter((op) => cmp[op] !== undefined);
  if (ordered.length && !defs.some((a) => a.type === 'number' || a.type === 'integer'))
    fail(path, `${ordered.join(', ')} compare numbers, but ${key} is ${defs[0].type}`);
}

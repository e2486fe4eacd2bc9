import type { TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import type { Problem } from '../errors.ts';
import { ERRORS } from '../errors.ts';

/**
 * Every way `value` breaks `schema`, as CG_ERR_PROFILE problems whose `path` is the JSON
 * pointer of the offending member and whose message says what is allowed there (the names of
 * the fields, the values of a choice) rather than the validator's "must match anyOf".
 *
 * @example schemaProblems(ProfileSchema, { name: '' })[0].path // '/name'
 */
export function schemaProblems(schema: TSchema, value: unknown): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of allErrors(schema, value)) {
    const text = explain(schema, e.keyword, e.schemaPath, e.message, e.params as Record<string, unknown>);
    if (text === null) continue;
    const key = `${e.instancePath} ${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(profileProblem(e.instancePath, text));
  }
  return problems;
}

// TypeBox stops at 8 errors by default (a global setting); a profile's author wants them all.
// Raised for this call only: it runs synchronously, so nothing else sees the change.
const MAX_ERRORS = 1000;

function allErrors(schema: TSchema, value: unknown) {
  const before = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_ERRORS });
  try {
    return Value.Errors(schema, value);
  } finally {
    Settings.Set({ maxErrors: before });
  }
}

/** A CG_ERR_PROFILE problem at a JSON pointer ('' is the whole profile). */
export function profileProblem(path: string, complaint: string): Problem {
  return { code: 'CG_ERR_PROFILE', message: `${path || '/'} ${complaint}`, fix: ERRORS.CG_ERR_PROFILE.fix, path };
}

function explain(root: TSchema, keyword: string, schemaPath: string, message: string, params: Record<string, unknown>): string | null {
  const at = resolve(root, schemaPath);
  switch (keyword) {
    // A field the schema does not know: reported once, at the object, with the fields it takes.
    case 'boolean':
      return null;
    case 'additionalProperties': {
      const extra = (params.additionalProperties as string[] | undefined) ?? [];
      const allowed = Object.keys((at as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return `has unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}`;
    }
    case 'anyOf': {
      const choices = ((at as { anyOf?: { const?: unknown }[] } | undefined)?.anyOf ?? []).map((s) => s.const);
      if (choices.length && choices.every((c) => c !== undefined))
        return `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
      return message;
    }
    // The branches of a union each complain; the anyOf message above already says what is allowed.
    case 'const':
      return null;
    default:
      return message;
  }
}

/** The sub-schema at a `#/a/b` schema path, or undefined. */
function resolve(root: TSchema, schemaPath: string): unknown {
  let node: unknown = root;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

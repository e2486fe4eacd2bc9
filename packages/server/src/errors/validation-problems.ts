import { problem, type Problem } from './catalogue.ts';

/** One schema violation as the validator reports it (Ajv-compatible shape). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Schema violations as CG_ERR_VALIDATION problems naming the field, e.g.
 * `body/0/lon must be number`, with the array index and id of the bad element of a batch.
 *
 * A body that may be one object or an array of them is a union, and the validator reports
 * every branch's failures. A branch whose root type does not match (an array against the
 * object branch) says nothing useful, so its errors are dropped, as is the final
 * "must match a schema in anyOf".
 *
 * @param part the request part: body, querystring, params or headers
 * @param body the request body, to read the id of a bad element
 */
export function validationProblems(errors: readonly SchemaError[], part: string, body: unknown): Problem[] {
  const relevant = namedValues(pruneUnionBranches(errors));
  const problems = relevant.flatMap((e) => {
    const path = `${part}${e.instancePath}`;
    if (e.keyword === 'required') {
      const missing = (e.params.requiredProperties as string[] | undefined) ?? [e.params.missingProperty as string];
      return missing.map((name) => located(e.instancePath, part, body, `${path}/${name}`, 'is required'));
    }
    return [located(e.instancePath, part, body, path, e.message ?? `fails ${e.keyword}`)];
  });
  return problems.length ? problems : [problem('CG_ERR_VALIDATION', {}, part, 'must be an object or an array of objects')];
}

/**
 * A union of literals (`level`: grid | community | street) fails as one "must be equal to
 * constant" per literal plus "must match a schema in anyOf", none naming a value: they become
 * one error listing the allowed values, as an enum's does.
 */
function namedValues(errors: readonly SchemaError[]): SchemaError[] {
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword === 'const' && 'allowedValue' in e.params)
      allowed.set(e.instancePath, [...(allowed.get(e.instancePath) ?? []), e.params.allowedValue]);
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) allowed.set(e.instancePath, e.params.allowedValues);
  }
  const named = new Set<string>();
  const out: SchemaError[] = [];
  for (const e of errors) {
    const values = allowed.get(e.instancePath);
    if (!values || !['const', 'enum', 'anyOf'].includes(e.keyword)) {
      out.push(e);
    } else if (!named.has(e.instancePath)) {
      named.add(e.instancePath);
      out.push({
        ...e,
        keyword: 'enum',
        message: `must be one of ${values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`,
      });
    }
  }
  return out;
}

function pruneUnionBranches(errors: readonly SchemaError[]): SchemaError[] {
  const branchOf = (e: SchemaError) => /^#\/anyOf\/(\d+)/.exec(e.schemaPath)?.[1];
  const wrongShape = new Set(errors.filter((e) => e.instancePath === '' && e.keyword === 'type').map(branchOf));
  wrongShape.delete(undefined);
  return errors.filter((e) => !(e.keyword === 'anyOf' && e.schemaPath === '#') && !wrongShape.has(branchOf(e)));
}

function located(instancePath: string, part: string, body: unknown, path: string, complaint: string): Problem {
  const p = problem('CG_ERR_VALIDATION', {}, path, complaint);
  const index = /^\/(\d+)/.exec(instancePath)?.[1];
  if (part === 'body' && Array.isArray(body) && index !== undefined) {
    p.index = Number(index);
    const id = (body[p.index] as { id?: unknown } | null)?.id;
    if (typeof id === 'string') p.id = id;
  }
  return p;
}

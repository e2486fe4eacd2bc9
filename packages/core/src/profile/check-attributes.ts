import type { CategoryAttribute } from './profile-schema.ts';

/** One thing wrong with a report's attributes: the field path and what is wrong. */
export interface AttributeProblem {
  /** e.g. `attributes/area_m2`. */
  path: string;
  message: string;
}

/** Attribute values as stored: numbers, strings and booleans, keyed by attribute key. */
export type AttributeValues = Record<string, number | string | boolean>;

const DEFAULT_MAX_LENGTH = 1000;

/**
 * Checks a report's `attributes` against its category's definitions (type, range, options,
 * required) and returns the values to store, or every problem. Keys the category does not
 * define are refused, so a misspelt key is not silently lost.
 *
 * @param defs the category's attributes (CityCategory.attributes)
 * @param input the report's `attributes` member, untrusted (undefined = none given)
 * @example checkAttributes([{ key: 'area_m2', type: 'number', min: 0, name: '面积' }], { area_m2: 620 }) // { values: { area_m2: 620 }, problems: [] }
 */
export function checkAttributes(
  defs: readonly CategoryAttribute[],
  input: unknown,
): { values: AttributeValues; problems: AttributeProblem[] } {
  const values: AttributeValues = {};
  const problems: AttributeProblem[] = [];
  const given = input === undefined || input === null ? {} : input;
  if (typeof given !== 'object' || Array.isArray(given)) {
    return {
      values,
      problems: [
        { path: 'attributes', message: `must be an object of attribute values, got ${Array.isArray(given) ? 'an array' : typeof given}` },
      ],
    };
  }
  const record = given as Record<string, unknown>;
  const known = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) {
      const allowed = defs.length ? `this category takes ${defs.map((d) => d.key).join(', ')}` : 'this category takes no attributes';
      problems.push({ path: `attributes/${key}`, message: `unknown attribute: ${allowed}` });
    }
  }
  for (const def of defs) {
    const value = record[def.key];
    const path = `attributes/${def.key}`;
    if (value === undefined || value === null || value === '') {
      if (def.required) problems.push({ path, message: `is required (${def.name}${def.unit ? `, ${def.unit}` : ''})` });
      continue;
    }
    const complaint = checkValue(def, value);
    if (complaint === null) values[def.key] = value as number | string | boolean;
    else problems.push({ path, message: complaint });
  }
  return { values, problems };
}

/** What is wrong with one value, or null. */
function checkValue(def: CategoryAttribute, value: unknown): string | null {
  switch (def.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${JSON.stringify(value)}`;
      if (def.type === 'integer' && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}, got ${value}`;
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}, got ${value}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${JSON.stringify(value)}`;
    case 'enum':
      return typeof value === 'string' && def.options!.includes(value)
        ? null
        : `must be one of ${def.options!.join(', ')}; got ${JSON.stringify(value)}`;
    case 'string': {
      if (typeof value !== 'string') return `must be text, got ${JSON.stringify(value)}`;
      const limit = def.max_length ?? DEFAULT_MAX_LENGTH;
      return value.length > limit ? `must be at most ${limit} characters, got ${value.length}` : null;
    }
  }
}

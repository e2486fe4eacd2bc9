import { problem, type Problem } from '../errors.ts';

/** What is wrong with a parsed input: the JSON path of the first bad place and why. */
export interface MalformedInput {
  /** Path from the root, e.g. `/0/id` (keys and indexes joined by `/`; '' for the root). */
  path: string;
  /** `lone-surrogate`: text that no UTF-8 store can keep as sent; `too-deep`: nesting past the bound. */
  why: 'lone-surrogate' | 'too-deep';
}

// A lone UTF-16 surrogate: in unicode mode a valid pair is one code point and does not match.
const LONE_SURROGATE = /\p{Cs}/u;

/** The deepest nesting an input may have: a MultiPolygon's coordinates are 4 deep inside a feature's 4. */
export const MAX_INPUT_DEPTH = 64;

/**
 * Finds the first string or key holding a lone surrogate (`"sur\ud800x"`), or the first value
 * nested deeper than `maxDepth`, in a parsed JSON value. Either one would be stored as
 * something else (DuckDB keeps U+FFFD for the surrogate) or overflow a recursive
 * `JSON.stringify`, so both must be refused before anything is stored. The walk is iterative:
 * a 10,000-deep input must not overflow the checker itself.
 *
 * @returns undefined when the whole value is well formed
 * @example findMalformedInput({ id: 'sur\ud800x' }) // { path: '/id', why: 'lone-surrogate' }
 */
export function findMalformedInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): MalformedInput | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return { path, why: 'lone-surrogate' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { path, why: 'too-deep' };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    const badKey = entries.find(([key]) => LONE_SURROGATE.test(key));
    if (badKey) return { path: `${path}/${escapeSurrogates(badKey[0])}`, why: 'lone-surrogate' };
    // Pushed in reverse so the first bad place in reading order is the one named.
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], path: `${path}/${entries[i][0]}`, depth: depth + 1 });
  }
  return undefined;
}

/**
 * The catalogue problem for what {@link findMalformedInput} found, its place named from `root`.
 * @example malformedProblem({ path: '/0/id', why: 'lone-surrogate' }, 'body') // CG_ERR_MALFORMED_TEXT: body/0/id holds a lone UTF-16 surrogate …
 */
export function malformedProblem(found: MalformedInput, root: string, maxDepth = MAX_INPUT_DEPTH): Problem {
  const at = `${root}${found.path}`;
  return found.why === 'too-deep' ? problem('CG_ERR_TOO_DEEP', {}, at, maxDepth) : problem('CG_ERR_MALFORMED_TEXT', {}, at);
}

/** A key as it can be shown: each lone surrogate written as its `\uD800` escape. */
function escapeSurrogates(text: string): string {
  return text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

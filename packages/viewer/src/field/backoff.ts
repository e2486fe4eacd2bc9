// A phone in a basement retries often at first, then settles at a minute: quick when signal
// flickers back, cheap on the battery when it is gone for an hour. Jitter keeps a squad of
// phones coming out of a tunnel together from retrying in step.
const FIRST_MS = 2_000;
const MOST_MS = 60_000;

/**
 * How long to wait before the next try after `failures` failed tries: 2 s doubling up to 60 s,
 * scaled by a jitter in [0.5, 1).
 * @param random a number in [0, 1) (Math.random in the app, fixed in tests)
 * @example backoffMs(0, 0.99) // ≈ 1990
 * @example backoffMs(10, 0) // 30000
 */
export function backoffMs(failures: number, random: number): number {
  const base = Math.min(MOST_MS, FIRST_MS * 2 ** Math.max(0, failures));
  return Math.round(base * (0.5 + Math.min(Math.max(random, 0), 1) / 2));
}

/**
 * Whether a failed send may succeed later: no answer (offline, timeout), a server error, or
 * 408/429. Any other 4xx is the report's own fault and waits for the inspector instead.
 * @example retriable(undefined) // true: no answer at all
 * @example retriable(422) // false
 */
export function retriable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

/**
 * The live feed's `case` events (one after each transition), for the desk and the wall. An
 * EventSource cannot send the API key, so where the stream is refused (no public reads, or a
 * server whose stream has no case events) the pages fall back to asking again every `pollMs`.
 */
import type { CaseFeedEvent } from './cases.ts';

/** Options of {@link watchCases}. */
export interface WatchOptions {
  /** Ask again this often when the stream is closed, ms. @default 30000 */
  pollMs?: number;
  /** The stream opened (true) or dropped (false). */
  onLive?: (live: boolean) => void;
}

/**
 * Calls `onChange` with each case event, or with null on a poll tick; returns the stop function.
 * @example const stop = watchCases((e) => refresh.poke(), { onLive: (on) => dot.classList.toggle('on', on) });
 */
export function watchCases(onChange: (event: CaseFeedEvent | null) => void, options: WatchOptions = {}): () => void {
  const { pollMs = 30_000, onLive = () => {} } = options;
  let poll: ReturnType<typeof setInterval> | null = null;
  const startPolling = () => (poll ??= setInterval(() => onChange(null), pollMs));
  if (typeof EventSource === 'undefined') {
    startPolling();
    return () => poll !== null && clearInterval(poll);
  }
  const es = new EventSource('/api/stream?events=case');
  es.addEventListener('open', () => onLive(true));
  es.addEventListener('case', (ev) => onChange(JSON.parse((ev as MessageEvent<string>).data) as CaseFeedEvent));
  es.addEventListener('error', () => {
    onLive(false);
    // CLOSED: refused (4xx) and not retried by the browser; CONNECTING: it retries by itself.
    if (es.readyState === EventSource.CLOSED) startPolling();
  });
  return () => {
    es.close();
    if (poll !== null) clearInterval(poll);
  };
}

import { ApiError, type ApiErrorBody } from './api-error.ts';

/** Options of {@link createClient} (and of `createApi`). */
export interface ClientOptions {
  /** Prefix of every path; '' = same origin as the page. */
  base?: string;
  fetch?: typeof fetch;
  /**
   * Headers sent with every request: where the API key goes once access control is on (see
   * api-key.ts), e.g. `() => ({ authorization: 'Bearer cg_…' })`. Default: none.
   */
  headers?: () => Record<string, string>;
}

/** What one request carries besides its method and path. */
export interface RequestInit {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (photos); the browser writes the boundary. */
  form?: FormData;
  signal?: AbortSignal;
}

/** The fetch wrapper every endpoint goes through: one place for the base, the key and errors. */
export interface Client {
  /** The raw answer (for binary bodies); throws {@link ApiError} unless 2xx. */
  request(method: string, path: string, init?: RequestInit): Promise<Response>;
  /** The answer parsed as JSON; throws {@link ApiError} unless 2xx. */
  json<T>(method: string, path: string, init?: RequestInit): Promise<T>;
}

/**
 * A client for the server the page came from: relative URLs only, because the viewer must work
 * on an offline command-centre LAN.
 * @param [options.base=''] path prefix
 * @example const meta = await createClient().json<Meta>('GET', '/api/meta');
 */
export function createClient(options: ClientOptions = {}): Client {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const extraHeaders = options.headers ?? (() => ({}));
  const request = async (method: string, path: string, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...extraHeaders() };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const body = init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const res = await doFetch(`${base}${path}`, { method, headers, body, signal: init.signal });
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new ApiError(res.status, parseBody(text), `${method} ${path}`, text.trim());
    }
    return res;
  };
  return {
    request,
    json: async <T>(method: string, path: string, init?: RequestInit) => {
      const text = await (await request(method, path, init)).text();
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

// An error body is the server's catalogue JSON, or anything a proxy in between sent.
function parseBody(text: string): ApiErrorBody | null {
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' ? (json as ApiErrorBody) : null;
  } catch {
    return null;
  }
}

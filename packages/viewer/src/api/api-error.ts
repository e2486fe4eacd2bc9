/** The server's catalogue body of a failed request (`{ error, message, fix, problems }`), when it sent one. */
export interface ApiErrorBody {
  error?: string;
  message?: string;
  fix?: string;
  problems?: unknown[];
}

/**
 * An answer that is not 2xx. The message names the request, the status and the server's own
 * words (its catalogue `message`, else the raw body), so a status line can show it as is.
 *
 * @example
 * try { await api.publish(3) } catch (e) { if (e instanceof ApiError && e.unauthorised) askForKey() }
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
    what: string,
    text = '',
  ) {
    const detail = body?.message ?? text;
    super(`${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`);
    this.name = 'ApiError';
  }

  /** True when the server wants a key, or a stronger one (401, 403). */
  get unauthorised(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** True when the endpoint does not exist on this server (an older server without versions). */
  get missing(): boolean {
    return this.status === 404 && (!this.body?.error || this.body.error === 'CG_ERR_NOT_FOUND');
  }
}

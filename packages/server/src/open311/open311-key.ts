import type { FastifyRequest } from 'fastify';
import { requireRole } from '../auth/access-plugin.ts';
import type { Store } from '../store.ts';

/**
 * GeoReport v2's `api_key` mapped onto citygrid's API keys (auth/access-plugin.ts). The spec sends
 * the key as a parameter — a form field of the POST, or the query string — which the access
 * plugin's header hook (`Authorization: Bearer` / `X-API-Key`) cannot see before the body is
 * parsed; so `POST /open311/v2/requests.json` has no `config.role` and calls this once the
 * body is in. A key in `api_key` is verified like a header key and wins over one; then the
 * request needs the reporter role, as `POST /api/reports` does. With access control off
 * (`build({ auth: false })`) everything passes, as on every other route. A refusal is the
 * plugin's CG_ERR_UNAUTHORIZED or CG_ERR_FORBIDDEN, which the Open311 routes answer 403 as the
 * spec says.
 */
export function checkOpen311Key(
  request: FastifyRequest,
  store: Store,
  apiKey: string | undefined,
  what = 'create a service request (POST /open311/v2/requests.json)',
): void {
  if (request.accessControl && apiKey !== undefined && apiKey !== '') {
    const check = store.keys.verify(apiKey);
    request.apiKey = check.ok ? check.key : null;
    request.apiKeyProblem = check.ok ? null : `invalid api_key: ${check.reason}`;
  }
  requireRole(request, 'reporter', what);
}

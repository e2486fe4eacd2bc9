import type { FastifyRequest } from 'fastify';
import type { Store } from '../../store/store.ts';

// The roles of the access-control plugin, weakest first (auth/roles.ts); posting a request
// needs `reporter` or stronger, as POST /api/reports does.
const ROLES = ['viewer', 'reporter', 'planner', 'admin'];
const NEED = 'reporter';

/** The parts of the access-control plugin this seam reads, typed loosely (see below). */
interface KeyAware {
  accessControl?: boolean;
  apiKey?: { id: string; role: string } | null;
}
interface KeyStore {
  keys?: { verify(key: string): { ok: true; key: { id: string; role: string } } | { ok: false; reason: string } };
}

/**
 * The seam between GeoReport v2's `api_key` and citygrid's API keys. The spec sends the key as
 * a parameter (a form field of the POST, or the query string), which the access-control
 * plugin's header hook (`Authorization: Bearer` / `X-API-Key`) cannot see before the body is
 * parsed; so `POST /open311/v2/requests.json` calls this once it has the body:
 *
 * - access control off (`build({ auth: false })`, or a build without the plugin): every
 *   request passes, as every other route does then;
 * - otherwise `api_key` (else the header key the plugin already verified) must be a valid key
 *   with the reporter role or stronger.
 *
 * It reads the plugin's request decorations and the store's `keys` structurally, so it works
 * with or without them.
 *
 * @returns why the request is refused (answered 403, as the spec says), or null to go on
 */
export function open311KeyProblem(request: FastifyRequest, store: Store, apiKey: string | undefined): string | null {
  const r = request as unknown as KeyAware;
  if (r.accessControl !== true) return null;
  let key = r.apiKey ?? null;
  if (apiKey !== undefined && apiKey !== '') {
    const check = (store as unknown as KeyStore).keys?.verify(apiKey);
    if (!check) return null; // no key store: nothing to check against
    if (!check.ok) return `invalid api_key: ${check.reason}`;
    key = check.key;
  }
  if (!key) return 'missing api_key: creating a service request needs an API key with the reporter role';
  if (ROLES.indexOf(key.role) < ROLES.indexOf(NEED)) return `the ${key.role} key cg_${key.id}_… cannot create service requests: that needs a reporter key`;
  return null;
}

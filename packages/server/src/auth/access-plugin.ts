import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { problem, serverError } from '../errors/catalogue.ts';
import { keyFromHeaders } from './api-key.ts';
import { hasRole, roleNeedText, type RoleNeed } from './roles.ts';
import { ErrorSchema } from '../errors/error-schemas.ts';
import type { ApiKeyIdentity } from './api-keys.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The role a request needs, or several of which any will do (see auth/roles.ts). Unset on
     * an /api route: `viewer` for GET and HEAD, `admin` for anything else, so a route that
     * forgets to say stays closed.
     */
    role?: RoleNeed;
    /**
     * `false`: the route needs a key even where reads are public (`publicRead`), e.g. photos
     * that may show faces (GET /api/attachments/{sha256}).
     */
    publicRead?: false;
  }
  interface FastifyRequest {
    /** The verified API key of the request, or null (none sent, or access control is off). */
    apiKey: ApiKeyIdentity | null;
    /** Why the key sent was refused; refused with 401 if the route needs a role. */
    apiKeyProblem: string | null;
    /** Whether access control is on (build's `auth` is not false). */
    accessControl: boolean;
  }
}

/** Options of the access-control plugin (build's `auth`). */
export interface AuthOptions {
  /** [false] Routes that need only `viewer` (every read) answer without a key. */
  publicRead?: boolean;
}

/**
 * Access control by API key and role. One `onRequest` hook on every route identifies the key
 * (`Authorization: Bearer cg_…` or `X-API-Key`) against the store's hashes; a second one,
 * added to each route after the rate limiter's, refuses with 401 (no key, or a bad one) or
 * 403 (a weaker role) before the body is read: an anonymous client cannot make the server
 * parse 64 MiB of GeoJSON. Each route's role comes from its `config.role`, and is also written
 * into the OpenAPI document (`security`, `x-citygrid-role`). A verified key's id (never the
 * secret) is bound to the request's logger.
 */
export default fp<AuthOptions & { enabled: boolean }>(
  async (app, options) => {
    const publicRead = options.publicRead ?? false;
    app.decorateRequest('apiKey', null);
    app.decorateRequest('apiKeyProblem', null);
    app.decorateRequest('accessControl', false);
    if (!options.enabled) return;

    app.addHook('onRequest', async (request, reply) => {
      request.accessControl = true;
      const sent = keyFromHeaders(request.headers);
      if (sent === null) return;
      const check = app.store.keys.verify(sent);
      if (!check.ok) {
        request.apiKeyProblem = check.reason;
        return;
      }
      request.apiKey = check.key;
      request.log = reply.log = request.log.child({ key: check.key.id });
    });

    app.addHook('onRoute', (route) => {
      const need = routeRole(route);
      if (!need) return;
      const open = publicRead && (route.config as { publicRead?: false } | undefined)?.publicRead !== false;
      const authorize: onRequestHookHandler = async (request, reply) =>
        requireRole(request, need, `${request.method} ${route.url}`, {
          publicRead: open,
          reply,
          noKeys: app.store.keys.activeCount() === 0,
        });
      route.onRequest = [...asArray(route.onRequest), authorize];
      document(route, need, open);
    });
  },
  { name: 'citygrid-auth', dependencies: ['citygrid-store'] },
);

/**
 * Refuses the request unless its key has role `need`: 401 CG_ERR_UNAUTHORIZED without a valid
 * key, 403 CG_ERR_FORBIDDEN with a weaker one. A no-op when access control is off. Routes call
 * it for a second, stronger check that depends on the request (an import with publish=true).
 * @param what what the request does, for the message: 'POST /api/grids', 'publish a version'
 */
export function requireRole(
  request: FastifyRequest,
  need: RoleNeed,
  what: string,
  context: { publicRead?: boolean; reply?: FastifyReply; noKeys?: boolean } = {},
): void {
  if (!request.accessControl) return;
  const key = request.apiKey;
  if (!key) {
    if (need === 'viewer' && context.publicRead && !request.apiKeyProblem) return;
    context.reply?.header('www-authenticate', 'Bearer realm="citygrid"');
    const why = request.apiKeyProblem ?? `no API key was sent: ${what} needs ${aRole(need)} key`;
    const hint = context.noKeys
      ? '; this server has no API keys yet: stop it, run citygrid keys create --role admin --db <its file>, and start it again'
      : '';
    throw serverError([problem('CG_ERR_UNAUTHORIZED', {}, why + hint)]);
  }
  if (!hasRole(key.role, need)) {
    throw serverError([
      problem('CG_ERR_FORBIDDEN', {}, `the ${key.role} key cg_${key.id}_… cannot ${what}: that needs ${aRole(need)} key`),
    ]);
  }
}

/** 'a viewer', 'an admin', 'an operator, supervisor or admin'. */
function aRole(need: RoleNeed): string {
  return roleNeedText(need);
}

/** The role a route needs, or undefined for a public one (not under /api: the viewer, /docs, /health). */
function routeRole(route: RouteOptions): RoleNeed | undefined {
  const role = (route.config as { role?: RoleNeed } | undefined)?.role;
  if (role) return role;
  if (!route.url.startsWith('/api/') && route.url !== '/api') return undefined;
  const methods = asArray(route.method);
  return methods.every((m) => m === 'GET' || m === 'HEAD') ? 'viewer' : 'admin';
}

/** Writes the route's role and the answers it adds into its OpenAPI schema. */
function document(route: RouteOptions, need: RoleNeed, publicRead: boolean): void {
  const schema = route.schema as (Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean }) | undefined;
  if (!schema || schema.hide) return;
  const open = need === 'viewer' && publicRead;
  schema.security = [...(open ? [{}] : []), { bearerAuth: [] }, { apiKeyHeader: [] }];
  schema['x-citygrid-role'] = need;
  schema.response = { ...schema.response, ...(open ? {} : { 401: ErrorSchema }), 403: ErrorSchema, 429: ErrorSchema };
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

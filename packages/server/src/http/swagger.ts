import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * OpenAPI 3 document generated from the routes' TypeBox schemas, so the docs cannot drift from
 * what is validated. UI at /docs, JSON at /docs/json. Must be registered before the routes.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'citygrid',
          description:
            'Urban grid management (网格化管理): grids, report intake and routing, statistics. ' +
            'Coordinates are WGS84 / CGCS2000 [lon, lat] in degrees. Errors carry a CG_ERR_* code, a message, a fix and every problem found.',
          version: '0.1.0',
        },
        tags: [
          { name: 'grids', description: 'grid polygons and context outlines' },
          { name: 'versions', description: 'grid versions: drafts, publishing, diff between versions, impact on stored reports' },
          { name: 'reports', description: 'report intake (routed to grids) and queries' },
          { name: 'stats', description: 'aggregations for the command centre' },
          { name: 'meta', description: 'health and filter metadata' },
          {
            name: 'profile',
            description: 'the city profile: catalogue, sources, departments, dispatch, corridors, boundaries, teams (docs/profile.md)',
          },
          { name: 'risk', description: 'risk scores and colour levels per grid, with patrol frequencies (docs/risk.md)' },
          { name: 'cases', description: 'cases: the closed loop from report to closure, its event log and audit chain (docs/cases.md)' },
          {
            name: 'access',
            description:
              'API keys and roles (viewer < reporter < planner < admin, and the case roles operator, supervisor, dispatcher, department, inspector); each operation names its role (or roles) in x-citygrid-role',
          },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'an API key cg_<id>_<secret> (POST /api/keys, or citygrid keys create)',
            },
            apiKeyHeader: {
              type: 'apiKey',
              in: 'header',
              name: 'X-API-Key',
              description: 'the same key in X-API-Key, for clients that cannot set Authorization',
            },
          },
        },
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // Swagger UI injects <style> elements; the CSP (security.ts) allows them on /docs only.
      transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    });
  },
  { name: 'citygrid-swagger' },
);

import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GridSet } from '@citygrid/core';
import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import { reportFilterFromQuery } from '../reports/report-filter-from-query.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import {
  DiffAnswerSchema,
  DiffQuerySchema,
  ImpactMatrixSchema,
  ImpactPairSchema,
  ImpactQuerySchema,
  PublishedSchema,
  VersionParamsSchema,
  VersionsListSchema,
} from './version-schemas.ts';
import { decodeCursor } from '../db/cursor.ts';
import type { ImpactPairIds } from './impact/impact.ts';
import { rerouteOnPool } from './reroute/reroute-on-pool.ts';
import { indexOnPool } from './index-on-pool.ts';

const DEFAULT_LIMIT = 100;

/**
 * Grid versions: list them, publish one, compare two (diff), and ask what publishing one
 * would do to the reports already on file (impact).
 */
const versions: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids/versions',
    {
      schema: {
        tags: ['versions'],
        summary: 'Every grid version, newest first',
        description:
          'Each import (POST /api/grids) makes a version: `draft` until published, then `current` (the one reports are routed ' +
          'to; at most one), then `retired` once another is published. Versions never change after import.',
        response: { 200: VersionsListSchema },
      },
    },
    async () => app.store.grids.versions(),
  );

  app.post(
    '/api/grids/versions/:v/publish',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['versions'],
        summary: 'Make a version current, atomically',
        description:
          "In one transaction the version becomes current, the previous one is retired and every stored report's grid_id is " +
          're-routed with the new grids (each report keeps routed_version and routed_grid_id: the version and grid that routed ' +
          'it on arrival). Readers see the previous version until COMMIT and the new one after, never a mix; a failure leaves ' +
          'the previous version serving. Publishing a retired version rolls back to it; publishing the current one changes ' +
          'nothing. The coverage check was made at import and is not repeated. The reports are routed on a worker thread (other ' +
          'requests keep answering); past the geometry time limit it answers 503 CG_ERR_PUBLISH_TIMEOUT and nothing changes. ' +
          '404 CG_ERR_UNKNOWN_VERSION.',
        params: VersionParamsSchema,
        response: { 200: PublishedSchema, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) =>
      app.store.grids.publish(request.params.v, {
        reroute: rerouteOnPool(app.geometry, `version ${request.params.v}`),
        buildIndex: indexOnPool(app.geometry, `re-routing the reports to version ${request.params.v}`, 'CG_ERR_PUBLISH_TIMEOUT'),
      }),
  );

  app.get(
    '/api/grids/diff',
    {
      config: { role: 'planner' },
      schema: {
        tags: ['versions'],
        summary: 'What changed between two versions, grid by grid',
        description:
          'Per grid id: added, removed, or changed (same id, geometry not identical), with m² gained and lost, which grids of ' +
          '`from` the gained area was taken from and which grids of `to` hold the lost area now (id null: area no grid held or ' +
          'holds, a gap or outside). Areas on the WGS84 ellipsoid, from polygon intersections around the changed grids only ' +
          '(core diffGrids). Unchanged grids are only counted. 404 CG_ERR_UNKNOWN_VERSION.',
        querystring: DiffQuerySchema,
        response: { 200: DiffAnswerSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const toSet = await app.store.grids.versionGridSet(request.query.to);
      const from = request.query.from ?? app.store.grids.currentVersion();
      if (from === null) throw serverError([problem('CG_ERR_NO_GRIDS', {})]);
      const fromSet = await app.store.grids.versionGridSet(from);
      const { changes, unchanged } = await app.geometry.run(
        'diffGrids',
        { from: fromSet, to: toSet },
        `the diff of versions ${from} and ${request.query.to}`,
      );
      const count = (kind: string) => changes.filter((c) => c.change === kind).length;
      return {
        from,
        to: request.query.to,
        added: count('added'),
        removed: count('removed'),
        changed: count('changed'),
        unchanged,
        changes,
      };
    },
  );

  app.get(
    '/api/grids/versions/:v/impact',
    {
      config: { role: 'planner' },
      schema: {
        tags: ['versions'],
        summary: 'If this version were current: which reports of a period would change grid',
        description:
          "Routes the reports created in [from, to) (and of `category`) with the version's grids and compares each with the grid " +
          "it has now (the current version's): answers how many there are (`total`), how many would move (`moved`) and a " +
          'from-grid → to-grid matrix with counts, most first (null: outside every grid). With `pair=fromId,toId` it lists the ' +
          'reports of that cell instead, by (created_at, id), `limit` a page, `next` as `cursor` for the following page. Nothing ' +
          'is stored. Only reports inside the boxes of the grids that differ are routed (the rest cannot move): for 1M reports ' +
          '~0.2 s when a few grids changed and ~0.3–0.5 s when every report moves, on 2 shared cores (docs/server.md). The ' +
          'routing runs on a worker thread (other requests keep answering); past the geometry time limit it answers 503 ' +
          'CG_ERR_IMPACT_TIMEOUT. 404 CG_ERR_UNKNOWN_VERSION.',
        params: VersionParamsSchema,
        querystring: ImpactQuerySchema,
        response: { 200: Type.Union([ImpactMatrixSchema, ImpactPairSchema]), ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const { v } = request.params;
      const { pair: pairText, cursor, limit } = request.query;
      const filter = reportFilterFromQuery(request.query);
      if (pairText === undefined)
        return app.store.grids.impact(
          v,
          filter,
          (args, transfer) =>
            app.geometry.run('countMoves', args, `the impact of version ${v}`, { transfer, timeoutCode: 'CG_ERR_IMPACT_TIMEOUT' }),
          indexOnPool(app.geometry, `the impact of version ${v}`, 'CG_ERR_IMPACT_TIMEOUT'),
        );
      const pair = parsePair(pairText, app.store.grids.gridSet(), await app.store.grids.versionGridSet(v));
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null) throw bad('cursor', 'is not a cursor from this server; pass `next` from the previous page unchanged');
      // The router is built here if no matrix was asked first: the pair listing answers even
      // when the pool does not (the impact's time limit), and a planner lists a cell after its matrix.
      const page = await app.store.grids.impactReports(v, filter, pair, { limit: limit ?? DEFAULT_LIMIT, after });
      return { version: v, current: app.store.grids.currentVersion(), pair, ...page };
    },
  );
};

/** `fromId,toId` (either side empty: outside every grid), checked against both versions. */
function parsePair(text: string, current: GridSet | null, target: GridSet): ImpactPairIds {
  const parts = text.split(',');
  if (parts.length !== 2)
    throw bad('pair', `must be fromGridId,toGridId (one comma; an empty side means outside every grid), got ${JSON.stringify(text)}`);
  const [from, to] = parts.map((p) => (p.trim() === '' ? null : p.trim()));
  if (from !== null && !current?.byId.has(from)) throw bad('pair', `grid ${JSON.stringify(from)} is not in the current version`);
  if (to !== null && !target.byId.has(to)) throw bad('pair', `grid ${JSON.stringify(to)} is not in this version`);
  if (from === to) throw bad('pair', 'names the same grid twice: reports that stay are not a move');
  return { from, to };
}

function bad(param: string, complaint: string): ServerError {
  return serverError([problem('CG_ERR_VALIDATION', {}, `querystring/${param}`, complaint)]);
}

export default versions;

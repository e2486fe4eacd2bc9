import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parsePointCrs, toWgs84 } from '@citygrid/core';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import { checkDecimalParams } from '../http/check-decimal-params.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { RouteAnswerSchema, RouteQuerySchema } from './route-schemas.ts';
import { checkLonLat } from '@citygrid/core';

/** Which grid a point belongs to, answered as core's router answers, without storing anything. */
const route: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/route',
    {
      schema: {
        tags: ['grids'],
        summary: 'Route one point to its grid',
        description:
          'The grid a point falls in, its town and district (`path`), and how it matched. A point on a shared border belongs to the ' +
          'grid east of it (north of it on an east–west border), so it is never counted twice. With maxDistance, a point just ' +
          'outside every grid (GPS error at the district edge) is matched to the nearest grid within that many metres. Positions ' +
          'in GCJ-02 or BD-09 are converted to WGS84 first; `wgs84` echoes the point as routed. Nothing is stored.',
        querystring: RouteQuerySchema,
        response: { 200: RouteAnswerSchema, ...errorResponses(400, 409) },
      },
      preValidation: async (request) => checkDecimalParams(request.query, ['lon', 'lat', 'maxDistance']),
    },
    async (request) => {
      const { lon, lat, crs: crsText, maxDistance } = request.query;
      const problems: Problem[] = [];
      const bad = checkLonLat(lon, lat);
      if (bad) problems.push(at(bad.field ? `querystring/${bad.field}` : 'querystring', problem(bad.code, {}, ...bad.args)));
      const crs = crsText === undefined ? 'wgs84' : parsePointCrs(crsText);
      if (!crs) problems.push(at('querystring/crs', problem('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(crsText))));
      if (problems.length || !crs) throw serverError(problems);
      const [x, y] = toWgs84(lon, lat, crs);
      const found = app.store.grids.route(x, y, maxDistance ?? 0);
      if (!found) throw serverError([problem('CG_ERR_NO_GRIDS', {})]);
      const { grid, path, match, distance_m } = found;
      return { grid, path, match, distance_m, wgs84: [x, y] };
    },
  );
};

/** Prefixes a problem's message with the parameter it is about, as the body checks do. */
function at(where: string, p: Problem): Problem {
  p.message = `${where}: ${p.message}`;
  return p;
}

export default route;

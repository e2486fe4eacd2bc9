import { TypeBoxValidatorCompiler, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { serverError } from '../errors/catalogue.ts';
import { coverageErrorBody, summariseProblems } from './coverage-error.ts';
import { checkDecimalParams } from '../http/check-decimal-params.ts';
import {
  CoverageErrorSchema,
  CoverageRepairQuerySchema,
  CoverageResultSchema,
  CoverageValidateQuerySchema,
  RepairAnswerSchema,
} from './coverage-schemas.ts';
import { coverageContext } from './coverage-context.ts';
import { requireRole } from '../auth/access-plugin.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { FeatureCollectionSchema, GridCollectionSchema } from '../areas/geojson-schemas.ts';
import { GridsImportedSchema, GridsImportQuerySchema, GridsQuerySchema } from './grid-schemas.ts';
import { parseGridBodiesOffThread, transferOf } from './grid-body.ts';
import { rerouteOnPool } from './reroute/reroute-on-pool.ts';
import { gridsFromJson } from './grids-as-json.ts';
import type { GridSet } from '@citygrid/core';

// The body schema documents the format; parseGrids does the checking, because it names each
// bad feature with a catalogue code (CG_ERR_RING_UNCLOSED, CG_ERR_ID_DUPLICATE …) where a JSON
// schema could only say `body/features/3/geometry/coordinates/0 …`.
const parseBodyInHandler = (def: { httpPart?: string }) =>
  def.httpPart === 'body' ? (value: unknown) => ({ value }) : TypeBoxValidatorCompiler(def as never);

// Lishui's 207 grids are ~3 MB of GeoJSON; 64 MiB leaves room for a city of unit grids.
const GRIDS_BODY_LIMIT = 64 * 1024 * 1024;

/** The grid layer: read a version as GeoJSON, or import a new version. */
const grids: FastifyPluginAsyncTypebox = async (app) => {
  parseGridBodiesOffThread(app);
  app.get(
    '/api/grids',
    {
      schema: {
        tags: ['grids'],
        summary: 'The grids of the current version (or of ?version=) as GeoJSON',
        description:
          "Each feature's properties are the imported ones plus id, name, level, parent and area_m2 (m², WGS84 ellipsoid); `version` " +
          'beside `features` names the version served. Without `version`, the current one (an empty FeatureCollection before any ' +
          'import); with it, any version, drafts included. 404 CG_ERR_UNKNOWN_VERSION for a version that does not exist.',
        querystring: GridsQuerySchema,
        response: { 200: GridCollectionSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => (await app.store.grids.gridsCollection(request.query.version)) as never,
  );

  app.post(
    '/api/grids',
    {
      config: { role: 'planner' },
      bodyLimit: GRIDS_BODY_LIMIT,
      schema: {
        tags: ['grids'],
        summary: 'Import grids as a new version (a draft, or published with publish=true)',
        description:
          "Validates the whole FeatureCollection with core's parseGrids and, if every feature is a valid polygon with a unique id, " +
          'checks that the grids tile their area (validateCoverage: no gap, no overlap, matching borders), then stores them as a new ' +
          'version in one transaction. The new version is a draft: the current version keeps serving (GET /api/grids, routing, ' +
          'statistics) until POST /api/grids/versions/{v}/publish; compare it first with GET /api/grids/diff and ' +
          'GET /api/grids/versions/{v}/impact. With publish=true, and always for the first import, it is published in the same ' +
          'transaction: it becomes current and the stored reports are re-routed. Unparseable features: 400 listing every bad ' +
          "feature (index, id, fix). With boundaries loaded, each grid's parent must be one of them and contain it; with `parent`, " +
          'the grids must cover that boundary exactly. Coverage problems: 422 CG_ERR_COVERAGE_INVALID listing each gap and overlap ' +
          'with its grids and m², unless force=true, which imports anyway and lists them beside `imported`. On any refusal no ' +
          'version is made and nothing changes. Accepts application/json and application/geo+json.',
        consumes: ['application/json', 'application/geo+json'],
        querystring: GridsImportQuerySchema,
        body: FeatureCollectionSchema,
        response: { 201: GridsImportedSchema, 422: CoverageErrorSchema, ...errorResponses(400, 413, 415, 503) },
      },
      validatorCompiler: parseBodyInHandler,
    },
    async (request, reply) => {
      // A planner imports drafts; publishing (asked for, or the first import) is an admin's.
      if (request.query.publish || app.store.grids.currentVersion() === null)
        requireRole(request, 'admin', 'publish grids (publish=true, or the first import, which is always published)');
      // Parsing and the coverage check run on a worker: a clean tiling is proved by edge hashing
      // alone (~0.2 s for 10k grids), but a real file with defects can take tens of seconds.
      const context = await coverageContext(app.store, request.query.parent);
      const checked = await app.geometry.run(
        'checkGrids',
        { body: request.body, idField: request.query.idField ?? 'id', context, keep: true },
        'checking the grids',
        { transfer: transferOf(request.body) },
      );
      if (checked.problems) throw serverError(checked.problems);
      const { problems } = checked.coverage!;
      if (problems.length && !request.query.force) return reply.code(422).send(coverageErrorBody(problems));
      const grids = await gridsFromJson(checked.gridsJson!, checked.gridOffsets!);
      const gridSet: GridSet = { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: checked.idField! };
      const made = await app.store.grids.importGrids(gridSet, {
        publish: request.query.publish,
        problems: problems.length,
        reroute: rerouteOnPool(app.geometry, 'the imported version'),
        index: checked.index,
      });
      const answer = { ...made, imported: gridSet.grids.length };
      return reply.code(201).send(problems.length ? { ...answer, problems: summariseProblems(problems) } : answer);
    },
  );

  app.post(
    '/api/grids/validate',
    {
      config: { role: 'planner' },
      bodyLimit: GRIDS_BODY_LIMIT,
      schema: {
        tags: ['grids'],
        summary: 'Check that grids tile their area, without importing',
        description:
          "Parses the FeatureCollection as POST /api/grids does (400 listing every unparseable feature), then runs core's " +
          'validateCoverage and answers its result whole: `valid`, every problem (gap, overlap, invalid polygon, duplicate ' +
          'polygon, mismatched border) with the grids involved, its GeoJSON geometry (WGS84), area in m² and width in metres, ' +
          'and `stats`. A grid set with problems is still a 200: the answer is the report. Nothing is stored. See docs/coverage.md.',
        consumes: ['application/json', 'application/geo+json'],
        querystring: CoverageValidateQuerySchema,
        body: FeatureCollectionSchema,
        response: { 200: CoverageResultSchema, ...errorResponses(400, 413, 415) },
      },
      preValidation: async (request) => checkDecimalParams(request.query, ['sliverWidth']),
      validatorCompiler: parseBodyInHandler,
    },
    async (request) => {
      const { idField = 'id', sliverWidth, parent } = request.query;
      const base = await coverageContext(app.store, parent);
      const context = sliverWidth === undefined ? base : { ...base, sliverWidth };
      const checked = await app.geometry.run('checkGrids', { body: request.body, idField, context, keep: false }, 'checking the grids', {
        transfer: transferOf(request.body),
      });
      if (checked.problems) throw serverError(checked.problems);
      // `as never`: core types geometry as any GeoJSON Geometry, but never returns a GeometryCollection.
      return checked.coverage as never;
    },
  );

  app.post(
    '/api/grids/repair',
    {
      config: { role: 'planner' },
      bodyLimit: GRIDS_BODY_LIMIT,
      schema: {
        tags: ['grids'],
        summary: 'Repair grids so they tile their area, without importing',
        description:
          "Parses the FeatureCollection as POST /api/grids does (400 listing every unparseable feature), then runs core's " +
          'repairCoverage: each overlap goes to one grid (by `strategy`) and is cut from the others, gaps and inlets narrower ' +
          'than `gapWidth` join the neighbour with the longest shared border, grids are clipped to `parent`, nearly shared ' +
          "borders are snapped. Answers the repaired grids, each fix with its m², every grid's m² gained and lost, and what is " +
          'left (wide gaps, invalid polygons). Nothing is stored. See docs/coverage.md.',
        consumes: ['application/json', 'application/geo+json'],
        querystring: CoverageRepairQuerySchema,
        body: FeatureCollectionSchema,
        response: { 200: RepairAnswerSchema, ...errorResponses(400, 413, 415) },
      },
      preValidation: async (request) => checkDecimalParams(request.query, ['gapWidth', 'snapTolerance']),
      validatorCompiler: parseBodyInHandler,
    },
    async (request, reply) => {
      const { idField = 'id', parent, ...options } = request.query;
      const { parent: area } = await coverageContext(app.store, parent);
      const repair = await app.geometry.run(
        'repairAnswer',
        { body: request.body, idField, options: { ...options, parent: area } },
        'repairing the grids',
        { transfer: transferOf(request.body) },
      );
      if (repair.problems) throw serverError(repair.problems);
      // Written on the worker by the response schema: sent as it is.
      return reply
        .type('application/json; charset=utf-8')
        .send(Buffer.from(repair.json!.buffer, repair.json!.byteOffset, repair.json!.byteLength) as never);
    },
  );
};

export default grids;

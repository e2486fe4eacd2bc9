import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { assessmentCsv, assessmentXlsx } from './assessment-export.ts';
import { AssessmentQuerySchema, AssessmentSchema, ExplainQuerySchema, ExplainSchema } from './assessment-schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TABLE_DESCRIPTION =
  "Each unit of a level (grid, community, street, district, department, person) over a period (month 2026-11, quarter 2026-Q4, year 2026, ISO week 2026-W47, cut at local midnight of the profile's timezone): " +
  'every indicator as { value, numerator, denominator } (value null = n/a: nothing was due), the weighted score, grade, rank (ties share a rank; units without a score are unranked and listed last), ' +
  "the previous period's score and rank, and flags (three-fails: below the pass grade three periods in a row). Computed from the case event log, ratings and patrol check-ins; " +
  'weights and grades are the profile’s `assessment` settings, and `formulas` says what each indicator counts (docs/assessment.md). ' +
  '`format=csv|xlsx` downloads the same table (Chinese and English headers; value, numerator and denominator per indicator). Read with any key (viewer and up).';

/** Assessments (issue 16): the ranked indicators table, its exports, and one unit explained. */
const assessment: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/assessment',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Indicators, scores, grades and ranks of a level over a period (JSON, CSV or Excel)',
        description: TABLE_DESCRIPTION,
        querystring: AssessmentQuerySchema,
        response: {
          200: {
            description: 'the table (JSON), or the same as CSV or an Excel workbook',
            content: {
              'application/json': { schema: AssessmentSchema },
              'text/csv': { schema: Type.String() },
              [XLSX]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { level, period, format = 'json' } = request.query;
      const table = await app.store.assessment.table(level, period);
      if (format === 'json') return table;
      const name = `assessment-${table.level}-${table.period.code}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(assessmentCsv(table));
      return reply.type(XLSX).send(await assessmentXlsx(table));
    },
  );

  app.get(
    '/api/assessment/:level/:id',
    {
      schema: {
        tags: ['assessment'],
        summary: 'One unit explained: the cases behind each numerator and denominator',
        description:
          'For each indicator of the unit over the period, its fraction with the case ids counted in the numerator and in the denominator (rated case ids for satisfaction, ' +
          '`grid day` strings — or days, for a person — for attendance), read with the same conditions as the table. 404 for a unit the level does not have.',
        params: Type.Object({ level: Type.String(), id: Type.String({ minLength: 1 }) }),
        querystring: ExplainQuerySchema,
        response: { 200: ExplainSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => app.store.assessment.explain(request.params.level, request.params.id, request.query.period),
  );
};

export default assessment;

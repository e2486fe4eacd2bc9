import { Type, type Static } from 'typebox';

/** One thing wrong with a request: a catalogue code, where, and the fix. */
export const ProblemSchema = Type.Object({
  code: Type.String({ description: 'CG_ERR_* code from the error catalogue', examples: ['CG_ERR_COORD_SWAPPED'] }),
  message: Type.String({ description: 'what is wrong and where (a field path such as body/3/lat, or a feature index)' }),
  fix: Type.String({ description: 'what to change' }),
  index: Type.Optional(Type.Integer({ minimum: 0, description: '0-based index of the bad array element or feature' })),
  id: Type.Optional(Type.String({ description: 'id of the bad element or feature, where it has one' })),
  path: Type.Optional(Type.String({ description: 'JSON pointer of the bad member (city profile problems), e.g. /dispatch/2/department' })),
  line: Type.Optional(Type.Integer({ minimum: 1, description: '1-based line of an NDJSON body (POST /api/cases/import)' })),
});

/** Every error response: the first problem's code and message, and the full list. */
export const ErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'CG_ERR_* code of the first problem', examples: ['CG_ERR_VALIDATION'] }),
    message: Type.String(),
    fix: Type.String(),
    problems: Type.Array(ProblemSchema),
  },
  { description: 'An error. The HTTP status comes from the catalogue entry of `error`.' },
);

export type ErrorBody = Static<typeof ErrorSchema>;

/** Response map entries for the error statuses a route may answer with. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}

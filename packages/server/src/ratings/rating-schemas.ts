import { Type, type Static } from 'typebox';

/** POST /api/cases/{id}/rating's body. */
export const RatingBodySchema = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 10, description: "1 (very unhappy) … the profile's scale (5 by default)", examples: [5] }),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: 'what the reporter said' })),
    report_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: "the reporter's report, one of the case's (default: its first report)" }),
    ),
  },
  { additionalProperties: false },
);

/** A stored rating. */
export const RatingSchema = Type.Object({
  case_id: Type.String(),
  report_id: Type.String({ description: 'whose rating: the reporter of this report' }),
  rating: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String({
    description: 'api (回访: an operator recording a follow-up call, or an intake client), open311, or import (history)',
  }),
  rated_at: Type.String({ format: 'date-time' }),
});

export type RatingBody = Static<typeof RatingBodySchema>;
export type Rating = Static<typeof RatingSchema>;

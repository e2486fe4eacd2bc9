import { Type } from 'typebox';

/** Why a report is removed: required, kept in the record with who did it. */
const Reason = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'why, in words kept in the removal record (e.g. "created_at typo: 2006 for 2026")',
});

export const DeleteReportQuerySchema = Type.Object({ reason: Reason }, { additionalProperties: false });

export const RedactReportBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });

export const RemovalSchema = Type.Object({
  report_id: Type.String(),
  action: Type.Union([Type.Literal('delete'), Type.Literal('redact')]),
  reason: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()], {
    description: 'the API key id that asked; null with access control off, cli from the command line',
  }),
  acted_at: Type.String({ description: 'ISO 8601 UTC' }),
  category: Type.String({ description: "the report's category when it was removed" }),
  created_at: Type.String({ description: "the report's created_at when it was removed" }),
});

export const RemovalsSchema = Type.Object({ removals: Type.Array(RemovalSchema) });

import { Type, type Static } from 'typebox';

const Sha256 = Type.String({
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 of the file, lowercase hex: its name, its ETag and its checksum',
  examples: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
});

export const AttachmentSchema = Type.Object({
  sha256: Sha256,
  media_type: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png'), Type.Literal('image/webp')], {
    description: "read from the file's first bytes",
  }),
  bytes: Type.Integer({ minimum: 0 }),
  url: Type.String({
    description: 'GET it with a key of role viewer or above',
    examples: ['/api/attachments/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  }),
});

export type Attachment = Static<typeof AttachmentSchema>;

export const AttachmentsSchema = Type.Object({ attachments: Type.Array(AttachmentSchema) });

export const ReportParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: "the report's id" }) });

export const AttachmentParamsSchema = Type.Object({ sha256: Sha256 });

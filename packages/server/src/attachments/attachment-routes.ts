import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problem, serverError } from '../errors/catalogue.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { AttachmentParamsSchema, AttachmentsSchema, ReportParamsSchema } from './attachment-schemas.ts';
import type { ReceivedFile } from './receive-file.ts';
import { IMAGE_TYPES } from './sniff-image.ts';
import { Type } from 'typebox';
import type { Readable } from 'node:stream';

/** Options of the attachments routes (build's `attachments`). */
export interface AttachmentOptions {
  /** [10 MB] Largest file accepted, in bytes; a larger one is refused with 413. */
  maxBytes?: number;
  /** [20] Most files in one request; more are refused with 413. */
  maxFiles?: number;
}

const DEFAULTS = {
  maxBytes: 10 * 1024 * 1024, // a 12-megapixel phone JPEG is 3–6 MB
  maxFiles: 20,
} satisfies AttachmentOptions;

// Photos may show faces and number plates: served to keys of role viewer or above only, even
// where reads are public (serve --public-read), and never cached by shared caches.
const CACHE = 'private, max-age=31536000, immutable';

const MULTIPART_ERRORS: Record<string, (limits: Required<AttachmentOptions>) => ReturnType<typeof serverError>> = {
  FST_FILES_LIMIT: (l) => serverError([problem('CG_ERR_TOO_MANY_FILES', {}, l.maxFiles)]),
  FST_PARTS_LIMIT: (l) => serverError([problem('CG_ERR_TOO_MANY_FILES', {}, l.maxFiles)]),
};

/** Photos of reports: upload (multipart), list, and the files themselves. */
const attachments: FastifyPluginAsyncTypebox<AttachmentOptions> = async (app, options) => {
  const limits = { ...DEFAULTS, ...options };
  await app.register(multipart, { limits: { fileSize: limits.maxBytes, files: limits.maxFiles, parts: limits.maxFiles + 20 } });

  app.post(
    '/api/reports/:id/attachments',
    {
      config: { role: 'reporter' },
      // Refused before the body is read, and after the key is checked (onRequest).
      preParsing: async (request) => {
        // isMultipart() is only known once the body is parsed: the header says it first.
        if (!/^multipart\/form-data\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
          throw serverError([problem('CG_ERR_NOT_MULTIPART', {}, JSON.stringify(request.headers['content-type'] ?? 'none'))]);
      },
      schema: {
        tags: ['attachments'],
        summary: 'Attach photos to a report',
        description:
          `multipart/form-data with one or more file parts (any field name; other fields are ignored), up to ${limits.maxFiles} files of ${limits.maxBytes} bytes each (413 beyond). ` +
          'JPEG, PNG and WebP only, decided by the first bytes of each file, not its name or declared type (415 otherwise). ' +
          'All the files are stored or none. A file is stored once by its SHA-256 (the `sha256` answered is its checksum); posting the same file again for the report changes nothing. 404 for an unknown report.',
        params: ReportParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentsSchema, ...errorResponses(400, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const service = app.store.attachments;
      await service.requireReport(request.params.id);
      const received: ReceivedFile[] = [];
      try {
        for await (const part of request.files({
          limits: { fileSize: limits.maxBytes, files: limits.maxFiles },
          throwFileSizeLimit: false,
        })) {
          received.push(await service.receive(part, limits.maxBytes));
        }
      } catch (e) {
        await service.discard(received);
        const code = (e as { code?: string }).code;
        throw (code && MULTIPART_ERRORS[code]?.(limits)) || e;
      }
      if (!received.length)
        throw serverError([
          problem('CG_ERR_VALIDATION', {}, 'body', 'has no file parts: send each photo as a file part (curl -F file=@photo.jpg)'),
        ]);
      return reply.code(201).send({ attachments: await service.add(request.params.id, received) });
    },
  );

  app.get(
    '/api/reports/:id/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'The photos of a report',
        description: 'Oldest first; each `url` serves the file to a key of role viewer or above. 404 for an unknown report.',
        params: ReportParamsSchema,
        response: { 200: AttachmentsSchema, ...errorResponses(404) },
      },
    },
    async (request) => ({ attachments: await app.store.attachments.list(request.params.id) }),
  );

  app.get(
    '/api/attachments/:sha256',
    {
      config: { role: 'viewer', publicRead: false },
      schema: {
        tags: ['attachments'],
        summary: 'A photo',
        description:
          'The file with its media type, ETag (its SHA-256) and immutable caching (private: never in a shared cache). Photos may show faces and number plates: ' +
          'a key of role viewer or above is needed even where reads are public. 404 when no report has it.',
        params: AttachmentParamsSchema,
        response: {
          200: {
            description: 'the file',
            content: Object.fromEntries(
              IMAGE_TYPES.map((t) => [t, { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) }]),
            ),
          },
          304: Type.Null({ description: 'not modified (If-None-Match matched)' }),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const file = await app.store.attachments.open(request.params.sha256);
      const etag = `"${file.sha256}"`;
      reply.header('etag', etag).header('cache-control', CACHE);
      if (request.headers['if-none-match']?.split(/\s*,\s*/).some((t) => t === etag || t === `W/${etag}` || t === '*'))
        return reply.code(304).send(null);
      return reply.type(file.media_type).header('content-length', file.bytes).send(file.stream());
    },
  );
};

export default attachments;

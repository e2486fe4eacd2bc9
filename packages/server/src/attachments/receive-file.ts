import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { problem, serverError } from '../errors/catalogue.ts';
import type { AttachmentFolder } from './attachment-folder.ts';
import { describeHead, sniffImage, SNIFF_BYTES, type ImageType } from './sniff-image.ts';

/** A file part of a multipart request, as @fastify/multipart gives it. */
export interface FilePart {
  filename: string;
  mimetype: string;
  /** `truncated` is set when the part went over the size limit. */
  file: Readable & { truncated?: boolean };
}

/** A file written to a temp file in the folder, checked, not yet placed. */
export interface ReceivedFile {
  /** The name the client gave, for messages only. */
  name: string;
  tempPath: string;
  /** Lowercase hex. */
  sha256: string;
  bytes: number;
  mediaType: ImageType;
}

/**
 * Streams one uploaded file into a temp file of the folder, hashing it on the way (SHA-256),
 * then checks its size and type. A file over `maxBytes` (413 CG_ERR_FILE_TOO_LARGE) or not a
 * JPEG, PNG or WebP by its first bytes (415 CG_ERR_UNSUPPORTED_IMAGE) is deleted before the
 * error is thrown: nothing of a refused file stays.
 * @param maxBytes the limit the multipart parser was given (it truncates the part there)
 * @example const received = await receiveFile(part, folder, 10 * 1024 * 1024);
 */
export async function receiveFile(part: FilePart, folder: AttachmentFolder, maxBytes: number): Promise<ReceivedFile> {
  const tempPath = await folder.tempPath();
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  const name = JSON.stringify(part.filename || '(no name)');
  try {
    await pipeline(part.file, tap, createWriteStream(tempPath));
    if (part.file.truncated) throw serverError([problem('CG_ERR_FILE_TOO_LARGE', {}, name, maxBytes)]);
    const mediaType = sniffImage(head);
    if (!mediaType)
      throw serverError([
        problem('CG_ERR_UNSUPPORTED_IMAGE', {}, name, `${describeHead(head)} (declared ${part.mimetype || 'without a type'})`),
      ]);
    return { name: part.filename, tempPath, sha256: hash.digest('hex'), bytes, mediaType };
  } catch (e) {
    await folder.discard(tempPath);
    throw e;
  }
}

import { createReadStream, rmSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MEDIA_TYPES } from './negotiate-format.ts';
import type { ExportFiles, ExportFormat } from './export-reports.ts';
import type { ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';

const COLLECTION_HEAD = '{"type":"FeatureCollection","features":[\n';
const COLLECTION_TAIL = ']}\n';
const NEWLINE = 0x0a;
const COMMA = Buffer.from(',');

/**
 * Answers with every report of the filter as a file: DuckDB COPYs them into a fresh temporary
 * directory inside one read snapshot, then the files are streamed out one after the other
 * (GeoJSON's newline-delimited Features joined into a FeatureCollection on the way) and the
 * directory removed when the stream closes, whether it ended or the client went away. The
 * JavaScript side holds a few 64 KiB chunks whatever the count; DuckDB's share is bounded by
 * its slices (see exportReports).
 *
 * @param filterOf the filter, read from the snapshot (a community's grids depend on its version)
 */
export async function sendExport(
  app: FastifyInstance,
  reply: FastifyReply,
  format: ExportFormat,
  filterOf: (snapshot: Snapshot) => ReportFilter,
): Promise<FastifyReply> {
  const dir = await mkdtemp(join(tmpdir(), 'citygrid-export-'));
  // Synchronous: a few unlinks, done before anything else can end the process (a test run that
  // finishes right after the last export left its directory behind with an async rm).
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let written: ExportFiles;
  let size = 0;
  try {
    written = await app.store.reports.exportReports(filterOf, format, dir);
    for (const file of written.files) size += (await stat(file)).size;
  } catch (e) {
    cleanup();
    throw e;
  }
  const { files, rows } = written;
  const body =
    format === 'parquet' ? createReadStream(files[0]) : Readable.from(format === 'geojson' ? featureCollection(files) : concat(files));
  body.once('close', cleanup);
  // GeoJSON adds its head and tail, and a comma between two Features.
  const length = format === 'geojson' ? size + COLLECTION_HEAD.length + COLLECTION_TAIL.length + Math.max(rows - 1, 0) : size;
  return reply
    .header('content-type', format === 'parquet' ? MEDIA_TYPES.parquet : `${MEDIA_TYPES[format]}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="reports.${format}"`)
    .header('content-length', String(length))
    .header('x-citygrid-count', String(rows))
    .send(body);
}

/** The files' bytes, one file after the other. */
async function* concat(files: string[]): AsyncGenerator<Buffer> {
  for (const file of files) for await (const chunk of createReadStream(file)) yield chunk as Buffer;
}

/**
 * Newline-delimited Features as a FeatureCollection: a comma goes before every Feature but the
 * first. JSON text never holds a raw newline (strings escape it) and 0x0A never occurs inside
 * a UTF-8 sequence, so every newline byte ends a Feature.
 */
async function* featureCollection(files: string[]): AsyncGenerator<Buffer | string> {
  yield COLLECTION_HEAD;
  let first = true;
  let lineStart = true;
  for await (const chunk of concat(files)) {
    const parts: Buffer[] = [];
    for (let pos = 0; pos < chunk.length; ) {
      if (lineStart) {
        if (!first) parts.push(COMMA);
        first = false;
        lineStart = false;
      }
      const newline = chunk.indexOf(NEWLINE, pos);
      const end = newline < 0 ? chunk.length : newline + 1;
      parts.push(chunk.subarray(pos, end));
      lineStart = newline >= 0;
      pos = end;
    }
    yield Buffer.concat(parts);
  }
  yield COLLECTION_TAIL;
}

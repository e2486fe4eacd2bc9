import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MEDIA_TYPES } from '../../query/negotiate-format.ts';
import { exportReports, type ExportFormat } from '../../store/export-reports.ts';
import type { ReportFilter } from '../../store/report-filter.ts';
import type { Snapshot } from '../../store/snapshot.ts';

const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', geojson: 'geojson', parquet: 'parquet' };
const COLLECTION_HEAD = '{"type":"FeatureCollection","features":';

/**
 * Answers with every report of the filter as a file: DuckDB COPYs them to a fresh temporary
 * directory inside one read snapshot, then the file is streamed out (GeoJSON wrapped as a
 * FeatureCollection on the way) and the directory removed when the stream closes, whether it
 * ended or the client went away. Memory stays bounded by DuckDB's buffers and the stream's
 * highWaterMark, whatever the count.
 *
 * @param filterOf the filter, read from the snapshot (a community's grids depend on its version)
 */
export async function sendExport(app: FastifyInstance, reply: FastifyReply, format: ExportFormat, filterOf: (snapshot: Snapshot) => ReportFilter): Promise<FastifyReply> {
  const dir = await mkdtemp(join(tmpdir(), 'citygrid-export-'));
  const cleanup = () => void rm(dir, { recursive: true, force: true });
  const path = join(dir, `reports.${EXTENSIONS[format]}`);
  let rows: number;
  let size: number;
  try {
    rows = await app.store.readSnapshot((snapshot) => exportReports(snapshot.conn, filterOf(snapshot), format, path));
    size = (await stat(path)).size;
  } catch (e) {
    cleanup();
    throw e;
  }
  const body = format === 'geojson' ? Readable.from(featureCollection(path)) : createReadStream(path);
  body.once('close', cleanup);
  const length = format === 'geojson' ? size + COLLECTION_HEAD.length + 1 : size;
  return reply
    .header('content-type', format === 'parquet' ? MEDIA_TYPES.parquet : `${MEDIA_TYPES[format]}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="reports.${EXTENSIONS[format]}"`)
    .header('content-length', String(length))
    .header('x-citygrid-count', String(rows))
    .send(body);
}

/** The JSON array DuckDB wrote, inside `{"type":"FeatureCollection","features": … }`. */
async function* featureCollection(path: string): AsyncGenerator<Buffer | string> {
  yield COLLECTION_HEAD;
  for await (const chunk of createReadStream(path)) yield chunk as Buffer;
  yield '}';
}

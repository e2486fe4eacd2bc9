/** Report positions for the heatmap: the binary points answer, or bins as weighted points. */
import type { Bins } from '@citygrid/server';

/** Report positions: interleaved `[lon, lat, lon, lat, …]`, WGS84 degrees. */
export interface ReportPoints {
  positions: Float32Array;
  count: number;
  /** A weight per point (binned reports: the count of each bin); absent = 1 each. */
  weights?: Float32Array;
}

/**
 * Checks and wraps the body of `/api/reports/points`: little-endian float32 `[lon, lat]` pairs.
 *
 * @param header value of `x-citygrid-count`, checked against the body when present
 * @example decodePoints(new Float32Array([109, 32.7]).buffer, '1').count // 1
 */
export function decodePoints(body: ArrayBuffer, header: string | null): ReportPoints {
  if (body.byteLength % 8 !== 0) throw new Error(`expected a multiple of 8 bytes (float32 lon, lat), got ${body.byteLength}`);
  const positions = new Float32Array(body);
  const count = positions.length / 2;
  if (header !== null && Number(header) !== count) {
    throw new Error(`x-citygrid-count says ${header} reports, body holds ${count}`);
  }
  return { positions, count };
}

/** The part of `GET /api/stats/bins` the heatmap reads. */
export type BinsAnswer = Pick<Bins, 'bins' | 'count' | 'lon' | 'lat'>;

/**
 * Bins as weighted points: each bin's centre, weighing its count (the heatmap's SUM then adds
 * up to the same totals as the raw points).
 * @example binsToPoints({ bins: 1, count: [5], lon: [109], lat: [32.7] }).weights // Float32Array [5]
 */
export function binsToPoints(answer: BinsAnswer): ReportPoints {
  const n = answer.bins;
  if (answer.count.length !== n || answer.lon.length !== n || answer.lat.length !== n) {
    throw new Error(`expected ${n} bins in count, lon and lat, got ${answer.count.length}, ${answer.lon.length}, ${answer.lat.length}`);
  }
  const positions = new Float32Array(2 * n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = answer.lon[i];
    positions[2 * i + 1] = answer.lat[i];
    weights[i] = answer.count[i];
  }
  return { positions, count: n, weights };
}

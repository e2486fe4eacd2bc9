import { TimestampValue, type Connection } from '../db/connection.ts';
import { withAppender } from '../db/with-appender.ts';

/** A patrol check-in as the field app records it (`patrol_checkins`); `checked_in_at` in UTC ms. */
export interface CheckinRow {
  patrol_id: string;
  person_id: string;
  grid_id: string;
  checked_in_at: number;
  lon: number;
  lat: number;
}

/**
 * Appends check-ins (the caller holds the write lock): what attendance (出勤率) reads.
 * @example await appendCheckins(conn, [{ patrol_id: 'p1', person_id: 'P1', grid_id: 'A1', checked_in_at: t, lon, lat }]);
 */
export async function appendCheckins(conn: Connection, rows: readonly CheckinRow[]): Promise<void> {
  if (!rows.length) return;
  await withAppender(conn, 'patrol_checkins', (a) => {
    for (const r of rows) {
      a.appendVarchar(r.patrol_id);
      a.appendVarchar(r.person_id);
      a.appendVarchar(r.grid_id);
      a.appendTimestamp(new TimestampValue(BigInt(r.checked_in_at) * 1000n));
      a.appendDouble(r.lon);
      a.appendDouble(r.lat);
      a.endRow();
    }
  });
}

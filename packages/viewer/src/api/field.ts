/**
 * The endpoints of the field app (/m, 城管通): who the key is, reports and their photos from
 * the offline queue, patrols, and the grids' risk colours. Types are the server's own.
 */
import type { Attachment, CatalogueAnswer, Me, Patrol, PatrolBody, ReportInput, RiskAnswer, RoutedReport } from '@citygrid/server';
import type { Client } from './client.ts';

export type { RiskAnswer };

/** The field app's endpoints. */
export interface FieldApi {
  /** `GET /api/me`: the key's role, grids and person. */
  me(): Promise<Me>;
  /** `GET /api/profile/catalogue`: categories with attributes, sources. */
  fieldCatalogue(): Promise<CatalogueAnswer>;
  /** `POST /api/reports` with one report; a resend of its id answers the stored report. */
  sendReport(report: ReportInput & { id: string }): Promise<RoutedReport>;
  /** `POST /api/reports/{id}/attachments` with one photo. */
  sendPhoto(reportId: string, photo: Blob, name: string): Promise<Attachment[]>;
  /** `POST /api/patrols`: 201 new, 200 already stored. */
  sendPatrol(patrol: PatrolBody): Promise<Patrol>;
  /** `GET /api/risk?period=`, or null when the server has no risk colours (404). */
  risk(period: string): Promise<RiskAnswer | null>;
}

/**
 * The field endpoints over a client.
 * @example const me = await fieldApi(createClient({ headers: () => keyHeaders(key) })).me();
 */
export function fieldApi(client: Client): FieldApi {
  return {
    me: () => client.json('GET', '/api/me'),
    fieldCatalogue: () => client.json('GET', '/api/profile/catalogue'),
    sendReport: async (report) => (await client.json<{ reports: RoutedReport[] }>('POST', '/api/reports', { body: report })).reports[0],
    sendPhoto: async (reportId, photo, name) => {
      const form = new FormData();
      form.append('file', photo, name);
      const res = await client.request('POST', `/api/reports/${encodeURIComponent(reportId)}/attachments`, { form });
      return ((await res.json()) as { attachments: Attachment[] }).attachments;
    },
    sendPatrol: (patrol) => client.json('POST', '/api/patrols', { body: patrol }),
    risk: async (period) => {
      try {
        return await client.json<RiskAnswer>('GET', `/api/risk?period=${encodeURIComponent(period)}`);
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
  };
}

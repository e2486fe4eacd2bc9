/**
 * The export buttons: links to `GET /api/assessment?…&format=csv|xlsx` for the period and level
 * shown. A plain link cannot carry the API key (the server wants `Authorization: Bearer …` where
 * reads need a key), so a click fetches the file with the tab's key and saves it from a blob.
 */
import { assessmentPath, type AssessFormat, type AssessLevel } from '../api/index.ts';

/**
 * The name the file is saved under.
 * @example exportFileName('street', '2026-Q4', 'xlsx') // 'assessment-street-2026-Q4.xlsx'
 */
export function exportFileName(level: AssessLevel, period: string, format: AssessFormat): string {
  return `assessment-${level}-${period}.${format}`;
}

/**
 * Points an export link at the table shown (its href works alone where reads are public).
 * @example pointExport(link, 'grid', '2026-11', 'csv')
 */
export function pointExport(link: HTMLAnchorElement, level: AssessLevel, period: string, format: AssessFormat): void {
  link.href = assessmentPath(level, period, format);
  link.download = exportFileName(level, period, format);
}

/**
 * Saves a fetched file under a name, through a temporary link to a blob URL.
 * @example saveBlob(await api.assessmentFile('grid', '2026-11', 'csv'), 'assessment-grid-2026-11.csv')
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob once click() returns; a minute covers slow save dialogs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

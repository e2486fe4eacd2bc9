/** A case's detail: its head (stage, time left), attributes, reports, photos and timeline. */
import type { Api, CaseDetail } from '../api/index.ts';
import { $, categoryLabel, el, urgencyLabel, type DeskContext } from './desk-context.ts';
import { dt, roleLabel } from './strings.ts';
import { cstTime, formatTimeLeft, timeLeftNow } from './time-left.ts';
import { timelineRows } from './timeline.ts';
import { departmentLabel, stageLabel } from './workflow.ts';

/** Shows a case (the map and the actions are drawn by their own modules). */
export function renderDetail(d: CaseDetail, receivedAt: number, ctx: DeskContext): void {
  const c = d.case;
  $('detail-empty').hidden = true;
  $('detail-body').hidden = false;
  Object.assign($('detail').dataset, { caseId: c.id, version: String(c.version), stage: c.stage });
  $('case-title').textContent = `${c.id} · ${categoryLabel(ctx, c.category)}`;
  $('case-stage').textContent =
    stageLabel(ctx.workflow, c.stage, ctx.lang) + (c.suspended ? (ctx.lang === 'en' ? ' (suspended)' : '（挂账）') : '');
  renderTimeLeft(c.time_left_ms, c.overdue, receivedAt, ctx);
  const attrs: [string, string][] = [
    [dt(ctx.lang, 'urgency'), urgencyLabel(ctx, c.urgency)],
    [dt(ctx.lang, 'department'), departmentLabel(ctx.departments, c.department, ctx.lang) || '—'],
    [dt(ctx.lang, 'level'), roleLabel(`level.${c.owner_level}`, ctx.lang)],
    [dt(ctx.lang, 'grid'), c.grid_id ?? '—'],
    [dt(ctx.lang, 'opened'), cstTime(c.opened_at)],
  ];
  const counters = (['reworks', 'returns', 'extensions', 'escalations', 'transfers', 'reopens'] as const).filter((k) => c[k] > 0);
  if (counters.length) attrs.push(['#', counters.map((k) => `${k} ${c[k]}`).join(' · ')]);
  if (c.merged_into) attrs.push(['→', c.merged_into]);
  $('case-attrs').replaceChildren(...attrs.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]));
  $('case-reports').replaceChildren(
    ...d.reports.map((r) => {
      const li = el('li', '', `${cstTime(r.created_at)} · ${categoryLabel(ctx, r.category)} · ${r.source}`);
      if (r.address) li.append(el('div', 'address', String(r.address)));
      if (r.description) li.append(el('div', 'description', String(r.description)));
      return li;
    }),
  );
  $('case-timeline').replaceChildren(
    ...timelineRows(d.events, ctx.workflow, ctx.departments, ctx.lang).map((row) => {
      const li = el('li');
      Object.assign(li.dataset, { action: row.action, version: String(row.version) });
      li.append(
        el('time', '', row.when),
        el('strong', '', row.what),
        el('span', 'who', row.who),
        ...row.details.map((t) => el('span', 'detail', t)),
      );
      return li;
    }),
  );
}

/** The time left in the head, counted down from the answer. */
export function renderTimeLeft(timeLeftMs: number | null, overdue: boolean, receivedAt: number, ctx: DeskContext): void {
  const left = timeLeftNow(timeLeftMs, receivedAt, Date.now());
  const span = $('case-time-left');
  span.textContent = formatTimeLeft(left, ctx.lang);
  span.classList.toggle('overdue', overdue || (left !== null && left < 0));
}

/**
 * Thumbnails of the photos of a case's reports (`GET /api/reports/{id}/attachments`); a server
 * without attachments, or a report without any, leaves the slot saying so.
 */
export async function renderPhotos(api: Api, reportIds: readonly string[], ctx: DeskContext): Promise<void> {
  const slot = $('case-photos');
  slot.replaceChildren(el('span', 'muted', dt(ctx.lang, 'noPhotos')));
  const lists = await Promise.all(
    reportIds.map((id) =>
      api
        .attachments(id)
        .then((a) => a.attachments)
        .catch(() => []),
    ),
  );
  const images = lists.flat().filter((a) => a.media_type.startsWith('image/'));
  // Fetched with the key and shown from blob: URLs (the CSP allows them); one that fails is left out.
  const urls = (
    await Promise.all(
      images.map((a) =>
        api
          .attachmentBlob(a.url)
          .then((b) => URL.createObjectURL(b))
          .catch(() => null),
      ),
    )
  ).filter((u) => u !== null);
  if (!urls.length) return;
  for (const img of slot.querySelectorAll('img')) URL.revokeObjectURL(img.src);
  slot.replaceChildren(
    ...urls.map((src) => {
      const link = Object.assign(el('a'), { href: src, target: '_blank', rel: 'noopener' });
      link.append(Object.assign(el('img'), { src, alt: '', loading: 'lazy' }));
      return link;
    }),
  );
}

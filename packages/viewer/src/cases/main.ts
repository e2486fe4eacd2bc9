// The desk (`/cases`): wiring only. Queue order and tabs are queue.ts, the action form's fields
// and checks action-form.ts, the keys shortcuts.ts, words strings.ts; the views *-view.ts.
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../style.css';
import './cases.css';
import { DEFAULT_PROFILE } from '@citygrid/core';
import {
  ApiError,
  createApi,
  keyHeaders,
  storeApiKey,
  storedApiKey,
  watchCases,
  type ActionBody,
  type CaseDetail,
  type ServedCase,
} from '../api/index.ts';
import { createClient } from '../api/client.ts';
import { coalesce } from '../wall/coalesce.ts';
import { pageBusy } from '../ui/page-busy.ts';
import { otherLang, type Lang } from '../wall/i18n.ts';
import { closeForm, openForm, renderActions } from './action-view.ts';
import { CaseMap } from './case-map.ts';
import { $, type DeskContext } from './desk-context.ts';
import { renderDetail, renderPhotos, renderTimeLeft } from './detail-view.ts';
import { wireFieldKeyDialog } from './field-key-view.ts';
import { renderHelp, toggleHelp } from './help-view.ts';
import { casesOfTab, firstTab, moveSelection, tabCounts, type QueueTab } from './queue.ts';
import { fillFilters, readFilter, renderQueue, renderTabs } from './queue-view.ts';
import { keyHit } from './shortcuts.ts';
import { applyStrings, dt } from './strings.ts';
import { actionLabel, openStages, workflowOf } from './workflow.ts';

const busy = pageBusy(fail);

const api = createApi({ headers: () => keyHeaders(storedApiKey()) });
const ctx: DeskContext = {
  lang: new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN',
  workflow: workflowOf(null),
  departments: [],
  categories: new Map(),
  urgencies: DEFAULT_PROFILE.urgencies ?? [],
};
const caseMap = new CaseMap(api);
const status = $('status');
let all: ServedCase[] = [];
let shown: ServedCase[] = [];
let tab: QueueTab | null = null;
let selected = -1;
let listAt = 0;
let open: { detail: CaseDetail; at: number } | null = null;
let contextRefused = false;

const refresh = coalesce(() => busy(loadQueue), { quietMs: 500, maxMs: 3000 });
watchCases(
  (e) => {
    refresh.poke();
    // An open form keeps the version it was opened on: a change meanwhile is told by the 409.
    if (e && open && e.case_id === open.detail.case.id && e.version > open.detail.case.version && $('case-form').hidden)
      busy(() => openCase(e.case_id));
  },
  { onLive: (on) => $('live').classList.toggle('on', on) },
);
setInterval(() => (renderList(), open && renderTimeLeft(open.detail.case.time_left_ms, open.detail.case.overdue, open.at, ctx)), 30_000);

$<HTMLInputElement>('api-key').value = storedApiKey();
$('api-key').addEventListener('change', () => {
  storeApiKey($<HTMLInputElement>('api-key').value);
  say(dt(ctx.lang, storedApiKey() ? 'keyStored' : 'keyCleared'));
  tab = null;
  // The case open, or the one the address names (`cases#<id>`) that the server refused without a key.
  const id = open?.detail.case.id ?? (location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : '');
  busy(async () => (contextRefused && (await loadContext()), await loadQueue(), id && (await openCase(id))));
});
for (const id of ['f-stage', 'f-department', 'f-grid', 'f-overdue']) $(id).addEventListener('change', () => busy(loadQueue));
$('lang').addEventListener('click', () => setLang(otherLang(ctx.lang)));
$('help-toggle').addEventListener('click', () => toggleHelp());
wireFieldKeyDialog(createClient({ headers: () => keyHeaders(storedApiKey()) }));
document.addEventListener('keydown', onKey);
window.addEventListener('hashchange', () => location.hash.length > 1 && busy(() => openCase(decodeURIComponent(location.hash.slice(1)))));
setLang(ctx.lang);
busy(start);

async function start(): Promise<void> {
  await loadContext();
  await loadQueue();
  if (location.hash.length > 1) await openCase(decodeURIComponent(location.hash.slice(1)));
}

/**
 * The profile's workflow, departments, categories and urgencies. A server whose reads need a
 * key refuses them until one is pasted (`contextRefused`): the key's change asks again.
 */
async function loadContext(): Promise<void> {
  let refused = false;
  const refusedNull = (e: unknown) => {
    if (e instanceof ApiError && e.unauthorised) refused = true;
    return null;
  };
  const [profile, catalogue] = await Promise.all([api.profile().catch(refusedNull), api.catalogue().catch(refusedNull)]);
  contextRefused = refused;
  ctx.workflow = workflowOf(profile?.profile);
  ctx.departments = catalogue?.departments ?? profile?.profile.departments ?? [];
  ctx.categories = new Map((catalogue?.categories ?? []).map((c) => [c.code, c]));
  ctx.urgencies = profile?.profile.urgencies ?? ctx.urgencies;
  fillFilters(ctx);
}

function setLang(lang: Lang): void {
  ctx.lang = lang;
  applyStrings(document, lang);
  fillFilters(ctx);
  renderHelp(ctx, open?.detail.case.allowed_actions ?? []);
  renderList();
  if (open) showCase(open.detail, open.at);
}

async function loadQueue(): Promise<void> {
  const f = readFilter();
  try {
    all = (await api.cases({ ...f, limit: 500 })).cases;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) document.body.dataset.cases = 'missing';
    throw e;
  }
  listAt = Date.now();
  const counts = tabCounts(all, f.stage ? [f.stage] : openStages(ctx.workflow));
  if (tab === null || !counts.some(([t]) => t === tab)) tab = firstTab(counts);
  renderList();
  say(`${all.length} · ${dt(ctx.lang, 'mine')} ${counts[0][1]}`);
}

function renderList(): void {
  if (tab === null) return;
  shown = casesOfTab(all, tab);
  const at = open ? shown.findIndex((c) => c.id === open!.detail.case.id) : -1;
  selected = selected < 0 && at >= 0 ? at : moveSelection(selected, 0, shown.length);
  renderQueue(shown, selected, listAt, ctx, (i) => {
    selected = i;
    busy(() => openCase(shown[i].id));
  });
  const stage = readFilter().stage;
  renderTabs(tabCounts(all, stage ? [stage] : openStages(ctx.workflow)), tab, ctx, (t) => {
    tab = t;
    selected = 0;
    renderList();
  });
}

async function openCase(id: string): Promise<void> {
  const detail = await api.caseDetail(id);
  showCase(detail, Date.now());
  if (location.hash !== `#${encodeURIComponent(id)}`) history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  void caseMap.show(detail.case).catch(fail);
  void renderPhotos(api, detail.case.reports, ctx).catch(fail);
}

function showCase(detail: CaseDetail, at: number): void {
  if (open?.detail.case.id !== detail.case.id) result('', 'ok');
  open = { detail, at };
  closeForm();
  renderDetail(detail, at, ctx);
  renderActions(detail.case, ctx, pick);
  renderHelp(ctx, detail.case.allowed_actions);
  renderList();
}

function pick(action: string): void {
  if (open) openForm(action, open.detail.case, ctx, (body) => busy(() => act(open!.detail.case.id, body)));
}

async function act(id: string, body: ActionBody): Promise<void> {
  const name = actionLabel(ctx.workflow, body.action, ctx.lang);
  try {
    await api.takeAction(id, body);
    await openCase(id);
    result(dt(ctx.lang, 'done', name), 'ok');
    refresh.poke();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 409) await openCase(id);
    const key = { 409: 'stale', 401: 'needKey', 403: 'forbidden', 422: 'notAllowed' }[e.status];
    result(`${key ? dt(ctx.lang, key) : ''} ${e.body?.message ?? e.message}`.trim(), e.status === 409 ? 'stale' : 'error');
  }
}

function onKey(e: KeyboardEvent): void {
  // Typing, and keys in the action form, are not shortcuts (Esc still closes it); Enter on a button presses it.
  const target = e.target as HTMLElement;
  if (target.closest('input, select, textarea, form') && e.key !== 'Escape') return;
  if (e.key === 'Enter' && target.closest('button, a')) return;
  const hit = keyHit(e, $('case-form').hidden && open ? open.detail.case.allowed_actions : []);
  if (!hit) return;
  e.preventDefault();
  if ('action' in hit) {
    pick(hit.action);
    return;
  }
  if (hit.command === 'next' || hit.command === 'prev') {
    selected = moveSelection(selected, hit.command === 'next' ? 1 : -1, shown.length);
    renderList();
  } else if (hit.command === 'open' && shown[selected]) busy(() => openCase(shown[selected].id));
  else if (hit.command === 'help') toggleHelp();
  else if (hit.command === 'cancel') closeForm(), toggleHelp(false), (document.activeElement as HTMLElement | null)?.blur();
  else if (hit.command === 'refresh') busy(loadQueue);
  else if (hit.command === 'filter') $('f-stage').focus();
}

function result(text: string, kind: 'ok' | 'error' | 'stale'): void {
  Object.assign($('case-result'), { textContent: text, className: `result ${kind}` });
}

function say(text: string): void {
  status.textContent = text;
  status.classList.remove('error');
}

function fail(e: unknown): void {
  const missing = e instanceof ApiError && e.status === 404 && document.body.dataset.cases === 'missing';
  const unauthorised = e instanceof ApiError && e.unauthorised;
  status.textContent = missing
    ? dt(ctx.lang, 'noServer')
    : unauthorised
      ? `${dt(ctx.lang, 'needKey')} (${(e as Error).message})`
      : `${(e as Error).message ?? e}`;
  status.classList.add('error');
  console.error(e);
}

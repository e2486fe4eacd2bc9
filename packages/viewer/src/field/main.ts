// The field app (`/m`, 城管通): wiring only. The outbox is outbox.ts, patrols patrol.ts, the
// report form report-form.ts, the on-device router grid-router.ts, words strings.ts.
// Noto Sans SC last in the font stack: a phone's own CJK font wins, the slices load only where none is.
import '@fontsource/noto-sans-sc/400.css';
import './field.css';
import { DEFAULT_PROFILE, type CityCategory } from '@citygrid/core';
import type { Me } from '@citygrid/server';
import { ApiError, createApi, keyHeaders } from '../api/index.ts';
import { createClient } from '../api/client.ts';
import { fieldApi } from '../api/field.ts';
import { openFieldDb } from './field-db.ts';
import { localGrids, type LocalGrids } from './grid-router.ts';
import { myGrids } from './my-grids.ts';
import { registerOffline } from './offline-ready.ts';
import { Outbox } from './outbox.ts';
import { PatrolRecorder } from './patrol.ts';
import { renderMyGrids, renderPatrol } from './patrol-view.ts';
import { renderQueue } from './queue-view.ts';
import { ReportForm } from './report-form.ts';
import { fieldKey, keyIn, qrScanner, setFieldKey } from './sign-in.ts';
import { applyFieldLang, ft, type FieldLang } from './strings.ts';
import { loadCasesToVerify } from './verify-cases.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
let lang: FieldLang = (localStorage.getItem('citygrid.field.lang') as FieldLang | null) ?? 'zh-CN';
const headers = () => keyHeaders(fieldKey());
const api = createApi({ headers });
const field = fieldApi(createClient({ headers }));
const db = await openFieldDb();
const outbox = await Outbox.open(db, field);
let grids: LocalGrids | null = null;
let source = 'inspector-app';
const form = new ReportForm({ lang: () => lang, outbox, grids: () => grids, source: () => source });
let me: Me | null = null;
let profile = DEFAULT_PROFILE;
const everyMs = () => (profile.patrol ?? DEFAULT_PROFILE.patrol)!.sample_every_s * 1000;
const patrols = new PatrolRecorder(db, outbox, everyMs, (a) => renderPatrol(a, lang));

function showOnline(): void {
  const on = navigator.onLine;
  $('online').dataset.state = on ? 'online' : 'offline';
  $('online').textContent = ft(lang, on ? 'online' : 'offline');
  if (on) outbox.retryNow();
}

/** Loads what the app needs offline; through the service worker, which keeps a copy. */
async function loadData(): Promise<void> {
  const [meAnswer, catalogue, collection, profileAnswer] = await Promise.all([
    field.me(),
    field.fieldCatalogue(),
    api.grids().catch(() => null),
    api.profile().catch(() => null),
  ]);
  me = meAnswer;
  if (profileAnswer) profile = { ...DEFAULT_PROFILE, ...profileAnswer.profile };
  source =
    catalogue.sources.find((s) => s.code === 'inspector-app')?.code ??
    catalogue.sources.find((s) => s.discovery === 'patrol')?.code ??
    source;
  form.setCategories(catalogue.categories as unknown as CityCategory[]);
  if (collection) grids = localGrids(collection);
  form.showWhere();
  const period = new Date().toISOString().slice(0, 7);
  const risk = await field.risk(period).catch(() => null);
  renderMyGrids(myGrids(me, grids?.names ?? new Map(), risk), lang);
}

async function signedIn(): Promise<void> {
  $('signin').hidden = true;
  $('app').hidden = false;
  $('tabs').hidden = false;
  try {
    await loadData();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signOut(ft(lang, 'signedOut'));
    $('report-status').textContent = (e as Error).message;
  }
  void form.locate();
}

function signOut(message = ''): void {
  setFieldKey('');
  $('signin').hidden = false;
  $('app').hidden = true;
  $('tabs').hidden = true;
  $('signin-status').textContent = message;
}

function useKey(text: string): void {
  const key = keyIn(text);
  if (!key) {
    $('signin-status').textContent = ft(lang, 'signedOut');
    return;
  }
  setFieldKey(key);
  void signedIn();
}

function showTab(name: string): void {
  for (const s of document.querySelectorAll<HTMLElement>('.tab')) s.hidden = s.dataset.tab !== name;
  for (const b of document.querySelectorAll<HTMLElement>('#tabs button')) b.classList.toggle('on', b.dataset.tab === name);
  if (name === 'cases') void loadCasesToVerify(api, field, lang);
}

function render(): void {
  applyFieldLang(document, lang);
  showOnline();
  form.showWhere();
  void outbox.items().then((items) => renderQueue(items, lang));
  void patrols.resume();
}

$('signin-go').addEventListener('click', () => useKey($<HTMLInputElement>('key').value));
const scan = qrScanner($<HTMLVideoElement>('scan-video'));
$('scan').hidden = !scan;
$('scan').addEventListener('click', () => void scan?.().then(useKey, (e) => ($('signin-status').textContent = String(e))));
$('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('citygrid.field.lang', lang);
  render();
});
for (const b of document.querySelectorAll<HTMLElement>('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab!));
$('queue-pill').addEventListener('click', () => showTab('queue'));
$('retry').addEventListener('click', () => outbox.retryNow());
$('patrol-toggle').addEventListener('click', async () => {
  if ($('patrol-toggle').dataset.on === 'true') await patrols.stop();
  else await patrols.start();
});
addEventListener('online', showOnline);
addEventListener('offline', showOnline);
outbox.watch((items) => renderQueue(items, lang));

// A key handed over as a link (`/m#key=cg_…`, the desk's QR code) signs in and leaves the URL.
const linked = keyIn(location.hash);
if (linked) {
  setFieldKey(linked);
  history.replaceState(null, '', location.pathname + location.search);
}
render();
showTab('report');
if (fieldKey()) await signedIn();
else signOut();

await registerOffline(
  () => (fieldKey() ? loadData() : Promise.resolve()),
  (controlled) => {
    document.body.dataset.ready = 'true';
    document.body.dataset.offlineReady = String(controlled);
  },
);

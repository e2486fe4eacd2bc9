// The assessment page (`/assess`): wiring only. The address state is assess-state.ts, the
// period choices period-picker.ts, the rows assess-rows.ts, the chart bar-chart.ts, the
// drill-down drilldown-rows.ts, words strings.ts; the views *-view.ts.
import '@fontsource/noto-sans-sc/400.css';
import '../style.css';
import './assess.css';
import { DEFAULT_PROFILE, isoDate, localDay, shiftPeriod } from '@citygrid/core';
import {
  ApiError,
  createApi,
  keyHeaders,
  storeApiKey,
  storedApiKey,
  watchCases,
  type AssessFormat,
  type AssessLevel,
  type Assessment,
} from '../api/index.ts';
import { coalesce } from '../wall/coalesce.ts';
import { pageBusy } from '../ui/page-busy.ts';
import { otherLang } from '../wall/i18n.ts';
import { assessSearch, periodKind, readAssessState, type AssessState, type PeriodKind } from './assess-state.ts';
import { assessRows, indicatorColumns } from './assess-rows.ts';
import { renderChart } from './chart-view.ts';
import { $ } from './dom.ts';
import { closeDrilldown, renderDrilldown } from './drilldown-view.ts';
import { exportFileName, pointExport, saveBlob } from './export-file.ts';
import { periodLabel, periodOptions, switchKind } from './period-picker.ts';
import { applyStrings, at } from './strings.ts';
import { renderTable } from './table-view.ts';

const busy = pageBusy(fail);

const api = createApi({ headers: () => keyHeaders(storedApiKey()) });
let timezone = DEFAULT_PROFILE.timezone;
let state: AssessState = readAssessState(location.search, today());
let shown: Assessment | null = null;

$<HTMLInputElement>('api-key').value = storedApiKey();
$('api-key').addEventListener('change', () => {
  storeApiKey($<HTMLInputElement>('api-key').value);
  busy(load);
});
$('period-kind').addEventListener('change', () =>
  go({ period: switchKind(state.period, $<HTMLSelectElement>('period-kind').value as PeriodKind, today()) }),
);
$('period').addEventListener('change', () => go({ period: $<HTMLSelectElement>('period').value }));
$('period-prev').addEventListener('click', () => go({ period: shiftPeriod(state.period, -1) }));
$('period-next').addEventListener('click', () => go({ period: shiftPeriod(state.period, 1) }));
$('level').addEventListener('change', () => go({ level: $<HTMLSelectElement>('level').value as AssessLevel, unit: null }));
$('lang').addEventListener('click', () => go({ lang: otherLang(state.lang) }, false));
$('drill-close').addEventListener('click', () => go({ unit: null }, false));
for (const format of ['csv', 'xlsx'] as const)
  $(`export-${format}`).addEventListener('click', (e) => {
    e.preventDefault();
    busy(() => download(format));
  });
window.addEventListener('popstate', () => {
  state = readAssessState(location.search, today());
  busy(load);
});
// Cases moving on (closed, handled in time) change this period's numbers: reload once a burst settles.
const refresh = coalesce(() => busy(() => load({ quiet: true })), { quietMs: 2000, maxMs: 10_000 });
watchCases(() => refresh.poke(), { pollMs: 300_000 });
busy(start);

async function start(): Promise<void> {
  // Periods are cut in the city's timezone: "this month" is the profile's, not the browser's.
  const profile = await api.profile().catch(() => null);
  if (profile) timezone = profile.profile.timezone;
  state = readAssessState(location.search, today());
  await load();
}

/** Moves to a new state: the address first (a link reproduces the view), then the data. */
function go(change: Partial<AssessState>, reload = true): void {
  state = { ...state, ...change };
  history.pushState(null, '', assessSearch(state));
  if (reload) busy(load);
  else
    busy(async () => {
      show();
      if (state.unit) await drill(state.unit);
      else closeDrilldown();
    });
}

async function load({ quiet = false } = {}): Promise<void> {
  if (!quiet) say(at(state.lang, 'loading'));
  fillControls();
  const asked = { period: state.period, level: state.level };
  let answer: Assessment;
  try {
    answer = await api.assessment(asked.level, asked.period);
  } catch (e) {
    shown = null;
    show();
    throw e;
  }
  if (asked.period !== state.period || asked.level !== state.level) return; // overtaken by a newer choice
  shown = answer;
  show();
  if (state.unit) await drill(state.unit);
  else closeDrilldown();
}

/** Draws what is loaded in the page's language. */
function show(): void {
  applyStrings(document, state.lang);
  fillControls();
  const units = shown?.units ?? [];
  const pick = (id: string) => go({ unit: id }, false);
  renderTable($('table'), assessRows({ units }, state.lang), indicatorColumns(units), state.lang, state.unit, pick, shown?.formulas);
  renderChart($<HTMLElement>('chart') as unknown as SVGSVGElement, units, (id) => go({ unit: id }, false));
  $('drill-hint').hidden = Boolean(state.unit);
  document.body.dataset.period = state.period;
  document.body.dataset.level = state.level;
  if (shown) say(units.length ? at(state.lang, 'units', units.length) : at(state.lang, 'noUnits'));
}

function fillControls(): void {
  $<HTMLSelectElement>('period-kind').value = periodKind(state.period) ?? 'month';
  const select = $<HTMLSelectElement>('period');
  select.replaceChildren(
    ...periodOptions(state.period, today()).map((code) =>
      Object.assign(document.createElement('option'), { value: code, textContent: periodLabel(code, state.lang) }),
    ),
  );
  select.value = state.period;
  $<HTMLSelectElement>('level').value = state.level;
  $('period-prev').setAttribute('aria-label', at(state.lang, 'prev'));
  $('period-next').setAttribute('aria-label', at(state.lang, 'next'));
  for (const format of ['csv', 'xlsx'] as const) pointExport($<HTMLAnchorElement>(`export-${format}`), state.level, state.period, format);
}

async function drill(unit: string): Promise<void> {
  const explain = await api.explainUnit(state.level, unit, state.period);
  if (state.unit !== unit) return;
  renderDrilldown({ id: unit, name: shown?.units.find((u) => u.id === unit)?.name ?? unit }, explain, state.lang);
  $('drill-hint').hidden = true;
}

async function download(format: AssessFormat): Promise<void> {
  const name = exportFileName(state.level, state.period, format);
  saveBlob(await api.assessmentFile(state.level, state.period, format), name);
  say(at(state.lang, 'exported', name));
}

/** Today in the city's timezone, `YYYY-MM-DD`. */
function today(): string {
  return isoDate(localDay(Date.now(), timezone));
}

function say(text: string): void {
  $('status').textContent = text;
  $('status').classList.remove('error');
}

function fail(e: unknown): void {
  const missing = e instanceof ApiError && e.status === 404 && e.missing;
  const text = missing ? at(state.lang, 'noServer') : e instanceof ApiError && e.unauthorised ? at(state.lang, 'needKey') : '';
  $('status').textContent = `${text} ${(e as Error).message ?? e}`.trim();
  $('status').classList.add('error');
  console.error(e);
}

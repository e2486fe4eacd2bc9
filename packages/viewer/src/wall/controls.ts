/**
 * The wall's controls in the page: read them into a {@link WallControls} snapshot, fill the
 * selects in the page's language, move the window inputs and the slider.
 */
import { REPORT_SOURCES } from '@citygrid/core';
import type { Filter, Meta, StatsLevel } from '../api/index.ts';
import { t, type Lang } from './i18n.ts';
import { shownLevels } from './levels.ts';
import { daysBetween, type DayWindow, type Step } from './time.ts';
import { controlsFilter, type WallControls } from './wall-state.ts';

/** The element of the page with this id. */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement>(id).value;
const checked = (id: string) => $<HTMLInputElement>(id).checked;

/**
 * What the controls ask for now.
 * @example readControls().level // 'grid'
 */
export function readControls(): WallControls {
  return {
    category: value('category'),
    source: value('source'),
    window: readWindow(),
    level: value('level') as StatsLevel,
    layers: {
      choropleth: checked('show-choropleth'),
      heatmap: checked('show-heatmap'),
      labels: checked('show-labels'),
      hotspots: checked('show-hotspots'),
      cases: checked('show-cases'),
      risk: checked('show-risk'),
    },
    step: value('step') as Step,
    speed: Number(value('speed')),
  };
}

/**
 * The report filter the controls ask for.
 * @example api.stats(readFilterNow())
 */
export function readFilterNow(): Filter {
  return controlsFilter(readControls());
}

/** The window of the date inputs. */
export function readWindow(): DayWindow {
  return { from: value('date-from'), to: value('date-to') };
}

/**
 * Sets the date inputs to a window (the caller refreshes).
 * @example writeWindow({ from: '2024-03-01', to: '2024-03-31' })
 */
export function writeWindow(w: DayWindow): void {
  $<HTMLInputElement>('date-from').value = w.from;
  $<HTMLInputElement>('date-to').value = w.to;
}

/**
 * Bounds the date inputs and the slider to the days with reports, and shows them all.
 * @example initWindow({ from: '2024-01-01', to: '2024-06-30' })
 */
export function initWindow(range: DayWindow): void {
  for (const id of ['date-from', 'date-to']) Object.assign($(id), { min: range.from, max: range.to });
  writeWindow(range);
  $<HTMLInputElement>('window-slider').max = String(range.from && range.to ? daysBetween(range.from, range.to) : 0);
}

/**
 * Fills the category and source selects in a language, keeping what is selected.
 * @example fillSelects(meta, 'en')
 */
export function fillSelects(meta: Meta, lang: Lang): void {
  showLevels(meta);
  const fill = (sel: HTMLSelectElement, options: { value: string; label: string }[]) => {
    const keep = sel.value;
    sel.replaceChildren(...options.map((o) => Object.assign(document.createElement('option'), { value: o.value, textContent: o.label })));
    sel.value = keep;
  };
  fill($('category'), [
    { value: '', label: t(lang, 'all') },
    ...meta.categories.map((c) => ({ value: c.code, label: `${lang === 'en' ? c.en || c.name : c.name}（${c.code}）` })),
  ]);
  fill($('source'), [{ value: '', label: t(lang, 'all') }, ...REPORT_SOURCES.map((s) => ({ value: s, label: t(lang, `src.${s}`) }))]);
}

/**
 * Hides the level switch's options for levels the city has not loaded (back to `grid` if the
 * one chosen is hidden).
 * @example showLevels(meta)
 */
export function showLevels(meta: Meta): void {
  const shown = new Set(shownLevels(meta));
  const select = $<HTMLSelectElement>('level');
  for (const option of select.options) option.hidden = option.disabled = !shown.has(option.value as StatsLevel);
  if (!shown.has(select.value as StatsLevel)) select.value = 'grid';
}

/**
 * Puts the slider and its label on the window of the view shown.
 * @example syncSlider({ from: '2024-01-01', to: '2024-06-30' }, filter)
 */
export function syncSlider(range: DayWindow, filter: Filter): void {
  if (!range.from || !filter.from) return;
  $<HTMLInputElement>('window-slider').value = String(daysBetween(range.from, filter.from));
  $('window-label').textContent = filter.from === filter.to ? filter.from : `${filter.from} – ${filter.to}`;
}

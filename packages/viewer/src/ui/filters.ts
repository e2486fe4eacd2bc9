/** The category select and the date range, with their defaults from `/api/meta`. */
import { isoToCstDate, type Filter, type Meta } from '../api/index.ts';

/** One `<option>` of the category select. */
export interface CategoryOption {
  value: string;
  label: string;
}

/** `全部` first, then every category as `名称（代码）` in the server's order. */
export function categoryOptions(meta: Pick<Meta, 'categories'>): CategoryOption[] {
  return [{ value: '', label: '全部' }, ...meta.categories.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))];
}

/** First and last day (China Standard Time) of the reports, or open ends when there are none. */
export function defaultDateRange(meta: Pick<Meta, 'time'>): { from: string; to: string } {
  return meta.time ? { from: isoToCstDate(meta.time.min), to: isoToCstDate(meta.time.max) } : { from: '', to: '' };
}

/** The filter the controls describe. */
export function readFilter(category: string, from: string, to: string): Filter {
  // A reversed range is read as the user meant it, not as "nothing".
  const [a, b] = from && to && from > to ? [to, from] : [from, to];
  return { categories: category ? category.split(',') : [], from: a, to: b };
}

/** The controls, already in the page (see index.html). */
export interface FilterControls {
  category: HTMLSelectElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
}

/**
 * Fills the controls from meta, sets the default range and calls `onChange` on every change.
 * @returns a reader of the current filter
 */
export function initFilters(controls: FilterControls, meta: Meta, onChange: (filter: Filter) => void): () => Filter {
  const { category, from, to } = controls;
  category.replaceChildren(
    ...categoryOptions(meta).map((o) => {
      const el = document.createElement('option');
      el.value = o.value;
      el.textContent = o.label;
      return el;
    }),
  );
  const range = defaultDateRange(meta);
  for (const input of [from, to]) {
    input.min = range.from;
    input.max = range.to;
  }
  from.value = range.from;
  to.value = range.to;
  const read = () => readFilter(category.value, from.value, to.value);
  for (const el of [category, from, to]) el.addEventListener('change', () => onChange(read()));
  return read;
}

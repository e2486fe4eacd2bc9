import type { CityCategory } from '@citygrid/core';
import { readAttributes, renderAttributes } from './attribute-fields.ts';
import { indexCategories, searchCategories, useRecent, type IndexedCategory } from './category-search.ts';
import { gridOf, type LocalGrids } from './grid-router.ts';
import type { QueuedPhoto } from './field-db.ts';
import type { Outbox } from './outbox.ts';
import { preparePhoto } from './photo.ts';
import { currentFix, type Fix } from './position.ts';
import { ft, type FieldLang } from './strings.ts';

const RECENT_KEY = 'citygrid.field.recentCategories';
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the report form needs from the page. */
export interface ReportFormContext {
  lang: () => FieldLang;
  outbox: Outbox;
  grids: () => LocalGrids | null;
  /** The profile's source code for the app's reports (inspector-app, 城管通). */
  source: () => string;
}

/**
 * The report form: position and the grid it goes to (routed on the phone), the category picker
 * (Chinese, pinyin initials, code; recent first), the category's required attributes, a
 * description and photos compressed on the phone. Submitting queues the report in the outbox
 * under a new client id.
 */
export class ReportForm {
  readonly #ctx: ReportFormContext;
  #index: IndexedCategory[] = [];
  #categories = new Map<string, CityCategory>();
  #chosen: IndexedCategory | null = null;
  #fix: Fix | null = null;
  #photos: QueuedPhoto[] = [];
  #recent: string[] = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[];

  constructor(ctx: ReportFormContext) {
    this.#ctx = ctx;
    $('category').addEventListener('input', () => this.#list());
    $('category').addEventListener('focus', () => this.#list());
    $('locate').addEventListener('click', () => void this.locate());
    $<HTMLInputElement>('photo').addEventListener('change', () => void this.#addPhotos());
    $('report').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#submit();
    });
  }

  /** Takes the catalogue's categories (from the network or the service worker's cache). */
  setCategories(categories: readonly CityCategory[]): void {
    this.#categories = new Map(categories.map((c) => [c.code, c]));
    this.#index = indexCategories(categories.map((c) => ({ code: c.code, name: c.name, en: c.en })));
    this.#list();
  }

  /** Asks the phone for a position and shows it with its accuracy and grid. */
  async locate(): Promise<void> {
    $('position').textContent = ft(this.#ctx.lang(), 'locating');
    try {
      this.#fix = await currentFix();
    } catch (e) {
      this.#fix = null;
      $('position').textContent = `${ft(this.#ctx.lang(), 'noPosition')}: ${(e as Error).message}`;
    }
    this.showWhere();
  }

  /** Writes the position, its accuracy and the grid it falls in. */
  showWhere(): void {
    const lang = this.#ctx.lang();
    const fix = this.#fix;
    if (fix) {
      const acc = fix.accuracy === null ? '' : ` ±${fix.accuracy} m`;
      $('position').textContent = `${fix.lon.toFixed(5)}, ${fix.lat.toFixed(5)}${acc} (${fix.crs === 'gcj02' ? 'GCJ-02' : 'WGS84'})`;
    }
    const grids = this.#ctx.grids();
    const grid = fix && grids ? gridOf(grids, fix) : null;
    $('grid').textContent = !grids ? ft(lang, 'noGrids') : !fix ? '…' : grid ? `${grid.name} (${grid.id})` : ft(lang, 'outside');
    $('grid').dataset.grid = grid?.id ?? '';
  }

  #list(): void {
    const query = $<HTMLInputElement>('category').value;
    // Nothing typed: the recent ones only, not the first dozen of 250.
    const found = searchCategories(this.#index, query, this.#recent, 12).filter((c) => query.trim() || this.#recent.includes(c.code));
    $('category-list').replaceChildren(
      ...found.map((c) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.testid = 'm-category-option';
        b.setAttribute('data-testid', 'm-category-option');
        b.dataset.code = c.code;
        b.textContent = `${this.#ctx.lang() === 'en' && c.en ? c.en : c.name} · ${c.code}`;
        b.addEventListener('click', () => this.#choose(c));
        li.append(b);
        return li;
      }),
    );
  }

  #choose(c: IndexedCategory): void {
    this.#chosen = c;
    $('category-chosen').textContent = `${c.name} (${c.code})`;
    $('category-chosen').dataset.code = c.code;
    $('category-list').replaceChildren();
    renderAttributes($('attributes'), this.#categories.get(c.code)?.attributes ?? [], this.#ctx.lang());
  }

  async #addPhotos(): Promise<void> {
    const input = $<HTMLInputElement>('photo');
    for (const file of input.files ?? []) this.#photos.push(await preparePhoto(file, file.name));
    input.value = '';
    $('photos').replaceChildren(
      ...this.#photos.map((p) => {
        const img = document.createElement('img');
        img.src = URL.createObjectURL(p.blob);
        img.alt = p.name;
        img.dataset.sha256 = p.sha256;
        return img;
      }),
    );
  }

  async #submit(): Promise<void> {
    const lang = this.#ctx.lang();
    const status = $('report-status');
    // A category typed in full (its code or name) counts as chosen.
    if (!this.#chosen) {
      const typed = $<HTMLInputElement>('category').value.trim();
      const best = searchCategories(this.#index, typed, [], 1)[0];
      if (typed && best && (best.code === typed || best.name === typed)) this.#choose(best);
    }
    const { values, missing } = readAttributes($('attributes'));
    const refused = !this.#chosen
      ? ft(lang, 'needCategory')
      : !this.#fix
        ? ft(lang, 'needPosition')
        : missing.length
          ? `${ft(lang, 'needAttribute')}: ${missing.join(', ')}`
          : null;
    if (refused !== null || !this.#chosen || !this.#fix) {
      status.textContent = refused;
      return;
    }
    const description = $<HTMLTextAreaElement>('description').value.trim();
    const grid = this.#ctx.grids() ? gridOf(this.#ctx.grids()!, this.#fix) : null;
    const id = crypto.randomUUID();
    await this.#ctx.outbox.add({
      kind: 'report',
      report: {
        id,
        lon: this.#fix.lon,
        lat: this.#fix.lat,
        crs: this.#fix.crs,
        category: this.#chosen.code,
        source: this.#ctx.source(),
        created_at: new Date().toISOString(),
        ...(description ? { description } : {}),
        ...(Object.keys(values).length ? { attributes: values } : {}),
      },
      photos: this.#photos,
      posted: false,
      gridId: grid?.id ?? null,
    });
    this.#recent = useRecent(this.#recent, this.#chosen.code);
    localStorage.setItem(RECENT_KEY, JSON.stringify(this.#recent));
    this.#reset();
    status.textContent = ft(lang, 'queued');
    status.dataset.last = id;
  }

  #reset(): void {
    this.#chosen = null;
    this.#photos = [];
    $<HTMLInputElement>('category').value = '';
    $<HTMLTextAreaElement>('description').value = '';
    $('category-chosen').textContent = '';
    $('attributes').replaceChildren();
    $('photos').replaceChildren();
    this.#list();
  }
}

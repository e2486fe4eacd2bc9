/** What every view of the desk reads: the language and the profile's words for codes. */
import type { Department, Urgency, Workflow } from '@citygrid/core';
import type { Lang } from '../wall/i18n.ts';

/** The desk's context: language, workflow, departments, category names. */
export interface DeskContext {
  lang: Lang;
  workflow: Workflow;
  departments: Department[];
  /** Category code → { name, en }. */
  categories: Map<string, { name: string; en?: string }>;
  /** The profile's urgencies (一般, 紧急 …). */
  urgencies: Urgency[];
}

/** The element of the page with this id. */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** A new element with a class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), { className, textContent: text });
}

/**
 * A category's name in the desk's language (its code when the catalogue does not have it).
 * @example categoryLabel(ctx, '06010') // '暴露垃圾'
 */
export function categoryLabel(ctx: DeskContext, code: string): string {
  const c = ctx.categories.get(code);
  return c ? (ctx.lang === 'en' ? c.en || c.name : c.name) : code;
}

/**
 * An urgency's name (一般, Normal); its code when the profile does not list it.
 * @example urgencyLabel(ctx, 'urgent') // '紧急'
 */
export function urgencyLabel(ctx: DeskContext, code: string): string {
  const u = ctx.urgencies.find((x) => x.code === code);
  return u ? (ctx.lang === 'en' ? u.en || u.name : u.name) : code;
}

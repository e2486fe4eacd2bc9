/** The `?` help: the desk's keys from the shortcuts table, and the keys of the open case's actions. */
import { $, el, type DeskContext } from './desk-context.ts';
import { actionKeyLabel, actionKeys, DESK_SHORTCUTS } from './shortcuts.ts';
import { dt } from './strings.ts';
import { actionLabel } from './workflow.ts';

/** Fills the help with the desk's keys and those of `actions` (the open case's). */
export function renderHelp(ctx: DeskContext, actions: readonly string[]): void {
  const keys = actionKeys(actions);
  const rows: [string, string][] = [
    ...DESK_SHORTCUTS.map((s): [string, string] => [s.key === 'Escape' ? 'Esc' : s.key, ctx.lang === 'en' ? s.en : s.zh]),
    ['1–9 · A–Z', dt(ctx.lang, 'actionKeys')],
    ...actions.map((a): [string, string] => [actionKeyLabel(a, keys), actionLabel(ctx.workflow, a, ctx.lang)]),
  ];
  $('help-keys').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]));
}

/** Shows or hides the help (`force` sets it). */
export function toggleHelp(force?: boolean): void {
  const help = $('help');
  help.hidden = force === undefined ? !help.hidden : !force;
}

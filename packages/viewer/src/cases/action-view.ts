/**
 * The actions of the open case: a button per allowed action (with its keys), and the form an
 * action asks for — its fields from the workflow (action-form.ts), checked before sending.
 * Every action goes through the form, even one without fields: a stray key press only opens it.
 */
import type { WorkflowAction } from '@citygrid/core';
import type { ActionBody, ServedCase } from '../api/index.ts';
import { actionFields, validateActionForm, type ActionField, type ActionFormValues } from './action-form.ts';
import { $, el, type DeskContext } from './desk-context.ts';
import { actionKeyLabel, actionKeys } from './shortcuts.ts';
import { dt } from './strings.ts';
import { actionLabel, actionOf, departmentLabel } from './workflow.ts';

/** Draws a button per allowed action; `onPick` with its code on a click. */
export function renderActions(c: ServedCase, ctx: DeskContext, onPick: (action: string) => void): void {
  const keys = actionKeys(c.allowed_actions);
  const buttons = c.allowed_actions.map((code) => {
    const b = Object.assign(el('button', 'action', actionLabel(ctx.workflow, code, ctx.lang)), { type: 'button' });
    b.dataset.testid = `case-action-${code}`;
    b.append(el('kbd', '', actionKeyLabel(code, keys)));
    b.addEventListener('click', () => onPick(code));
    return b;
  });
  $('case-actions').replaceChildren(...(buttons.length ? buttons : [el('span', 'muted', dt(ctx.lang, 'noActions'))]));
}

/** Opens the form of an action on a case; `onSubmit` with the checked body. */
export function openForm(code: string, c: ServedCase, ctx: DeskContext, onSubmit: (body: ActionBody) => void): void {
  const action = actionOf(ctx.workflow, code);
  if (!action) return;
  const form = $<HTMLFormElement>('case-form');
  const fields = actionFields(action, c);
  form.replaceChildren(el('h4', '', actionLabel(ctx.workflow, code, ctx.lang)), ...fields.map((f) => fieldRow(f, c, ctx)));
  const submit = Object.assign(el('button', 'primary', dt(ctx.lang, 'submit')), { type: 'submit' });
  submit.dataset.testid = 'case-submit';
  const cancel = Object.assign(el('button', '', dt(ctx.lang, 'cancel')), { type: 'button' });
  cancel.addEventListener('click', closeForm);
  form.append(el('div', 'buttons', ''));
  form.lastElementChild!.append(submit, cancel);
  form.dataset.action = code;
  form.hidden = false;
  form.onsubmit = (e) => {
    e.preventDefault();
    const result = check(action, form, c, ctx);
    if (result) onSubmit(result);
  };
  (form.querySelector<HTMLElement>('select, input, textarea') ?? submit).focus();
}

/** Hides the form. */
export function closeForm(): void {
  const form = $<HTMLFormElement>('case-form');
  form.hidden = true;
  form.replaceChildren();
  delete form.dataset.action;
}

function fieldRow(f: ActionField, c: ServedCase, ctx: DeskContext): HTMLElement {
  const label = el('label', 'field', '');
  label.append(el('span', '', dt(ctx.lang, `field.${f.name}`) + (f.required ? ' *' : dt(ctx.lang, 'optional'))));
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (f.name === 'department') {
    input = el('select');
    const options: [string, string][] = [
      ['', '—'],
      ...ctx.departments.map((d): [string, string] => [d.code, `${departmentLabel(ctx.departments, d.code, ctx.lang)}（${d.code}）`]),
    ];
    input.append(...options.map(([value, text]) => Object.assign(el('option', '', text), { value })));
    input.value = c.department ?? '';
  } else if (f.name === 'note') {
    input = Object.assign(el('textarea'), { rows: 3 });
  } else {
    input = Object.assign(
      el('input'),
      f.name === 'hours' ? { type: 'number', min: '0', step: '0.5', inputMode: 'decimal' } : { type: 'text', autocomplete: 'off' },
    );
    if (f.name === 'hours' && c.extension_requested !== null) input.value = String(c.extension_requested);
  }
  Object.assign(input, { name: f.name, required: f.required });
  input.dataset.testid = `case-field-${f.name}`;
  label.append(input, el('span', 'problem', ''));
  return label;
}

/** The body, or null after marking each refused field. */
function check(action: WorkflowAction, form: HTMLFormElement, c: ServedCase, ctx: DeskContext): ActionBody | null {
  const values: ActionFormValues = {};
  for (const name of ['department', 'hours', 'note', 'target'] as const) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    if (input) values[name] = input.value;
  }
  const result = validateActionForm(
    action,
    values,
    c,
    ctx.departments.map((d) => d.code),
  );
  for (const p of form.querySelectorAll('.problem')) p.textContent = '';
  if (result.ok) return result.body;
  for (const p of result.problems) {
    const slot = (form.elements.namedItem(p.field) as HTMLElement | null)?.parentElement?.querySelector('.problem');
    if (slot) slot.textContent = dt(ctx.lang, `problem.${p.why}`);
  }
  return null;
}

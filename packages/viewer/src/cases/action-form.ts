/**
 * The action form: which fields an action asks for (from the workflow's `needs` and what its
 * effect requires, as core's applyAction checks them) and the checks made before sending, so
 * a missing note is said at the field instead of coming back as a 400.
 */
import type { ActionNeed, WorkflowAction } from '@citygrid/core';
import type { ActionBody, ServedCase } from '../api/index.ts';

/** One field of the form: what it is and whether the action needs it. */
export interface ActionField {
  name: ActionNeed;
  required: boolean;
}

/** What was typed or picked; '' = left empty. */
export interface ActionFormValues {
  department?: string;
  hours?: string;
  note?: string;
  target?: string;
}

/** Why a field is refused (the page words it: strings.ts `problem.<why>`). */
export interface FieldProblem {
  field: ActionNeed;
  why: 'required' | 'hours' | 'department' | 'self';
}

export type FormResult = { ok: true; body: ActionBody } | { ok: false; problems: FieldProblem[] };

const ORDER: readonly ActionNeed[] = ['department', 'target', 'hours', 'note'];

/**
 * The fields of an action's form, in a fixed order (department, target, hours, note). Besides
 * `needs`: transfer needs a department; dispatch asks for one (needed when the case has none
 * proposed); merge needs a target; request-extension needs hours; extend asks for hours
 * (needed when none were requested).
 * @example actionFields(DEFAULT_WORKFLOW.actions.find((a) => a.code === 'handle')!, c) // [{ name: 'note', required: true }]
 */
export function actionFields(action: WorkflowAction, c: Pick<ServedCase, 'department' | 'extension_requested'>): ActionField[] {
  const fields = new Map<ActionNeed, boolean>((action.needs ?? []).map((n) => [n, true]));
  const add = (name: ActionNeed, required: boolean) => fields.set(name, (fields.get(name) ?? false) || required);
  if (action.effect === 'transfer') add('department', true);
  if (action.effect === 'dispatch') add('department', c.department === null);
  if (action.effect === 'merge') add('target', true);
  if (action.effect === 'request-extension') add('hours', true);
  if (action.effect === 'extend') add('hours', c.extension_requested === null);
  return ORDER.filter((n) => fields.has(n)).map((name) => ({ name, required: fields.get(name)! }));
}

/**
 * Checks the form and builds the request body, with the version the desk showed
 * (`expected_version`: a case that moved on since answers 409). Empty optional fields are left
 * out; hours must be a number > 0; a department must be one of the profile's (when it lists any).
 * @example validateActionForm(handle, { note: '已清理' }, c, ['cgj']) // { ok: true, body: { action: 'handle', expected_version: 4, note: '已清理' } }
 */
export function validateActionForm(
  action: WorkflowAction,
  values: ActionFormValues,
  c: Pick<ServedCase, 'id' | 'version' | 'department' | 'extension_requested'>,
  departments: readonly string[] = [],
): FormResult {
  const body: ActionBody = { action: action.code, expected_version: c.version };
  const problems: FieldProblem[] = [];
  for (const { name, required } of actionFields(action, c)) {
    const raw = (values[name] ?? '').trim();
    if (raw === '') {
      if (required) problems.push({ field: name, why: 'required' });
      continue;
    }
    if (name === 'hours') {
      const hours = Number(raw);
      if (!(Number.isFinite(hours) && hours > 0)) problems.push({ field: name, why: 'hours' });
      else body.hours = hours;
    } else if (name === 'department') {
      if (departments.length > 0 && !departments.includes(raw)) problems.push({ field: name, why: 'department' });
      else body.department = raw;
    } else if (name === 'target') {
      if (raw === c.id) problems.push({ field: name, why: 'self' });
      else body.target = raw;
    } else {
      body.note = raw;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, body };
}

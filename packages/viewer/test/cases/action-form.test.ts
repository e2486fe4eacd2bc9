import { DEFAULT_WORKFLOW, type WorkflowAction } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import { actionFields, validateActionForm } from '../../src/cases/action-form.ts';
import { servedCase } from './fixtures.ts';

const action = (code: string): WorkflowAction => DEFAULT_WORKFLOW.actions.find((a) => a.code === code)!;
const proposed = servedCase({ department: 'cgj' });
const none = servedCase({ department: null });

describe('actionFields (from the workflow data)', () => {
  const rows: [string, ReturnType<typeof servedCase>, [string, boolean][], string][] = [
    ['accept', proposed, [], 'needs nothing'],
    ['handle', proposed, [['note', true]], 'needs a note'],
    ['reject', proposed, [['note', true]], 'needs a note'],
    ['dispatch', proposed, [['department', false]], 'asks for a department, optional when dispatch rules proposed one'],
    ['dispatch', none, [['department', true]], 'needs a department when none was proposed (after a return)'],
    [
      'transfer',
      proposed,
      [
        ['department', true],
        ['note', true],
      ],
      'needs where to and why',
    ],
    [
      'request-extension',
      proposed,
      [
        ['hours', true],
        ['note', true],
      ],
      'needs hours and a note',
    ],
    ['extend', proposed, [['hours', true]], 'needs hours when none were requested'],
    ['extend', servedCase({ extension_requested: 24 }), [['hours', false]], 'hours optional when requested'],
    ['merge', proposed, [['target', true]], 'needs the case it joins'],
    ['escalate', proposed, [['note', true]], 'needs a note'],
  ];
  it.each(rows)('%s → %j (%s)', (code, c, expected) => {
    expect(actionFields(action(code), c).map((f) => [f.name, f.required])).toEqual(expected);
  });
  it('covers every action of the shipped workflow', () => {
    for (const a of DEFAULT_WORKFLOW.actions) {
      const names = actionFields(a, none).map((f) => f.name);
      for (const n of a.needs ?? []) expect(names).toContain(n);
    }
  });
});

describe('validateActionForm', () => {
  const c = servedCase({ id: 'c7', version: 4, department: 'cgj' });
  it('builds the body with the version the desk showed', () => {
    expect(validateActionForm(action('handle'), { note: ' 已清理 ' }, c)).toEqual({
      ok: true,
      body: { action: 'handle', expected_version: 4, note: '已清理' },
    });
    expect(validateActionForm(action('accept'), {}, c)).toEqual({ ok: true, body: { action: 'accept', expected_version: 4 } });
  });
  it('refuses an empty required field and says which', () => {
    expect(validateActionForm(action('handle'), { note: '  ' }, c)).toEqual({ ok: false, problems: [{ field: 'note', why: 'required' }] });
    expect(validateActionForm(action('transfer'), {}, c)).toEqual({
      ok: false,
      problems: [
        { field: 'department', why: 'required' },
        { field: 'note', why: 'required' },
      ],
    });
  });
  it('leaves an empty optional field out', () => {
    expect(validateActionForm(action('dispatch'), { department: '' }, c)).toEqual({
      ok: true,
      body: { action: 'dispatch', expected_version: 4 },
    });
  });
  it("sends the department picked, one of the profile's", () => {
    expect(validateActionForm(action('dispatch'), { department: 'gajj' }, c, ['cgj', 'gajj'])).toEqual({
      ok: true,
      body: { action: 'dispatch', expected_version: 4, department: 'gajj' },
    });
    expect(validateActionForm(action('dispatch'), { department: 'xyz' }, c, ['cgj', 'gajj'])).toEqual({
      ok: false,
      problems: [{ field: 'department', why: 'department' }],
    });
  });
  it('reads hours as a number > 0', () => {
    expect(validateActionForm(action('request-extension'), { hours: '24', note: '等材料' }, c)).toEqual({
      ok: true,
      body: { action: 'request-extension', expected_version: 4, hours: 24, note: '等材料' },
    });
    for (const hours of ['0', '-2', 'abc', 'Infinity']) {
      expect(validateActionForm(action('request-extension'), { hours, note: 'x' }, c)).toEqual({
        ok: false,
        problems: [{ field: 'hours', why: 'hours' }],
      });
    }
  });
  it('refuses merging a case into itself', () => {
    expect(validateActionForm(action('merge'), { target: 'c7' }, c)).toEqual({ ok: false, problems: [{ field: 'target', why: 'self' }] });
    expect(validateActionForm(action('merge'), { target: 'c3' }, c)).toEqual({
      ok: true,
      body: { action: 'merge', expected_version: 4, target: 'c3' },
    });
  });
  it('ignores values of fields the action does not ask for', () => {
    expect(validateActionForm(action('accept'), { note: 'x', hours: '3' }, c)).toEqual({
      ok: true,
      body: { action: 'accept', expected_version: 4 },
    });
  });
});

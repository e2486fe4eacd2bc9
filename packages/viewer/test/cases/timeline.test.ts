import { DEFAULT_PROFILE, DEFAULT_WORKFLOW } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import type { ServedEvent } from '../../src/api/index.ts';
import { applyStrings, dt, roleLabel } from '../../src/cases/strings.ts';
import { timelineRows } from '../../src/cases/timeline.ts';
import { actionLabel, departmentLabel, openStages, stageLabel, workflowOf } from '../../src/cases/workflow.ts';

const departments = DEFAULT_PROFILE.departments!;
const event = (seq: number, over: Partial<ServedEvent>): ServedEvent => ({
  seq,
  case_id: 'c1',
  version: seq + 1,
  action: 'accept',
  at: '2026-03-02T01:00:00Z',
  actor: { key_id: 'k1', role: 'operator' },
  prev_hash: '0',
  hash: '1',
  ...over,
});

describe('timelineRows', () => {
  const events = [
    event(3, {
      action: 'handle',
      at: '2026-03-02T06:00:00Z',
      actor: { key_id: 'k3', role: 'department', department: 'cgj' },
      note: '已清理',
    }),
    event(1, { action: 'accept' }),
    event(2, { action: 'dispatch', at: '2026-03-02T03:30:00Z', actor: { key_id: 'k2', role: 'dispatcher' }, department: 'cgj' }),
  ];
  it('gives one row per event in log order, in Chinese', () => {
    expect(timelineRows(events, DEFAULT_WORKFLOW, departments, 'zh-CN')).toEqual([
      { seq: 1, version: 2, when: '2026-03-02 09:00', action: 'accept', what: '受理', who: '受理员', details: [] },
      { seq: 2, version: 3, when: '2026-03-02 11:30', action: 'dispatch', what: '派遣', who: '派遣员', details: ['→ 城管局'] },
      { seq: 3, version: 4, when: '2026-03-02 14:00', action: 'handle', what: '处置反馈', who: '专业部门 · 城管局', details: ['已清理'] },
    ]);
  });
  it('words the fields in English', () => {
    const rows = timelineRows(
      [
        event(1, {
          action: 'request-extension',
          hours: 24,
          note: 'waiting',
          actor: { key_id: null, role: 'department', department: 'gajj' },
        }),
      ],
      DEFAULT_WORKFLOW,
      departments,
      'en',
    );
    expect(rows[0]).toMatchObject({ what: 'Request extension', who: 'Department · Traffic police', details: ['24 h', 'waiting'] });
  });
  it('shows an action or role the desk does not know by its code', () => {
    const rows = timelineRows(
      [event(1, { action: 'inspect-twice', actor: { key_id: null, role: 'auditor' } })],
      DEFAULT_WORKFLOW,
      departments,
      'zh-CN',
    );
    expect(rows[0]).toMatchObject({ what: 'inspect-twice', who: 'auditor' });
  });
});

describe('workflow labels', () => {
  it('uses the profile workflow, else the shipped one', () => {
    expect(workflowOf({})).toBe(DEFAULT_WORKFLOW);
    expect(workflowOf(null)).toBe(DEFAULT_WORKFLOW);
    const own = { ...DEFAULT_WORKFLOW, stages: DEFAULT_WORKFLOW.stages.slice(0, 2) };
    expect(workflowOf({ workflow: own })).toBe(own);
  });
  it('names stages, actions and departments in both languages', () => {
    expect(stageLabel(DEFAULT_WORKFLOW, 'dispatched', 'zh-CN')).toBe('派遣');
    expect(stageLabel(DEFAULT_WORKFLOW, 'dispatched', 'en')).toBe('Dispatched');
    expect(actionLabel(DEFAULT_WORKFLOW, 'fail-verification', 'zh-CN')).toBe('核查不通过');
    expect(departmentLabel(departments, 'zjj', 'en')).toBe('Housing and construction');
    expect(departmentLabel(departments, null, 'en')).toBe('');
  });
  it('lists the open stages in workflow order', () => {
    expect(openStages(DEFAULT_WORKFLOW)).toEqual(['reported', 'accepted', 'registered', 'dispatched', 'handled', 'verified']);
  });
});

describe('desk strings', () => {
  it('has both languages for every key and fills %s', () => {
    expect(dt('zh-CN', 'done', '受理')).toBe('已提交：受理');
    expect(dt('en', 'stale')).toMatch(/Someone else acted/);
    expect(dt('en', 'no-such-key')).toBe('no-such-key');
    expect(roleLabel('supervisor', 'zh-CN')).toBe('值班长');
    expect(roleLabel('level.street', 'en')).toBe('Street');
  });
  it('rewrites [data-i18n] text and placeholders', () => {
    const el = (ds: Record<string, string>) => ({ dataset: ds, textContent: '', placeholder: '' });
    const text = el({ i18n: 'title' });
    const input = el({ i18nPlaceholder: 'gridPlaceholder' });
    const doc = { documentElement: { lang: '' }, querySelectorAll: (s: string) => (s === '[data-i18n]' ? [text] : [input]) };
    applyStrings(doc as unknown as Document, 'en');
    expect([doc.documentElement.lang, text.textContent, input.placeholder]).toEqual(['en', 'Case desk', 'grid id']);
  });
});

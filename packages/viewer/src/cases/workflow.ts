/**
 * The workflow the pages draw: the profile's, else core's DEFAULT_WORKFLOW; stage and action
 * names in the page's language; which stages are open (not terminal).
 */
import { DEFAULT_WORKFLOW, type CityProfile, type Department, type Workflow, type WorkflowAction } from '@citygrid/core';
import type { Lang } from '../wall/i18n.ts';

/**
 * The workflow in use: `profile.workflow`, or the shipped one when the profile has none.
 * @example workflowOf({ name: 'x', timezone: '+08:00' }) === DEFAULT_WORKFLOW // true
 */
export function workflowOf(profile: Pick<CityProfile, 'workflow'> | null | undefined): Workflow {
  return profile?.workflow ?? DEFAULT_WORKFLOW;
}

/**
 * A stage's name (上报, Reported); an unknown code comes back as itself.
 * @example stageLabel(DEFAULT_WORKFLOW, 'dispatched', 'en') // 'Dispatched'
 */
export function stageLabel(workflow: Workflow, code: string, lang: Lang): string {
  const s = workflow.stages.find((x) => x.code === code);
  return s ? (lang === 'en' ? s.en || s.name : s.name) : code;
}

/**
 * An action's name (派遣, Dispatch); an unknown code comes back as itself.
 * @example actionLabel(DEFAULT_WORKFLOW, 'accept', 'zh-CN') // '受理'
 */
export function actionLabel(workflow: Workflow, code: string, lang: Lang): string {
  const a = actionOf(workflow, code);
  return a ? (lang === 'en' ? a.en || a.name : a.name) : code;
}

/** The action of a code, or undefined. */
export function actionOf(workflow: Workflow, code: string): WorkflowAction | undefined {
  return workflow.actions.find((a) => a.code === code);
}

/**
 * The open (non-terminal) stages, in workflow order: the queue's tabs and the wall's panel rows.
 * @example openStages(DEFAULT_WORKFLOW) // ['reported', 'accepted', 'registered', 'dispatched', 'handled', 'verified']
 */
export function openStages(workflow: Workflow): string[] {
  return workflow.stages.filter((s) => !s.terminal).map((s) => s.code);
}

/**
 * A department's name (城管局, Urban management); an unknown code comes back as itself.
 * @example departmentLabel([{ code: 'cgj', name: '城管局', en: 'Urban management', level: 'district' }], 'cgj', 'zh-CN') // '城管局'
 */
export function departmentLabel(departments: readonly Department[], code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const d = departments.find((x) => x.code === code);
  return d ? (lang === 'en' ? d.en || d.name : d.name) : code;
}

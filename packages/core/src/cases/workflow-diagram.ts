import type { Workflow } from '../profile/profile-schema.ts';

/**
 * A workflow as a Mermaid state diagram: the initial stage, every action that moves a case
 * (labelled with its code, Chinese name and roles; admin may take all and is not shown) and
 * the terminal stages. Actions that leave the stage as it is (延期, 挂账, 升级) are not
 * drawn: they would be loops on every stage; docs list them in a table. docs/cases.md holds
 * the default's, and a test keeps it equal to this output.
 *
 * @example workflowDiagram(DEFAULT_WORKFLOW).split('\n')[1] // '  [*] --> reported'
 */
export function workflowDiagram(workflow: Workflow): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${workflow.initial ?? workflow.stages[0].code}`];
  for (const s of workflow.stages) lines.push(`  ${s.code}: ${s.code} ${s.name}`);
  for (const a of workflow.actions) {
    if (a.to === undefined) continue;
    for (const from of a.from) lines.push(`  ${from} --> ${a.to}: ${a.code} ${a.name} (${a.roles.join(', ')})`);
  }
  for (const s of workflow.stages) if (s.terminal) lines.push(`  ${s.code} --> [*]`);
  return lines.join('\n');
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowDiagram } from '../../src/cases/workflow-diagram.ts';
import { DEFAULT_WORKFLOW } from '../../src/profile/default-workflow.ts';

const DOC = readFileSync(resolve(import.meta.dirname, '../../../../docs/cases.md'), 'utf8');

describe('docs/cases.md', () => {
  it("holds the default workflow's diagram as workflowDiagram draws it", () => {
    expect(DOC).toContain(`\`\`\`mermaid\n${workflowDiagram(DEFAULT_WORKFLOW)}\n\`\`\``);
  });

  it('lists every action of the default workflow with its stages and roles', () => {
    for (const a of DEFAULT_WORKFLOW.actions) {
      expect(DOC, a.code).toContain(`| \`${a.code}\` | ${a.name} | ${a.from.join(', ')} | ${a.to ?? '(stays)'} | ${a.roles.join(', ')} |`);
    }
  });
});

describe('workflowDiagram', () => {
  it('draws moves, not the actions that leave the stage as it is', () => {
    const d = workflowDiagram({
      stages: [
        { code: 'a', name: 'A' },
        { code: 'b', name: 'B', terminal: true },
      ],
      actions: [
        { code: 'go', name: '走', from: ['a'], to: 'b', roles: ['operator'] },
        { code: 'wait', name: '等', from: ['a'], roles: ['operator'] },
      ],
    });
    expect(d).toBe('stateDiagram-v2\n  [*] --> a\n  a: a A\n  b: b B\n  a --> b: go 走 (operator)\n  b --> [*]');
  });
});

import type { Workflow } from './profile-schema.ts';

/**
 * The shipped case loop (issue 15, STANDARDS.md §5): 上报 → 受理 → 立案 → 派遣 → 处置反馈 →
 * 核查 → 结案, with 不予立案, 回退, 延期, 挂账, 返工, 升级, 移交, 合并 and 重开. Stages follow
 * the national standard's order; who takes which action follows §5's table (受理员 accepts,
 * 值班长 registers and closes, 派遣员 dispatches, 专业部门 handles, 监督员 verifies). The
 * side branches (who approves 延期, where 回退 and 重开 lead) are **local defaults**: §5 names
 * them but no standard fixes them. `admin` may take every action and is not listed.
 *
 * @example DEFAULT_WORKFLOW.stages.map((s) => s.code) // ['reported', 'accepted', 'registered', …]
 */
export const DEFAULT_WORKFLOW: Workflow = {
  initial: 'reported',
  stages: [
    { code: 'reported', name: '上报', en: 'Reported' },
    { code: 'accepted', name: '受理', en: 'Accepted' },
    { code: 'registered', name: '立案', en: 'Registered' },
    { code: 'dispatched', name: '派遣', en: 'Dispatched' },
    { code: 'handled', name: '处置反馈', en: 'Handled' },
    { code: 'verified', name: '核查', en: 'Verified' },
    { code: 'closed', name: '结案', en: 'Closed', terminal: true },
    { code: 'rejected', name: '不予立案', en: 'Rejected', terminal: true },
    { code: 'merged', name: '已合并', en: 'Merged', terminal: true },
  ],
  actions: [
    { code: 'accept', name: '受理', en: 'Accept', from: ['reported'], to: 'accepted', roles: ['operator'] },
    { code: 'register', name: '立案', en: 'Register', from: ['accepted'], to: 'registered', roles: ['supervisor'] },
    { code: 'reject', name: '不予立案', en: 'Reject', from: ['accepted'], to: 'rejected', roles: ['supervisor'], needs: ['note'] },
    // The department comes from the event, else the one dispatch rules proposed at opening.
    { code: 'dispatch', name: '派遣', en: 'Dispatch', from: ['registered'], to: 'dispatched', roles: ['dispatcher'], effect: 'dispatch' },
    // 移交: to another department (or level); its clock starts afresh.
    {
      code: 'transfer',
      name: '移交',
      en: 'Transfer',
      from: ['dispatched'],
      to: 'dispatched',
      roles: ['dispatcher'],
      effect: 'transfer',
      needs: ['note'],
    },
    { code: 'handle', name: '处置反馈', en: 'Report handled', from: ['dispatched'], to: 'handled', roles: ['department'], needs: ['note'] },
    // 回退: not ours; back to the dispatcher to be dispatched again.
    {
      code: 'return',
      name: '回退',
      en: 'Return',
      from: ['dispatched'],
      to: 'registered',
      roles: ['department'],
      effect: 'return',
      needs: ['note'],
    },
    {
      code: 'request-extension',
      name: '申请延期',
      en: 'Request extension',
      from: ['dispatched'],
      roles: ['department'],
      effect: 'request-extension',
      needs: ['hours', 'note'],
    },
    { code: 'extend', name: '延期', en: 'Extend', from: ['dispatched'], roles: ['supervisor'], effect: 'extend' },
    // 挂账: cannot be solved now (e.g. waits for a budget); the clock stops until resumed.
    {
      code: 'suspend',
      name: '挂账',
      en: 'Suspend',
      from: ['registered', 'dispatched'],
      roles: ['supervisor'],
      effect: 'suspend',
      needs: ['note'],
    },
    { code: 'resume', name: '恢复', en: 'Resume', from: ['registered', 'dispatched'], roles: ['supervisor'], effect: 'resume' },
    // 小事不出格: a case starts at the lowest level that can solve it and goes up one at a time.
    {
      code: 'escalate',
      name: '上报上级',
      en: 'Escalate',
      from: ['accepted', 'registered', 'dispatched'],
      roles: ['supervisor', 'dispatcher'],
      effect: 'escalate',
      needs: ['note'],
    },
    { code: 'verify', name: '核查通过', en: 'Verify', from: ['handled'], to: 'verified', roles: ['inspector'] },
    {
      code: 'fail-verification',
      name: '核查不通过',
      en: 'Fail verification',
      from: ['handled'],
      to: 'dispatched',
      roles: ['inspector'],
      effect: 'rework',
      needs: ['note'],
    },
    { code: 'close', name: '结案', en: 'Close', from: ['verified'], to: 'closed', roles: ['supervisor'] },
    {
      code: 'merge',
      name: '合并',
      en: 'Merge',
      from: ['reported', 'accepted', 'registered'],
      to: 'merged',
      roles: ['operator', 'supervisor'],
      effect: 'merge',
    },
    // 重开: back to 立案 so the dispatcher decides again who handles it.
    {
      code: 'reopen',
      name: '重新立案',
      en: 'Reopen',
      from: ['closed'],
      to: 'registered',
      roles: ['supervisor'],
      effect: 'reopen',
      needs: ['note'],
    },
  ],
};

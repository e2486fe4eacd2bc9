/**
 * The desk's keyboard shortcuts, as one table: the `?` help on the page and docs/cases.md list
 * the same rows. Actions take the digits 1–9 in the order the buttons show them, and also their
 * first letter when no other action offered has it and it is not one of the desk's own keys.
 */

/** What a key does on the desk. */
export type DeskCommand = 'next' | 'prev' | 'open' | 'help' | 'cancel' | 'refresh' | 'filter';

/** One shortcut of the desk's own (not an action's). */
export interface DeskShortcut {
  key: string;
  command: DeskCommand;
  zh: string;
  en: string;
}

/** The desk's own keys (KeyboardEvent.key). */
export const DESK_SHORTCUTS: readonly DeskShortcut[] = [
  { key: 'j', command: 'next', zh: '队列中下一件', en: 'next case in the queue' },
  { key: 'k', command: 'prev', zh: '队列中上一件', en: 'previous case in the queue' },
  { key: 'Enter', command: 'open', zh: '打开所选案件', en: 'open the selected case' },
  { key: 'g', command: 'refresh', zh: '刷新队列', en: 'reload the queue' },
  { key: '/', command: 'filter', zh: '跳到筛选', en: 'go to the filters' },
  { key: '?', command: 'help', zh: '显示 / 隐藏快捷键', en: 'show / hide the shortcuts' },
  { key: 'Escape', command: 'cancel', zh: '关闭表单或帮助', en: 'close the form or the help' },
];

/** The fields of a KeyboardEvent the table reads. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key press asks: a desk command, an action (by code), or nothing. */
export type KeyHit = { command: DeskCommand } | { action: string } | null;

/**
 * The keys of the actions offered, in order: `'1'` for the first, … `'9'`; and a letter for
 * each action whose first letter is unique among them and not a desk key.
 * @example actionKeys(['register', 'reject', 'escalate', 'merge']) // { '1': 'register', '2': 'reject', '3': 'escalate', '4': 'merge', e: 'escalate', m: 'merge' }
 */
export function actionKeys(actions: readonly string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  actions.slice(0, 9).forEach((a, i) => {
    keys[String(i + 1)] = a;
  });
  const reserved = new Set(DESK_SHORTCUTS.map((s) => s.key));
  for (const a of actions) {
    const letter = a[0]?.toLowerCase() ?? '';
    if (!/^[a-z]$/.test(letter) || reserved.has(letter)) continue;
    if (actions.filter((b) => b[0]?.toLowerCase() === letter).length === 1) keys[letter] = a;
  }
  return keys;
}

/**
 * What a key press asks, given the actions offered now. Keys with Ctrl, ⌘ or Alt are the
 * browser's; typing in a field is never a shortcut (the caller checks the target).
 * @example keyHit({ key: 'j', ctrlKey: false, metaKey: false, altKey: false }, []) // { command: 'next' }
 */
export function keyHit(e: KeyLike, actions: readonly string[]): KeyHit {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const own = DESK_SHORTCUTS.find((s) => s.key === e.key || s.key === e.key.toLowerCase());
  if (own) return { command: own.command };
  const action = actionKeys(actions)[e.key.toLowerCase()];
  return action ? { action } : null;
}

/**
 * The label a button shows for its keys: `1 · A`.
 * @example actionKeyLabel('accept', { '1': 'accept', a: 'accept' }) // '1 · A'
 */
export function actionKeyLabel(action: string, keys: Record<string, string>): string {
  return Object.entries(keys)
    .filter(([, a]) => a === action)
    .map(([k]) => k.toUpperCase())
    .join(' · ');
}

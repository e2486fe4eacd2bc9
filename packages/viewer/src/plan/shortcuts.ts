/**
 * The planner's keyboard shortcuts, as one table: docs/planner.md lists the same rows, and the
 * help line in the page is generated from it.
 */

/** What a key can do. */
export type Command = 'undo' | 'redo' | 'split' | 'merge' | 'select' | 'cancel' | 'save';

/** One shortcut: the key (KeyboardEvent.key, lower case for letters), the modifiers and the help text. */
export interface Shortcut {
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  command: Command;
  /** zh-CN help text. */
  help: string;
}

/** Every shortcut; Ctrl also means ⌘ on a Mac. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'z', ctrl: true, command: 'undo', help: '撤销' },
  { key: 'z', ctrl: true, shift: true, command: 'redo', help: '重做' },
  { key: 'y', ctrl: true, command: 'redo', help: '重做' },
  { key: 's', ctrl: true, command: 'save', help: '保存草稿版本' },
  { key: 's', command: 'split', help: '画线拆分网格' },
  { key: 'm', command: 'merge', help: '合并所选网格（Shift+点击多选）' },
  { key: 'v', command: 'select', help: '选择 / 调整边界' },
  { key: 'escape', command: 'cancel', help: '取消画线或选择' },
];

/** The fields of a KeyboardEvent the table reads. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The command for a key press, or null. Letters match whatever the Shift state gives
 * (`Z` with Shift is `z`), Ctrl and ⌘ are the same, Alt never takes a shortcut (it is the
 * drag modifier). Typing in a form field is never a shortcut: the caller checks the target.
 * @example commandFor({ key: 'Z', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }) // 'redo'
 */
export function commandFor(e: KeyLike): Command | null {
  if (e.altKey) return null;
  const key = e.key.toLowerCase();
  const ctrl = e.ctrlKey || e.metaKey;
  const hit =
    SHORTCUTS.find((s) => s.key === key && !!s.ctrl === ctrl && !!s.shift === e.shiftKey) ??
    // Shift is irrelevant where no row asks for it (S and Shift+S both split).
    SHORTCUTS.find(
      (s) => s.key === key && !!s.ctrl === ctrl && !s.shift && !SHORTCUTS.some((o) => o.key === key && !!o.ctrl === ctrl && o.shift),
    );
  return hit?.command ?? null;
}

/** How a shortcut reads in help text: `Ctrl+Shift+Z`, `Esc`. */
export function shortcutLabel(s: Shortcut): string {
  const key = s.key === 'escape' ? 'Esc' : s.key.toUpperCase();
  return [s.ctrl ? 'Ctrl' : '', s.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

import { describe, expect, it } from 'vitest';
import { actionKeyLabel, actionKeys, DESK_SHORTCUTS, keyHit } from '../../src/cases/shortcuts.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('actionKeys', () => {
  it('gives digits in button order and unique first letters', () => {
    expect(actionKeys(['register', 'reject', 'escalate', 'merge'])).toEqual({
      '1': 'register',
      '2': 'reject',
      '3': 'escalate',
      '4': 'merge',
      e: 'escalate',
      m: 'merge',
    });
  });
  it('never gives a desk key (j, k, g) to an action', () => {
    expect(actionKeys(['junk', 'keep', 'go'])).toEqual({ '1': 'junk', '2': 'keep', '3': 'go' });
  });
  it('stops digits at 9', () => {
    const many = Array.from({ length: 11 }, (_, i) => `x${i}`);
    expect(Object.keys(actionKeys(many)).filter((k) => /\d/.test(k))).toHaveLength(9);
  });
  it('labels a button with its keys', () => {
    expect(actionKeyLabel('accept', actionKeys(['accept', 'merge']))).toBe('1 · A');
  });
});

describe('keyHit', () => {
  it('maps the desk keys', () => {
    expect(keyHit(key('j'), [])).toEqual({ command: 'next' });
    expect(keyHit(key('K'), [])).toEqual({ command: 'prev' });
    expect(keyHit(key('Enter'), [])).toEqual({ command: 'open' });
    expect(keyHit(key('?'), [])).toEqual({ command: 'help' });
    expect(keyHit(key('Escape'), [])).toEqual({ command: 'cancel' });
  });
  it('maps digits and letters to the actions offered', () => {
    expect(keyHit(key('1'), ['accept', 'merge'])).toEqual({ action: 'accept' });
    expect(keyHit(key('m'), ['accept', 'merge'])).toEqual({ action: 'merge' });
    expect(keyHit(key('3'), ['accept', 'merge'])).toBeNull();
  });
  it('leaves Ctrl, ⌘ and Alt combinations to the browser', () => {
    expect(keyHit(key('j', { ctrlKey: true }), [])).toBeNull();
    expect(keyHit(key('1', { metaKey: true }), ['accept'])).toBeNull();
    expect(keyHit(key('1', { altKey: true }), ['accept'])).toBeNull();
  });
  it('documents every desk key in both languages', () => {
    for (const s of DESK_SHORTCUTS) expect(s.zh && s.en).toBeTruthy();
  });
});

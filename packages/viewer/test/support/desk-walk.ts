// Drives the desk (/cases) as people do: paste a key, open a case, press its action, fill the
// form, submit; used against the stand-in (fake-cases.ts) and against the real cases server.
import type { Page } from 'playwright-core';

/** One step of a case's walk: whose key, which action, what the form gets. */
export interface WalkStep {
  key: string;
  action: string;
  fields?: { department?: string; note?: string; hours?: string; target?: string };
}

/** The walk of the shipped workflow from 上报 to 结案, with the keys of each role. */
export function closureWalk(keys: {
  operator: string;
  supervisor: string;
  dispatcher: string;
  department: string;
  verifier: string;
}): WalkStep[] {
  return [
    { key: keys.operator, action: 'accept' },
    { key: keys.supervisor, action: 'register' },
    { key: keys.dispatcher, action: 'dispatch', fields: { department: 'cgj' } },
    { key: keys.department, action: 'handle', fields: { note: '已清运，现场恢复整洁' } },
    { key: keys.verifier, action: 'verify' },
    { key: keys.supervisor, action: 'close' },
  ];
}

/** Pastes a key into the desk's key field (stored for the tab; the queue reloads). */
export async function useKey(page: Page, key: string): Promise<void> {
  const field = page.getByTestId('cases-key');
  await field.fill(key);
  await field.dispatchEvent('change');
  await field.evaluate((el) => (el as HTMLElement).blur()); // keys typed next are shortcuts, not text
  await page.waitForSelector('body[data-ready="true"]');
}

/** Opens a case on the desk by its address (`/cases#<id>`) and waits for its detail. */
export async function openOnDesk(page: Page, origin: string, id: string): Promise<void> {
  await page.goto(`${origin}/cases#${encodeURIComponent(id)}`);
  await page.waitForSelector(`[data-testid="case-detail"][data-case-id="${id}"]`, { timeout: 30_000 });
}

/**
 * Takes one step on the open case: switches to its key, waits for its button, fills the form
 * and waits until the detail shows the next version.
 */
export async function takeStep(page: Page, id: string, step: WalkStep): Promise<void> {
  await useKey(page, step.key);
  const version = Number(await page.getByTestId('case-detail').getAttribute('data-version'));
  await page.getByTestId(`case-action-${step.action}`).click({ timeout: 15_000 });
  for (const [name, value] of Object.entries(step.fields ?? {})) {
    const field = page.getByTestId(`case-field-${name}`);
    if (name === 'department') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByTestId('case-submit').click();
  await page.waitForSelector(`[data-testid="case-detail"][data-case-id="${id}"][data-version="${version + 1}"]`, { timeout: 15_000 });
}

import type { Api, ServedCase } from '../api/index.ts';
import type { FieldApi } from '../api/field.ts';
import { preparePhoto } from './photo.ts';
import { ft, type FieldLang } from './strings.ts';

/**
 * "My cases": the cases waiting for verification (核查) in the inspector's grids, the loop's last
 * step in the field. Verifying or failing takes a note and a photo; the photo goes to the case's
 * first report (the evidence stays with the problem), the note names its SHA-256.
 * Needs the network: acting on a case must meet its current version (409 otherwise).
 */
export async function loadCasesToVerify(api: Api, field: FieldApi, lang: FieldLang): Promise<void> {
  const status = document.getElementById('cases-status')!;
  const list = document.getElementById('cases')!;
  let cases: ServedCase[];
  try {
    cases = (await api.cases({ stage: 'handled', limit: 100 })).cases.filter((c) => c.allowed_actions.includes('verify'));
  } catch (e) {
    status.textContent = (e as Error).message;
    return;
  }
  status.textContent = cases.length ? '' : ft(lang, 'noCases');
  list.replaceChildren(...cases.map((c) => caseItem(c, api, field, lang)));
}

function caseItem(c: ServedCase, api: Api, field: FieldApi, lang: FieldLang): HTMLElement {
  const li = document.createElement('li');
  li.setAttribute('data-testid', 'm-case');
  li.dataset.caseId = c.id;
  const head = document.createElement('b');
  head.textContent = `${c.id} · ${c.category} · ${c.grid_id ?? ''}`;
  const note = document.createElement('textarea');
  note.placeholder = ft(lang, 'note');
  note.rows = 2;
  const photo = document.createElement('input');
  photo.type = 'file';
  photo.accept = 'image/*';
  photo.setAttribute('capture', 'environment');
  const result = document.createElement('p');
  result.className = 'status';
  const act = (action: 'verify' | 'fail-verification') => async () => {
    try {
      let text = note.value.trim();
      const file = photo.files?.[0];
      if (file && c.reports[0]) {
        const prepared = await preparePhoto(file, file.name);
        await field.sendPhoto(c.reports[0], prepared.blob, prepared.name);
        text = `${text}${text ? '\n' : ''}${ft(lang, 'verifyPhoto')} sha256:${prepared.sha256}`;
      }
      await api.takeAction(c.id, { action, expected_version: c.version, ...(text ? { note: text } : {}) });
      result.textContent = ft(lang, 'done');
      li.dataset.done = action;
    } catch (e) {
      result.textContent = (e as Error).message;
    }
  };
  const buttons = document.createElement('div');
  buttons.className = 'row';
  for (const [action, key] of [
    ['verify', 'verify'],
    ['fail-verification', 'fail'],
  ] as const) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = ft(lang, key);
    b.setAttribute('data-testid', `m-case-${action}`);
    b.addEventListener('click', () => void act(action)());
    buttons.append(b);
  }
  li.append(head, note, photo, buttons, result);
  return li;
}

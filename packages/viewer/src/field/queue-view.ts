import type { OutboxItem } from './field-db.ts';
import { ft, type FieldLang } from './strings.ts';

/**
 * Draws the outbox: the count in the header, and per item what it is, its state and the last
 * error. Each item carries its photos' SHA-256 (`data-photos`), the bytes it will send.
 */
export function renderQueue(items: readonly OutboxItem[], lang: FieldLang): void {
  const pill = document.getElementById('queue-pill')!;
  pill.textContent = String(items.length);
  pill.dataset.count = String(items.length);
  pill.classList.toggle('busy', items.length > 0);
  const list = document.getElementById('queue')!;
  if (!items.length) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = ft(lang, 'empty');
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.setAttribute('data-testid', 'm-queue-item');
      li.dataset.id = item.id;
      li.dataset.state = item.state;
      const what =
        item.kind === 'report'
          ? `${ft(lang, 'report')} ${item.report.category} · ${ft(lang, 'photosCount', `${item.photos.filter((p) => p.sent).length}/${item.photos.length}`)}`
          : `${ft(lang, 'patrolItem')} · ${item.patrol.track.length}`;
      if (item.kind === 'report') li.dataset.photos = item.photos.map((p) => p.sha256).join(',');
      const head = document.createElement('b');
      head.textContent = what;
      const state = document.createElement('span');
      state.className = `state ${item.state}`;
      state.textContent = ft(lang, item.state);
      li.append(head, ' ', state, ` ${new Date(item.createdAt).toLocaleTimeString(lang)}`);
      if (item.lastError) {
        const err = document.createElement('p');
        err.className = 'error';
        err.textContent = item.lastError;
        li.append(err);
      }
      return li;
    }),
  );
}

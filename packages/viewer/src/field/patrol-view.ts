import type { ActivePatrol } from './field-db.ts';
import type { MyGrid } from './my-grids.ts';
import { ft, type FieldLang } from './strings.ts';

/** Draws the patrol toggle and what the patrol has recorded so far. */
export function renderPatrol(active: ActivePatrol | null, lang: FieldLang): void {
  const toggle = document.getElementById('patrol-toggle')!;
  toggle.dataset.on = String(active !== null);
  toggle.textContent = ft(lang, active ? 'stopPatrol' : 'startPatrol');
  toggle.classList.toggle('on', active !== null);
  document.getElementById('patrol-info')!.textContent = active
    ? ft(lang, 'patrolOn', active.track.length, new Date(active.startedAt).toLocaleTimeString(lang))
    : ft(lang, 'patrolOff');
}

/** Draws "my grids": each with its risk colour and the patrol frequency it asks for. */
export function renderMyGrids(grids: readonly MyGrid[], lang: FieldLang): void {
  document.getElementById('grids')!.replaceChildren(
    ...grids.map((g) => {
      const li = document.createElement('li');
      li.setAttribute('data-testid', 'm-grid-item');
      li.dataset.grid = g.id;
      const swatch = document.createElement('i');
      swatch.className = 'swatch';
      if (g.risk) swatch.style.background = g.risk.color;
      const name = document.createElement('b');
      name.textContent = `${g.name} (${g.id})`;
      const risk = document.createElement('span');
      risk.textContent = g.risk ? `${g.risk.name} · ${ft(lang, 'everyDays', g.patrolEveryDays)}` : ft(lang, 'noRisk');
      li.append(swatch, name, risk);
      return li;
    }),
  );
}

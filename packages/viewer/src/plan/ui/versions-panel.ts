/**
 * The server panel: the versions list and loading one, the draft line, saving a draft,
 * publishing it (two clicks), the impact on stored reports, and the GeoJSON download.
 */
import { ApiError } from '../../api/index.ts';
import { collectionToGrids, gridsToCollection } from '../grid-features.ts';
import { loadLabelGlyphs } from '../map-layers.ts';
import { $, type Planner } from '../planner.ts';
import { Session } from '../session.ts';
import { TEXT } from '../strings.ts';
import { bboxOfFeatures } from '../../geo.ts';
import { renderImpact } from './impact-view.ts';

/**
 * Fills the versions select, the base version (or the current one) selected.
 * @example renderVersions(planner)
 */
export function renderVersions(p: Planner): void {
  const v = p.versions;
  const options = v
    ? v.versions.map(
        (x) => new Option(TEXT.versionOption(x), String(x.version), false, x.version === (p.session?.baseVersion ?? v.current)),
      )
    : [new Option(TEXT.noVersionsOption, '')];
  $<HTMLSelectElement>('version').replaceChildren(...options);
}

/**
 * The draft line: base version, edits, and whether they are saved on the server.
 * @example renderDraftInfo(planner)
 */
export function renderDraftInfo(p: Planner): void {
  const s = p.session!;
  $('draft-info').textContent = TEXT.draftInfo(
    s.baseVersion,
    s.history.position,
    s.saved ? { version: s.saved.version, current: s.savedNow } : null,
  );
}

/**
 * Starts a new session on a server version's grids (null: the current ones).
 * @example await loadVersion(planner, 3)
 */
export async function loadVersion(p: Planner, version: number | null): Promise<void> {
  const fc = await p.api.grids(version);
  const gridSet = collectionToGrids(fc);
  const base = fc.version ?? version;
  p.session = Session.fromVersion(gridSet, base);
  p.selection = [];
  p.status.textContent = TEXT.loaded(base, gridSet.grids.length);
}

/**
 * Saves the grids now as a server draft (unless they are saved already); returns its version,
 * or null when the server refused (the panel says why).
 * @param force store despite coverage problems
 * @example const version = await saveDraft(planner, false)
 */
export async function saveDraft(p: Planner, force: boolean): Promise<number | null> {
  const s = p.session!;
  const gs = s.present;
  if (s.saved?.gridSet === gs) return s.saved.version;
  const out = $('save-status');
  $('save-force').hidden = true;
  out.textContent = TEXT.saving;
  try {
    const res = await p.api.saveDraft(gridsToCollection(gs), { force });
    s.saved = { version: res.version, gridSet: gs };
    out.textContent = TEXT.saved(res);
    out.dataset.version = String(res.version);
    p.persist();
    renderDraftInfo(p);
    await refreshVersions(p);
    return res.version;
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      out.textContent = TEXT.saveRefused(e.body?.problems?.length);
      $('save-force').hidden = false;
    } else out.textContent = refusal(e, TEXT.planner, TEXT.noSave, TEXT.saveFailed);
    return null;
  }
}

let publishArmed: number | null = null;

/**
 * Publishes the saved draft: the first click arms the button, the second (within 6 s) publishes,
 * because publishing re-routes every stored report to the new grids.
 * @example await publish(planner)
 */
export async function publish(p: Planner): Promise<void> {
  const s = p.session!;
  const out = $('save-status');
  const button = $<HTMLButtonElement>('publish');
  if (!s.saved || !s.savedNow) {
    out.textContent = TEXT.saveFirst;
    return;
  }
  const v = s.saved.version;
  if (publishArmed !== v) {
    publishArmed = v;
    button.textContent = TEXT.confirmPublish(v);
    button.classList.add('danger');
    setTimeout(() => disarm(), 6000);
    return;
  }
  disarm();
  out.textContent = TEXT.publishing;
  try {
    const res = await p.api.publish(v);
    out.textContent = TEXT.published(res);
    s.baseVersion = res.version;
    await refreshVersions(p);
    renderDraftInfo(p);
    p.persist();
  } catch (e) {
    out.textContent = refusal(e, TEXT.admin, TEXT.noPublish, TEXT.publishFailed);
  }
}

/**
 * Shows which stored reports the grids now would move, and where to. The endpoint compares a
 * stored version with the current one: an unsaved state is saved as a draft first (drafts
 * change nothing until published).
 * @example await impact(planner)
 */
export async function impact(p: Planner): Promise<void> {
  const el = $('impact');
  el.textContent = TEXT.computing;
  const version = await saveDraft(p, false);
  if (version === null) {
    el.textContent = TEXT.impactNeedsDraft;
    return;
  }
  try {
    const window = { from: $<HTMLInputElement>('impact-from').value, to: $<HTMLInputElement>('impact-to').value };
    renderImpact(el, await p.api.impact(version, window), p.session!.names());
  } catch (e) {
    el.textContent = refusal(e, TEXT.planner, TEXT.noImpact, TEXT.impactFailed);
  }
}

/**
 * Downloads the grids now as GeoJSON, named for the saved version (or draft) and the day.
 * @example download(planner)
 */
export function download(p: Planner): void {
  const s = p.session!;
  const blob = new Blob([JSON.stringify(gridsToCollection(s.present))], { type: 'application/geo+json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `grids-${s.savedNow ? `v${s.saved!.version}` : 'draft'}-${new Date().toISOString().slice(0, 10)}.geojson`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

let loadArmed = false;

/**
 * Loads the version chosen in the select. Unsaved edits arm the button first (a second click
 * within 6 s, or `discard`, drops them).
 * @example await loadSelectedVersion(planner)
 */
export async function loadSelectedVersion(p: Planner, discard = false): Promise<void> {
  const value = $<HTMLSelectElement>('version').value;
  const s = p.session;
  if (s && s.history.position > 0 && !s.savedNow && !discard && !loadArmed) {
    loadArmed = true;
    $('load-version').textContent = TEXT.discardAndLoad;
    setTimeout(() => {
      loadArmed = false;
      $('load-version').textContent = TEXT.load;
    }, 6000);
    return;
  }
  loadArmed = false;
  $('load-version').textContent = TEXT.load;
  await loadVersion(p, value ? Number(value) : null);
  await loadLabelGlyphs(p.session!.names().values());
  p.problems = [];
  p.changed();
  p.fit(bboxOfFeatures(gridsToCollection(p.session!.present).features));
}

async function refreshVersions(p: Planner): Promise<void> {
  p.versions = await p.api.versions().catch(() => p.versions);
  renderVersions(p);
}

function disarm(): void {
  publishArmed = null;
  const button = $<HTMLButtonElement>('publish');
  button.textContent = TEXT.publish;
  button.classList.remove('danger');
}

/** The panel's words for a failed request: a key to type, an older server, or the error itself. */
function refusal(e: unknown, role: string, missing: string, failed: (message: string) => string): string {
  if (e instanceof ApiError && e.unauthorised) return TEXT.keyNeeded(role, e.body?.message ?? e.message);
  if (e instanceof ApiError && e.missing) return missing;
  return failed((e as Error).message);
}

// The planner page (/plan): wiring only. The session (history, base and saved version) is
// session.ts, the edits commands.ts, selection and tools selection.ts, the panels ui/*.ts and
// the words strings.ts; the check runs in coverage-worker.ts; the local draft is IndexedDB's.
import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import '../style.css';
import './plan.css';
import { ApiError, createApi, isoToCstDate, keyHeaders, storedApiKey } from '../api/index.ts';
import { createBaseMap } from '../base-map.ts';
import { bboxOfFeatures, type BBox } from '../geo.ts';
import { run, snap, splitWith, vertexEdit, wireKeyboard } from './commands.ts';
import { CoverageClient } from './coverage-client.ts';
import { clearDraft, loadDraft, storeDraft } from './draft-store.ts';
import { createPlanDraw } from './draw.ts';
import { collectionToGrids, gridsToCollection } from './grid-features.ts';
import { addPlanLayers, loadLabelGlyphs, PlanLabels, setBoundaries, setGrids } from './map-layers.ts';
import { $, type Planner } from './planner.ts';
import { selectAt, setTool, showSelection } from './selection.ts';
import { Session } from './session.ts';
import { TEXT } from './strings.ts';
import { check } from './ui/check-panel.ts';
import { wireKeyField } from './ui/key-field.ts';
import {
  download,
  impact,
  loadSelectedVersion,
  loadVersion,
  publish,
  renderDraftInfo,
  renderVersions,
  saveDraft,
} from './ui/versions-panel.ts';

const PANEL_WIDTH = 364; // #panel width + margins: views are fitted right of it
const body = document.body;
const checker = new CoverageClient(new Worker(new URL('./coverage-worker.ts', import.meta.url), { type: 'module' }));
const map = createBaseMap('map', {
  doubleClickZoom: false, // a double click ends a split line; zoom with the wheel or the buttons
  boxZoom: false, // Shift+click adds to the selection; Shift+drag would start a box zoom
});
const labels = new PlanLabels(map);
let persistQueue: Promise<void> = Promise.resolve();

const p: Planner = {
  map,
  // Issue 7 (API keys, roles): the key typed in the panel goes with every request of the page.
  api: createApi({ headers: () => keyHeaders(storedApiKey()) }),
  status: $('status'),
  draw: undefined as unknown as Planner['draw'], // set once the map has loaded, before any session
  session: null,
  selection: [],
  problems: [],
  versions: null,
  lineEndedAt: -Infinity,
  changed,
  persist,
  showSelection: () => showSelection(p),
  setTool: (tool) => setTool(p, tool),
  fit,
};

wireKeyField();
start().catch(fail);

async function start(): Promise<void> {
  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  const [boundaries, meta, list, stored] = await Promise.all([
    p.api.boundaries(),
    p.api.meta(),
    p.api.versions().catch((e) => missingOr(e, null)),
    loadDraft().catch(() => undefined),
  ]);
  p.versions = list;
  renderVersions(p);
  if (meta.time) {
    $<HTMLInputElement>('impact-from').value = isoToCstDate(meta.time.min);
    $<HTMLInputElement>('impact-to').value = isoToCstDate(meta.time.max);
  }
  await loaded;
  addPlanLayers(map);
  setBoundaries(map, boundaries);
  checker.setParents(boundaries.features.length ? collectionToGrids(boundaries) : null);
  p.draw = createPlanDraw(map, {
    vertexEdit: (id, _part, ring, edit, alt) => vertexEdit(p, id, ring, edit, alt),
    line: (line) => splitWith(p, line),
    snap: (e, skip) => snap(p, e, skip),
  });
  wire(list === null);
  if (stored) {
    const { session, updated } = Session.fromDraft(stored);
    p.session = session;
    p.status.textContent = TEXT.restored(updated, session.history.position);
  } else {
    await loadVersion(p, p.versions?.current ?? null);
  }
  fit(bboxOfFeatures(gridsToCollection(p.session!.present).features));
  await loadLabelGlyphs(p.session!.names().values());
  changed({ persist: false });
  map.once('idle', () => {
    body.dataset.firstFrameMs = String(Math.round(performance.now()));
    body.dataset.ready = 'true';
  });
}

function changed(options: { persist?: boolean } = {}): void {
  const s = p.session!;
  const gs = s.present;
  p.selection = p.selection.filter((id) => gs.byId.has(id));
  setGrids(map, gs);
  showSelection(p);
  labels.update(gs, p.problems);
  $('grid-count').textContent = String(gs.grids.length);
  const h = s.history;
  Object.assign($<HTMLButtonElement>('undo'), { disabled: !h.canUndo(), title: TEXT.undoTitle(h.undoLabel()) });
  Object.assign($<HTMLButtonElement>('redo'), { disabled: !h.canRedo(), title: TEXT.redoTitle(h.redoLabel()) });
  renderDraftInfo(p);
  body.dataset.edits = String(h.position);
  if (options.persist !== false) persist();
  void check(p, checker, labels);
}

function persist(): void {
  const { record, keep, at } = p.session!.record();
  persistQueue = persistQueue
    .then(() => (keep ? storeDraft(record) : clearDraft()))
    .then(() => {
      body.dataset.persisted = String(at);
    })

    .catch((e: Error) => console.error('IndexedDB: the local draft was not stored', e));
}

function wire(versionsMissing: boolean): void {
  map.on('click', (e) => selectAt(p, e));
  map.on('zoomend', () => p.session && labels.update(p.session.present, p.problems));
  const on = (id: string, action: () => unknown) => $(id).addEventListener('click', () => void action());
  for (const c of ['select', 'split', 'merge'] as const) on(`tool-${c}`, () => run(p, c));
  on('undo', () => run(p, 'undo'));
  on('redo', () => run(p, 'redo'));
  on('save', () => saveDraft(p, false));
  on('save-force', () => saveDraft(p, true));
  on('publish', () => publish(p));
  on('download', () => download(p));
  on('impact-run', () => impact(p));
  on('load-version', () => loadSelectedVersion(p).catch(fail));
  on('discard', () => loadSelectedVersion(p, true).catch(fail));
  if (versionsMissing) for (const id of ['publish', 'impact-run']) $<HTMLButtonElement>(id).title = TEXT.noVersionsTitle;
  wireKeyboard(p);
  setTool(p, 'select');
  // For tests and the screenshot script: where a lon/lat is on screen (page pixels), the grid
  // ids, and fitting the view to a box.
  (window as unknown as { citygridPlanner: unknown }).citygridPlanner = {
    project: (lon: number, lat: number) => {
      const pt = map.project([lon, lat]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: pt.x + r.left, y: pt.y + r.top };
    },
    ids: () => p.session!.present.grids.map((g) => g.id),
    fit: (bbox: BBox) => fit(bbox, 19),
  };
}

function fit(bbox: BBox | null, maxZoom = 17): void {
  if (bbox)
    map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: { top: 60, bottom: 60, left: PANEL_WIDTH + 40, right: 80 }, duration: 0, maxZoom },
    );
}

function missingOr<T>(e: unknown, value: T): T {
  if (e instanceof ApiError && e.missing) return value;
  throw e;
}

function fail(e: unknown): void {
  const message = (e as Error).message ?? String(e);
  p.status.textContent = /HTTP 40[13]/.test(message) ? TEXT.keyRequired(message) : TEXT.failed(message);
  p.status.classList.add('error');
  if (!/HTTP 40[13]/.test(message)) console.error(e);
}

import { Workbox } from 'workbox-window';

/**
 * Registers the service worker (sw.js, scope /m) and says when the app is ready to go offline.
 * The first visit's requests went past the worker, which was not in control yet: once it is,
 * `refetch` asks for the data again through it, and the font slices the page already loaded
 * are asked again, so the worker's caches hold everything the next offline start needs.
 * @param onReady called with whether a service worker controls the page
 * @example await registerOffline(() => loadData(), (on) => (document.body.dataset.offlineReady = String(on)));
 */
export async function registerOffline(refetch: () => Promise<void>, onReady: (controlled: boolean) => void): Promise<void> {
  if (!('serviceWorker' in navigator)) return onReady(false);
  const wb = new Workbox('./sw.js', { scope: './m' });
  wb.addEventListener('controlling', () => {
    const fonts = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => url.endsWith('.woff2'));
    void Promise.all([refetch().catch(() => {}), ...fonts.map((url) => fetch(url).catch(() => null))]).then(() => onReady(true));
  });
  await wb.register();
  if (navigator.serviceWorker.controller) onReady(true);
}

/**
 * A page's work tracker: `body[data-ready]` is 'false' while any work runs and 'true' once all
 * of it is done (the browser tests wait on it); a failure goes to `fail`.
 *
 * @example const busy = pageBusy(showError); busy(loadTable);
 */
export function pageBusy(fail: (e: unknown) => void): (work: () => Promise<unknown>) => void {
  let pending = 0;
  return (work) => {
    pending += 1;
    document.body.dataset.ready = 'false';
    void work()
      .catch(fail)
      .finally(() => {
        pending -= 1;
        if (pending === 0) document.body.dataset.ready = 'true';
      });
  };
}

import type { GeometryPool } from '../../geometry/geometry-pool.ts';
import type { Rerouter } from './reroute-reports.ts';

/**
 * A publish's re-routing run on the geometry pool (the event loop stays free while 1M reports
 * route); past the pool's time limit it answers 503 CG_ERR_PUBLISH_TIMEOUT, and the publish
 * rolls back. `version` names what is published in that message.
 * @example await app.store.grids.publish(2, rerouteOnPool(app.geometry, 'version 2'))
 */
export function rerouteOnPool(pool: GeometryPool, version: string): Rerouter {
  return (args, transfer) =>
    pool.run('findRerouted', args, `re-routing the reports to ${version}`, { transfer, timeoutCode: 'CG_ERR_PUBLISH_TIMEOUT' });
}

/** Pulses of live reports: a ring that grows and fades at the report's place. */
import type { ScatterplotLayerProps } from 'deck.gl';

/** A report that just arrived: where, and when (ms, `performance.now()`). */
export interface Pulse {
  lon: number;
  lat: number;
  t: number;
}

/** How long a pulse shows, ms. */
export const PULSE_MS = 3000;

/**
 * ScatterplotLayer props for the pulses still alive at `now`: one layer, radius 8 → 48 px,
 * alpha 255 → 0 over {@link PULSE_MS}. Empty when none is alive.
 */
export function livePulses(pulses: readonly Pulse[], now: number): ScatterplotLayerProps<Pulse>[] {
  const alive = pulses.filter((p) => now - p.t >= 0 && now - p.t < PULSE_MS);
  if (!alive.length) return [];
  const k = (p: Pulse) => (now - p.t) / PULSE_MS;
  return [
    {
      id: 'live-pulses',
      data: alive,
      getPosition: (p) => [p.lon, p.lat],
      radiusUnits: 'pixels',
      getRadius: (p) => 8 + 40 * k(p),
      stroked: true,
      filled: true,
      getFillColor: (p) => [56, 217, 255, Math.round(120 * (1 - k(p)))],
      getLineColor: (p) => [255, 255, 255, Math.round(255 * (1 - k(p)))],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      updateTriggers: { getRadius: now, getFillColor: now, getLineColor: now },
      pickable: false,
    },
  ];
}

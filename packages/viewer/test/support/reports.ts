import { mulberry32, type Report } from '@citygrid/core';

// Where reports cluster, and which categories each place produces (category shares differ
// clearly, so filtering visibly changes both the total and the heatmap).
const CLUSTERS = [
  // a residential block south-west of the market: exposed rubbish (暴露垃圾)
  { share: 0.45, kind: 'normal', at: [109.013, 32.706], sd: 0.0022, mix: { '06010': 0.8, '09006': 0.1, '08004': 0.1 } },
  // the market street: vending on the roadway (占道经营)
  { share: 0.25, kind: 'normal', at: [109.024, 32.714], sd: 0.0018, mix: { '06010': 0.3, '09006': 0.7 } },
  // background over the district (a few reports fall outside every grid)
  { share: 0.3, kind: 'uniform', box: [108.997, 32.697, 109.033, 32.723], mix: { '06010': 0.5, '09006': 0.2, '08004': 0.3 } },
] as const;

const SOURCES = ['12345', 'app', 'wechat', 'patrol'];
const T0 = Date.parse('2024-01-01T00:00:00+08:00');
const T1 = Date.parse('2024-07-01T00:00:00+08:00');

/**
 * `n` synthetic reports near 109.0E 32.7N (WGS84), from 2024-01-01 to 2024-06-30 (Beijing time).
 * @example syntheticReports(2400, 42).filter((r) => r.category === '09006').length
 */
export function syntheticReports(n: number, seed: number): Report[] {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const pick = <K extends string>(mix: Readonly<Record<K, number>>): K => {
    let u = rand();
    for (const [k, p] of Object.entries(mix) as [K, number][]) {
      u -= p;
      if (u < 0) return k;
    }
    return Object.keys(mix)[0] as K;
  };
  const out: Report[] = [];
  for (let i = 0; i < n; i++) {
    let u = rand();
    const c =
      CLUSTERS.find((k) => {
        u -= k.share;
        return u < 0;
      }) ?? CLUSTERS[0];

    const [lon, lat] =
      c.kind === 'normal'
        ? [c.at[0] + normal() * c.sd, c.at[1] + normal() * c.sd]
        : [c.box[0] + rand() * (c.box[2] - c.box[0]), c.box[1] + rand() * (c.box[3] - c.box[1])];
    out.push({
      id: `fixture-${i}`,
      lon: Number(lon.toFixed(6)),
      lat: Number(lat.toFixed(6)),
      category: pick(c.mix as Record<string, number>),
      source: SOURCES[Math.floor(rand() * SOURCES.length)],
      created_at: new Date(T0 + Math.floor(rand() * (T1 - T0))).toISOString(),
    });
  }
  return out;
}

/**
 * The 8 towns and street offices of 汉滨区 named in seed 000 (Ankang's central district), with
 * their level-3 grid counts (91 in all). The 9-digit codes follow GB/T 10114 ranges (街道
 * 001–099, 镇 100–199) but are illustrative: the official 统计用区划代码 of these towns were
 * not available to check, and the demo data is labelled synthetic.
 */
export interface TownSpec {
  name: string;
  kind: '街道' | '镇';
  /** 3-digit town part of the code. */
  town: string;
  /** Level-3 grids (one per community or village: 一村一格). */
  grids: number;
  /** Share of the synthetic district's area. */
  share: number;
  /** Where the town grows from in the synthetic district, km east and north of the centre. */
  site: [number, number];
}

export const DISTRICT = { code: '610902', name: '汉滨区' } as const;

// Dense street offices (老城/新城/江北/建民) around the centre on both banks of the Han, large
// rural towns outside: 张滩 downstream (east), 关庙 north, 五里 south-east, 吉河 south-west.
export const HANBIN_TOWNS: readonly TownSpec[] = [
  { name: '老城街道', kind: '街道', town: '001', grids: 9, share: 0.012, site: [0.8, -0.4] },
  { name: '新城街道', kind: '街道', town: '002', grids: 15, share: 0.04, site: [-2.8, -0.9] },
  { name: '江北街道', kind: '街道', town: '003', grids: 8, share: 0.045, site: [0.2, 2.6] },
  { name: '建民街道', kind: '街道', town: '004', grids: 1, share: 0.012, site: [3.8, -0.2] },
  { name: '张滩镇', kind: '镇', town: '101', grids: 14, share: 0.16, site: [11, 1.5] },
  { name: '关庙镇', kind: '镇', town: '102', grids: 12, share: 0.19, site: [-2, 8] },
  { name: '五里镇', kind: '镇', town: '103', grids: 18, share: 0.3, site: [5, -7.5] },
  { name: '吉河镇', kind: '镇', town: '104', grids: 14, share: 0.241, site: [-10, -3.5] },
];

/** Standard each code follows (STANDARDS.md §1–3). */
export const STANDARD_REF = {
  district: 'GB/T 2260',
  town: 'GB/T 10114',
  grid: 'GB/T 47678.5-2026',
} as const;

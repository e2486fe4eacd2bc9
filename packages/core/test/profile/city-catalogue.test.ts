import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cityCatalogue } from '../../src/profile/city-catalogue.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';
import type { CityProfile } from '../../src/profile/profile-schema.ts';

const FULL = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/profile/full.json'), 'utf8')) as CityProfile;

describe('cityCatalogue', () => {
  it('accepts the 250 standard matters by default, with their 大类 as group', () => {
    const c = cityCatalogue(DEFAULT_PROFILE);
    expect(c.categories).toHaveLength(250);
    expect(c.category('08016')).toMatchObject({
      name: '无证建设',
      en: 'Building without permit',
      standard: '08016',
      group: '施工管理类',
      origin: 'standard',
    });
    expect(c.category('01037')?.name).toBe('路灯异常');
    expect(c.category('06031')).toBeUndefined(); // reserved by the standard
  });

  it("adds the city's own codes mapped to a standard code, and extends standard ones", () => {
    const c = cityCatalogue(FULL);
    expect(c.categories).toHaveLength(251);
    expect(c.category('Bulky Items')).toMatchObject({ name: '大件垃圾', standard: '06036', group: 'Sanitation', origin: 'city' });
    expect(c.category('06010')?.attributes.map((a) => a.key)).toEqual(['area_m2']);
    expect(c.category('06001')).toMatchObject({ standard: '06001', group: '市容环境类', origin: 'city' });
  });

  it('leaves the standard out when include_standard_catalogue is false', () => {
    const c = cityCatalogue({ ...FULL, include_standard_catalogue: false });
    expect(c.categories.map((x) => x.code)).toEqual(['06010', '06001', 'Bulky Items']);
    expect(c.category('09009')).toBeUndefined();
  });

  it('a city code not mapped to the standard counts as no standard code', () => {
    const c = cityCatalogue({ name: 'LA', timezone: 'America/Los_Angeles', categories: [{ code: 'Graffiti Removal', name: 'Graffiti' }] });
    expect(c.category('Graffiti Removal')).toMatchObject({ standard: null, group: null });
  });

  it('ships the sources of seeds 001/002 and lets a profile rename or add', () => {
    const shipped = cityCatalogue(DEFAULT_PROFILE).sources.map((s) => s.code);
    expect(shipped).toEqual(['12345', 'app', 'wechat', 'patrol', '12319', 'inspector-app', 'camera', 'vehicle', 'petition', 'media']);
    const c = cityCatalogue(FULL);
    expect(c.source('12319')?.name).toBe('12319城建热线（汉滨）');
    expect(c.source('drone')).toEqual({ code: 'drone', name: '无人机巡查', en: 'Drone', discovery: 'device' });
    expect(c.source('camera')?.discovery).toBe('device');
    expect(c.source('inspector-app')?.discovery).toBe('patrol');
  });
});

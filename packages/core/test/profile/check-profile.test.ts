import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/profile/check-profile.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';

const FULL = readFileSync(resolve(import.meta.dirname, '../fixtures/profile/full.json'), 'utf8');
const full = () => JSON.parse(FULL) as Record<string, any>;

/** The full fixture with one change made by `edit`. */
function edited(edit: (p: Record<string, any>) => void): Record<string, any> {
  const p = full();
  edit(p);
  return p;
}

describe('checkProfile', () => {
  it('accepts the fixture that uses every field, as text or as an object', () => {
    expect(checkProfile(FULL).ok).toBe(true);
    expect(checkProfile(full()).ok).toBe(true);
  });

  it('accepts the shipped default and a minimal profile', () => {
    expect(checkProfile(DEFAULT_PROFILE)).toEqual({ ok: true, profile: DEFAULT_PROFILE });
    expect(checkProfile({ name: 'LA', timezone: 'America/Los_Angeles' }).ok).toBe(true);
  });

  // One row per way a profile can be wrong: the edit, the JSON pointer named, words of the message.
  const cases: Array<[string, (p: Record<string, any>) => void, string, string]> = [
    ['not JSON', () => {}, '', 'not valid JSON'],
    ['name missing', (p) => delete p.name, '', 'name'],
    ['name empty', (p) => (p.name = ''), '/name', 'fewer than 1'],
    ['timezone unknown', (p) => (p.timezone = 'Mars/Base'), '/timezone', 'IANA name'],
    ['timezone offset out of range', (p) => (p.timezone = '+15:00'), '/timezone', 'not a timezone'],
    ['unknown top-level field', (p) => (p.colour = 'red'), '', '"colour"; allowed: name, timezone'],
    ['division code not 6 digits', (p) => (p.division_code = '6109'), '/division_code', 'pattern'],
    ['category code empty', (p) => (p.categories[0].code = ''), '/categories/0/code', 'fewer than 1'],
    ['category duplicate code', (p) => (p.categories[2].code = '06010'), '/categories/2/code', 'already used by /categories/0'],
    ['category standard not a code', (p) => (p.categories[2].standard = '6036'), '/categories/2/standard', 'pattern'],
    ['category standard unknown', (p) => (p.categories[2].standard = '06031'), '/categories/2/standard', 'not a GB/T 47678.5 matter code'],
    [
      'category unknown field',
      (p) => (p.categories[1].colour = 1),
      '/categories/1',
      '"colour"; allowed: code, name, en, standard, group, attributes',
    ],
    [
      'attribute type unknown',
      (p) => (p.categories[1].attributes[0].type = 'float'),
      '/categories/1/attributes/0/type',
      'one of "number", "integer", "string", "boolean", "enum"',
    ],
    ['attribute key not a name', (p) => (p.categories[1].attributes[0].key = 'area m2'), '/categories/1/attributes/0/key', 'pattern'],
    ['attribute duplicate key', (p) => (p.categories[1].attributes[1].key = 'area_m2'), '/categories/1/attributes/1/key', 'already used'],
    ['attribute min above max', (p) => (p.categories[1].attributes[1].min = 200), '/categories/1/attributes/1/max', 'below min 200'],
    [
      'attribute range on a string',
      (p) => (p.categories[1].attributes[4].min = 1),
      '/categories/1/attributes/4',
      'min and max apply to number',
    ],
    ['enum without options', (p) => delete p.categories[1].attributes[2].options, '/categories/1/attributes/2', 'needs options'],
    ['options on a number', (p) => (p.categories[1].attributes[0].options = ['a']), '/categories/1/attributes/0/options', 'apply to enum'],
    [
      'max_length on a number',
      (p) => (p.categories[1].attributes[0].max_length = 3),
      '/categories/1/attributes/0/max_length',
      'applies to string',
    ],
    ['include_standard_catalogue not boolean', (p) => (p.include_standard_catalogue = 'yes'), '/include_standard_catalogue', 'boolean'],
    ['unknown_category value', (p) => (p.unknown_category = 'accept'), '/unknown_category', 'one of "reject", "other"'],
    ['source duplicate', (p) => (p.sources[1].code = '12319'), '/sources/1/code', 'already used'],
    ['source discovery value', (p) => (p.sources[1].discovery = 'robot'), '/sources/1/discovery', 'one of "patrol", "public", "device"'],
    [
      'department level value',
      (p) => (p.departments[0].level = 'province'),
      '/departments/0/level',
      'one of "grid", "community", "street", "district", "city"',
    ],
    ['department duplicate', (p) => (p.departments[1].code = 'cgj'), '/departments/1/code', 'already used'],
    ['default department unknown', (p) => (p.default_department = 'xyz'), '/default_department', 'not a department'],
    ['rule department unknown', (p) => (p.dispatch[0].department = 'police'), '/dispatch/0/department', 'add it to departments'],
    ['rule category matches nothing', (p) => (p.dispatch[0].category = '99'), '/dispatch/0/category', 'matches no category'],
    [
      'rule condition on an unknown attribute',
      (p) => (p.dispatch[1].when = { height: { '>': 3 } }),
      '/dispatch/1/when/height',
      'no category this rule matches has an attribute',
    ],
    [
      'rule comparison on a boolean',
      (p) => (p.dispatch[1].when = { occupied: { '>': 1 } }),
      '/dispatch/1/when/occupied',
      'compare numbers',
    ],
    ['rule comparison operator unknown', (p) => (p.dispatch[1].when = { area_m2: { '~': 1 } }), '/dispatch/1/when/area_m2', '"~"'],
    ['rule comparison empty', (p) => (p.dispatch[1].when = { area_m2: {} }), '/dispatch/1/when/area_m2', 'fewer than 1 properties'],
    ['rule without department', (p) => delete p.dispatch[0].department, '/dispatch/0', 'department'],
    ['corridor width not positive', (p) => (p.corridors[0].half_width_m = 0), '/corridors/0/half_width_m', '> 0'],
    ['corridor department unknown', (p) => (p.corridors[0].department = 'x'), '/corridors/0/department', 'not a department'],
    ['corridor category matches nothing', (p) => (p.corridors[0].categories = ['99']), '/corridors/0/categories/0', 'matches no category'],
    [
      'boundary level value',
      (p) => (p.boundaries[0].level = 'grid'),
      '/boundaries/0/level',
      'one of "community", "street", "district", "city"',
    ],
    ['boundary level twice', (p) => p.boundaries.push({ file: 'b.geojson', level: 'street' }), '/boundaries/1/level', 'already used'],
    ['team role duplicate', (p) => (p.team_roles[1].code = 'grid-head'), '/team_roles/1/code', 'already used'],
    ['workflow without stages', (p) => (p.workflow.stages = []), '/workflow/stages', 'fewer than 1'],
    [
      'workflow stage duplicate',
      (p) => (p.workflow.stages[3].code = 'reported'),
      '/workflow/stages/3/code',
      'already used by /workflow/stages/0',
    ],
    [
      'workflow action duplicate',
      (p) => (p.workflow.actions[1].code = 'dispatch'),
      '/workflow/actions/1/code',
      'already used by /workflow/actions/0',
    ],
    ['workflow initial unknown', (p) => (p.workflow.initial = 'new'), '/workflow/initial', 'not a stage'],
    [
      'action from an unknown stage',
      (p) => (p.workflow.actions[1].from = ['dispatched', 'done']),
      '/workflow/actions/1/from/1',
      'not a stage: use one of reported',
    ],
    ['action to an unknown stage', (p) => (p.workflow.actions[1].to = 'done'), '/workflow/actions/1/to', 'not a stage'],
    ['action from nowhere', (p) => (p.workflow.actions[1].from = []), '/workflow/actions/1/from', 'fewer than 1'],
    [
      'action role unknown',
      (p) => (p.workflow.actions[0].roles = ['mayor']),
      '/workflow/actions/0/roles/0',
      'one of "operator", "supervisor", "dispatcher", "department", "inspector", "admin"',
    ],
    [
      'action effect unknown',
      (p) => (p.workflow.actions[0].effect = 'teleport'),
      '/workflow/actions/0/effect',
      'one of "dispatch", "transfer"',
    ],
    [
      'action needs unknown field',
      (p) => (p.workflow.actions[0].needs = ['photo']),
      '/workflow/actions/0/needs/0',
      'one of "department", "hours", "note", "target"',
    ],
    [
      'stage unreachable',
      (p) => p.workflow.actions.splice(4, 1),
      '/workflow/stages/3',
      'cannot be reached from the initial stage "reported"',
    ],
    ['non-terminal stage without a way out', (p) => p.workflow.actions.splice(5, 1), '/workflow/stages/3', 'no action leads out'],
    [
      'suspend where no resume starts',
      (p) => (p.workflow.actions[2].from = ['dispatched', 'reported']),
      '/workflow/actions/2/from/1',
      'could never resume',
    ],
    ['urgency duplicate', (p) => (p.urgencies[2].code = 'urgent'), '/urgencies/2/code', 'already used by /urgencies/1'],
    ['time limit stage unknown', (p) => (p.time_limits[0].stage = 'accepted'), '/time_limits/0/stage', 'not a stage of the workflow'],
    ['time limit on a terminal stage', (p) => (p.time_limits[0].stage = 'closed'), '/time_limits/0/stage', 'terminal'],
    [
      'time limit urgency unknown',
      (p) => (p.time_limits[2].urgency = 'critical'),
      '/time_limits/2/urgency',
      'not an urgency: use one of normal, urgent, flood',
    ],
    ['time limit category matches nothing', (p) => (p.time_limits[2].category = '99'), '/time_limits/2/category', 'matches no category'],
    [
      'time limit repeated',
      (p) => p.time_limits.push({ stage: 'dispatched', limit: { hours: 1 } }),
      '/time_limits/3',
      'same stage, category and urgency as /time_limits/1',
    ],
    [
      'time limit of two kinds',
      (p) => (p.time_limits[0].limit = { hours: 1, working_days: 1 }),
      '/time_limits/0/limit',
      'more than 1 properties',
    ],
    ['time limit zero days', (p) => (p.time_limits[1].limit = { working_days: 0 }), '/time_limits/1/limit/working_days', '>= 1'],
    ['time limit empty', (p) => (p.time_limits[1].limit = {}), '/time_limits/1/limit', 'fewer than 1 properties'],
    [
      'time limit unit unknown',
      (p) => (p.time_limits[1].limit = { minutes: 30 }),
      '/time_limits/1/limit',
      '"minutes"; allowed: working_hours, working_days, hours',
    ],
    ['working hours not HH:MM', (p) => (p.working_hours[0][0] = '9:00'), '/working_hours/0/0', 'pattern'],
    ['working hours past midnight', (p) => (p.working_hours[1][1] = '24:30'), '/working_hours/1/1', 'past 24:00'],
    ['working period backwards', (p) => (p.working_hours[0] = ['12:00', '09:00']), '/working_hours/0', 'no later than it starts'],
    ['working periods overlap', (p) => (p.working_hours[1][0] = '11:00'), '/working_hours/1', 'before the previous period ends'],
    ['holiday not a date', (p) => (p.calendar.holidays[0] = '2026-02-30'), '/calendar/holidays/0', 'not a date'],
    ['holiday not YYYY-MM-DD', (p) => (p.calendar.holidays[0] = '2026-6-30'), '/calendar/holidays/0', 'pattern'],
    ['a day both holiday and workday', (p) => (p.calendar.workdays[0] = '2026-06-30'), '/calendar/workdays/0', 'also in holidays'],
    ['duplicate distance not positive', (p) => (p.duplicates.distance_m = 0), '/duplicates/distance_m', '> 0'],
    ['duplicate window missing', (p) => delete p.duplicates.hours, '/duplicates', 'hours'],
    ['auto case source unknown', (p) => (p.auto_case_sources[1] = 'satellite'), '/auto_case_sources/1', 'not a source'],
  ];

  it.each(cases)('%s: names %s', (_why, edit, path, words) => {
    const input = _why === 'not JSON' ? '{"name": ' : edited(edit);
    const result = checkProfile(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const hit = result.problems.find((p) => p.path === path && p.message.includes(words));
    expect(hit, JSON.stringify(result.problems, null, 1)).toBeDefined();
    expect(hit!.code).toBe('CG_ERR_PROFILE');
    expect(hit!.fix).toMatch(/profile/);
  });

  it('lists every problem at once, not only the first', () => {
    const result = checkProfile(
      edited((p) => {
        p.name = '';
        p.departments[0].level = 'x';
        p.colour = 1;
      }),
    );
    expect(result.ok ? [] : result.problems.map((p) => p.path).sort()).toEqual(['', '/departments/0/level', '/name']);
  });
});

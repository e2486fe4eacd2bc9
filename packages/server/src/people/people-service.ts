import type { GridSet } from '@citygrid/core';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import type { GridService } from '../grids/grid-service.ts';
import { checkPeople, peopleError, teamProblems, type PersonRecord } from './check-people.ts';
import { insertPeople, readPeople, updatePerson, type PeopleFilter } from './people-rows.ts';
import type { PeopleQuery, Person, PersonPatch } from './people-schemas.ts';
import { teamSettings, type TeamSettings } from './team-settings.ts';

/** What {@link PeopleService.insert} stored. */
export interface PeopleInserted {
  /** Every person of the batch as stored, in the batch's order. */
  people: Person[];
  /** How many were new; the others were already stored, identical. */
  created: number;
}

/** Whether a read shows phone numbers: only to admin keys. */
export interface ReadOptions {
  phone: boolean;
}

/**
 * People and the grid team (seed 001's 1+1+1+5+X): who serves which grids, in which team role
 * and department. One person may serve many grids and a grid has many people (一人多格、一格多人).
 * Roles and departments are checked against `settings()`, read at each write: the city
 * profile's, the shipped default's until the store is given the profile in use.
 */
export class PeopleService {
  readonly #db: Database;
  readonly #grids: GridService;
  readonly #settings: () => TeamSettings;
  #gridIds: { of: GridSet | null; ids: Set<string> } = { of: null, ids: new Set() };

  /** Use the store's `people`. */
  constructor(db: Database, grids: GridService, settings: () => TeamSettings = teamSettings) {
    this.#db = db;
    this.#grids = grids;
    this.#settings = settings;
  }

  /**
   * Stores people, all or none. A person already stored with identical fields is left as it
   * is (a retried import changes nothing); one stored with different fields is refused (409).
   * @param inputs not trusted: checked here (check-people.ts), whether or not a schema ran
   * @param [options.label] names an item in messages, e.g. `i => 'line ' + (i + 2)`
   * @example await store.people.insert([{ id: 'P1', name: '王丽', role: 'full-time', grids: ['A1'] }])
   */
  insert(inputs: readonly unknown[], options: { label?: (index: number) => string } = {}): Promise<PeopleInserted> {
    return this.#db.write(async (conn) => {
      const records = checkPeople(inputs, this.#settings(), this.#currentGridIds(), options.label);
      const stored = new Map((await readPeople(conn, { ids: records.map((r) => r.id) })).map((p) => [p.id, p]));
      const clashes: Problem[] = [];
      records.forEach((r, index) => {
        const old = stored.get(r.id);
        if (old && !same(old, r)) clashes.push({ ...problem('CG_ERR_DUPLICATE_PERSON', {}, JSON.stringify(r.id)), index, id: r.id });
      });
      if (clashes.length) throw serverError(clashes);
      const fresh = records.filter((r) => !stored.has(r.id));
      await transaction(conn, () => insertPeople(conn, fresh, Date.now()));
      const now = new Map((await readPeople(conn, { ids: records.map((r) => r.id) })).map((p) => [p.id, p]));
      return { people: records.map((r) => now.get(r.id)!), created: fresh.length };
    });
  }

  /**
   * Changes one person: only the fields given; `grids` replaces the list. The result is
   * checked whole (a specialist keeps needing a department). 404 for an unknown id.
   * @example await store.people.update('P1', { grids: ['A1', 'A2'] })
   */
  update(id: string, patch: PersonPatch): Promise<Person> {
    return this.#db.write(async (conn) => {
      const [old] = await readPeople(conn, { ids: [id] });
      if (!old) throw notFound(id);
      const record: PersonRecord = {
        id,
        name: patch.name?.trim() ?? old.name,
        phone: patch.phone !== undefined ? patch.phone : (old.phone ?? null),
        role: patch.role ?? old.role,
        department: patch.department !== undefined ? patch.department : old.department,
        active: patch.active ?? old.active,
        grids: patch.grids ? [...new Set(patch.grids)].sort() : old.grids,
      };
      // Grids kept from before may have left the current version: only the ones sent are checked.
      const sent = patch.grids ? this.#currentGridIds() : new Set(record.grids);
      const problems = teamProblems(record, this.#settings(), sent, 'body');
      if (problems.length) throw peopleError(problems);
      await transaction(conn, () => updatePerson(conn, record));
      return (await readPeople(conn, { ids: [id] }))[0];
    });
  }

  /**
   * People matching the query, ordered by id. An unknown role or department is refused (400),
   * a grid not in the current version too (422): a typo should not look like an empty team.
   * @example await store.people.list({ grid: 'A1' }, { phone: false })
   */
  async list(query: PeopleQuery, options: ReadOptions): Promise<Person[]> {
    this.#checkQuery(query);
    const people = await this.#db.read((conn) => readPeople(conn, query satisfies PeopleFilter));
    return people.map((p) => shown(p, options));
  }

  /**
   * One person; 404 CG_ERR_NOT_FOUND for an unknown id.
   * @example await store.people.get('P1', { phone: true })
   */
  async get(id: string, options: ReadOptions): Promise<Person> {
    const [person] = await this.#db.read((conn) => readPeople(conn, { ids: [id] }));
    if (!person) throw notFound(id);
    return shown(person, options);
  }

  /**
   * The active team of one grid of the current version, ordered by team role as the profile
   * lists them (网格长 first), then id. 404 for a grid not in the current version.
   * @example await store.people.team('A1', { phone: false })
   */
  async team(gridId: string, options: ReadOptions): Promise<Person[]> {
    if (!this.#currentGridIds().has(gridId))
      throw serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `grid ${JSON.stringify(gridId)} of the current version`), id: gridId }]);
    const order = new Map(this.#settings().teamRoles.map((r, i) => [r.code, i]));
    const rank = (p: Person) => order.get(p.role) ?? order.size;
    const people = await this.#db.read((conn) => readPeople(conn, { grid: gridId, active: true }));
    return people.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1)).map((p) => shown(p, options));
  }

  #checkQuery(query: PeopleQuery): void {
    const settings = this.#settings();
    const problems: Problem[] = [];
    if (query.role !== undefined && !settings.teamRoles.some((r) => r.code === query.role)) {
      problems.push(problem('CG_ERR_UNKNOWN_TEAM_ROLE', {}, JSON.stringify(query.role), settings.teamRoles.map((r) => r.code).join(', ')));
    }
    if (query.department !== undefined && !settings.departments.some((d) => d.code === query.department)) {
      problems.push(
        problem('CG_ERR_UNKNOWN_DEPARTMENT', {}, JSON.stringify(query.department), settings.departments.map((d) => d.code).join(', ')),
      );
    }
    if (query.grid !== undefined && !this.#currentGridIds().has(query.grid))
      problems.push(problem('CG_ERR_UNKNOWN_GRID', {}, JSON.stringify(query.grid)));
    if (problems.length) throw peopleError(problems.map((p) => ({ ...p, message: `querystring: ${p.message}` })));
  }

  /** The current version's grid ids, rebuilt only when another version is published. */
  #currentGridIds(): Set<string> {
    const gridSet = this.#grids.gridSet();
    if (this.#gridIds.of !== gridSet) this.#gridIds = { of: gridSet, ids: new Set(gridSet?.grids.map((g) => g.id) ?? []) };
    return this.#gridIds.ids;
  }
}

function same(stored: Person, r: PersonRecord): boolean {
  return (
    stored.name === r.name &&
    stored.phone === r.phone &&
    stored.role === r.role &&
    stored.department === r.department &&
    stored.active === r.active &&
    stored.grids.join('\n') === r.grids.join('\n')
  );
}

function shown(person: Person, options: ReadOptions): Person {
  if (options.phone) return person;
  const { phone: _phone, ...rest } = person;
  return rest;
}

function notFound(id: string) {
  return serverError([{ ...problem('CG_ERR_NOT_FOUND', {}, `person ${JSON.stringify(id)}`), id }]);
}

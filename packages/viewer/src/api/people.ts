/** The people endpoint the wall reads: a grid's team (the grid panel's 定人员). */
import type { Person } from '@citygrid/server';
import type { Client } from './client.ts';

/** The people endpoints. */
export interface PeopleApi {
  /**
   * `GET /api/people?grid=<id>&active=true`: the people serving a grid. Read like the other
   * public reads (a viewer key when access control is on); `phone` only for admin keys.
   */
  people(query: { grid: string }): Promise<{ people: Person[] }>;
}

/**
 * The people endpoints over a client.
 * @example const { people } = await peopleApi(createClient()).people({ grid: 'A1' });
 */
export function peopleApi(client: Client): PeopleApi {
  return {
    people: ({ grid }) => client.json('GET', `/api/people?${new URLSearchParams({ grid, active: 'true' })}`),
  };
}

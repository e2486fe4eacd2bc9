/** What GET /api/cases filters on; lists are "any of". */
export interface CaseFilter {
  stages?: readonly string[];
  departments?: readonly string[];
  grids?: readonly string[];
  /** Owner levels: grid, community, street, district, city. */
  levels?: readonly string[];
  /** true: only overdue cases; false: only cases that are not. */
  overdue?: boolean;
  /** Opened at or after (UTC ms). */
  fromMs?: number;
  /** Opened before (UTC ms). */
  toMs?: number;
  /** The requesting key's reach, applied on top: a department key's department, an inspector key's grids. */
  scope?: { department?: string; grids?: readonly string[] };
}

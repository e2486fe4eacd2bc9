// Grids (routed to) and boundaries (context outlines) are both areas with the same columns;
// appenders write them in this order. `ord` keeps the import order, so the API returns
// features in the order they were given.
const AREA_COLUMN_TYPES = {
  id: 'VARCHAR PRIMARY KEY',
  ord: 'INTEGER NOT NULL',
  name: 'VARCHAR NOT NULL',
  level: 'INTEGER NOT NULL',
  parent: 'VARCHAR',
  properties: 'VARCHAR NOT NULL',
  geometry: 'VARCHAR NOT NULL',
  area_m2: 'DOUBLE NOT NULL',
  min_lon: 'DOUBLE NOT NULL',
  min_lat: 'DOUBLE NOT NULL',
  max_lon: 'DOUBLE NOT NULL',
  max_lat: 'DOUBLE NOT NULL',
} as const;

const AREA_TABLE = Object.entries(AREA_COLUMN_TYPES).map(([name, type]) => `${name} ${type}`).join(', ');

/**
 * The store's tables. Geometry is GeoJSON text: the spatial extension cannot be installed
 * offline, and core does all geometry anyway; DuckDB only counts and filters.
 */
export const DDL = `
CREATE TABLE IF NOT EXISTS grids (${AREA_TABLE});
CREATE TABLE IF NOT EXISTS boundaries (${AREA_TABLE});
CREATE TABLE IF NOT EXISTS reports (
  id VARCHAR PRIMARY KEY,
  lon DOUBLE NOT NULL,
  lat DOUBLE NOT NULL,
  category VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  grid_id VARCHAR,
  received_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
`;


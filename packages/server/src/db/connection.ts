// DuckDB's types and value helpers under the names the SQL in feature folders uses: a feature
// writes SQL against a `Connection` that the Database (database.ts) hands it, and neither
// imports @duckdb/node-api nor opens a connection itself.
export type {
  DuckDBAppender as Appender,
  DuckDBConnection as Connection,
  DuckDBMaterializedResult as Result,
  DuckDBPreparedStatement as PreparedStatement,
  DuckDBValue as SqlValue,
} from '@duckdb/node-api';
export { DuckDBTimestampValue as TimestampValue, listValue } from '@duckdb/node-api';
export { BIGINT, BOOLEAN, DOUBLE, INTEGER, LIST, VARCHAR, type DuckDBType as SqlType } from '@duckdb/node-api';

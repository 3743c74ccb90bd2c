import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Stored versions are found by `id_key`, the id's last 12 characters, and then by the full id
 * (migration 20261201090000_compact_object_keys): on SQLite only the short key is indexed, so a
 * lookup that names the id alone reads the whole table. Every query on stix_object by id goes
 * through these conditions. The key must stay what the generated column computes.
 */
export function objectIdKey(id: string): string {
  return id.slice(-12);
}

/** `table`'s row is a version of `id` (`table` as the query names it: an alias, or 'stixObject'). */
export function objectIdIs(table: string, id: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.idKey`)} = ${objectIdKey(id)} and ${sql.ref(`${table}.id`)} = ${id})`;
}

/** `table`'s row is a version of one of `ids`. */
export function objectIdIn(table: string, ids: Iterable<string>): RawBuilder<SqlBool> {
  const all = [...new Set(ids)];
  if (all.length === 0) return sql<SqlBool>`1 = 0`;
  const keys = [...new Set(all.map(objectIdKey))];
  return sql<SqlBool>`(${sql.ref(`${table}.idKey`)} in (${sql.join(keys)}) and ${sql.ref(`${table}.id`)} in (${sql.join(all)}))`;
}

/** `table`'s row is a version of the object another column names (`column` as 'alias.column'). */
export function objectIdIsColumn(table: string, column: string): RawBuilder<SqlBool> {
  const other = sql.ref(column);
  return sql<SqlBool>`(${sql.ref(`${table}.idKey`)} = substr(${other}, length(${other}) - 11) and ${sql.ref(`${table}.id`)} = ${other})`;
}

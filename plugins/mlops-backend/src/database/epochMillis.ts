import type { Knex } from 'knex';

/**
 * A `dateTime` column selected as milliseconds since the epoch, under its
 * own name: on PostgreSQL a number computed by the database, where
 * node-postgres would parse a timestamp from text for every row (tens of
 * thousands per organisation's diagnostic); on SQLite the stored value as
 * it is. Either way `new Date(value)` gives the moment.
 */
export function epochMillis(
  db: Knex,
  column: string,
  as: string,
): Knex.Raw | string {
  if (!String(db.client.config.client).includes('pg')) {
    return as === column ? column : `${column} as ${as}`;
  }
  return db.raw('(extract(epoch from ??) * 1000)::float8 as ??', [column, as]);
}

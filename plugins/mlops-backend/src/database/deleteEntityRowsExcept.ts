import type { Knex } from 'knex';

/** References per statement: well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 500;

/**
 * Deletes the rows of `table` whose `entity_ref` is not in `keep` (what a
 * full refresh saw); returns how many entities went.
 */
export async function deleteEntityRowsExcept(
  db: Knex,
  table: string,
  keep: ReadonlySet<string>,
): Promise<number> {
  const gone = (await db(table).select('entity_ref'))
    .map((row: { entity_ref: string }) => row.entity_ref)
    .filter(ref => !keep.has(ref));
  for (let i = 0; i < gone.length; i += CHUNK) {
    await db(table)
      .whereIn('entity_ref', gone.slice(i, i + CHUNK))
      .delete();
  }
  return gone.length;
}

// @ts-check

/**
 * On PostgreSQL, drift observation chunks are compressed with LZ4 instead
 * of the server's default, pglz, where the server was built with LZ4
 * (PostgreSQL 14 and later; Debian's and the official images are). A
 * chunk of a month of hourly statistics at full precision is about 14 kB
 * of JSON: pglz spent about 0.5 ms of the server's CPU on each (1.2 s for
 * the 2,500 chunks of 100 monitors' pull of 25 features), LZ4 about a
 * fifth of that, for the same size stored. Chunks written before keep
 * pglz; both are read alike. Nothing changes on SQLite.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await setChunkCompression(knex, 'lz4');
};

/**
 * Back to the server's default compression for chunks written from now.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await setChunkCompression(knex, 'default');
};

/**
 * Sets the compression of the chunks' points column, on a PostgreSQL
 * server built with LZ4 only; elsewhere nothing.
 *
 * @param {import('knex').Knex} knex
 * @param {'lz4' | 'default'} compression
 */
async function setChunkCompression(knex, compression) {
  if (!String(knex.client.config.client).includes('pg')) return;
  const { rows } = await knex.raw(
    `select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
  );
  if (!rows[0]?.lz4) return;
  await knex.raw(
    `alter table mlops_drift_observation_chunks alter column points set compression ${compression}`,
  );
}

// @ts-check

/**
 * Drift observation chunks on a regular grid (what a source pulls: a month
 * of hourly samples) keep their times as `every` (the milliseconds between
 * them) and `n` instead of an `at` array of the same delta for each: about
 * half of such a chunk's JSON. Chunks written before keep `at`; nothing
 * changes on the way up.
 *
 * @param {import('knex').Knex} _knex
 */
exports.up = async function up(_knex) {};

/**
 * On the way down, chunks with `every` get their `at` array back, as the
 * migrations before this one read chunks.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  let after = 0;
  for (;;) {
    const chunks = await knex('mlops_drift_observation_chunks')
      .where('id', '>', after)
      .where('points', 'like', '{"every":%')
      .orderBy('id', 'asc')
      .limit(500)
      .select('id', 'points');
    if (!chunks.length) return;
    for (const chunk of chunks) {
      const { every, n, ...columns } = JSON.parse(chunk.points);
      const at = Array.from({ length: n }, (_, i) => (i ? every : 0));
      await knex('mlops_drift_observation_chunks')
        .where({ id: chunk.id })
        .update({ points: JSON.stringify({ at, ...columns }) });
    }
    after = chunks[chunks.length - 1].id;
  }
};

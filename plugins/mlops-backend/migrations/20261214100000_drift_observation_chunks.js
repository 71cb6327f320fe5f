// @ts-check

/** @typedef {{ at: number[] } & Record<string, unknown[]>} ChunkPoints */

/**
 * Raw drift observations stored as chunks: one row per batch and feature
 * holding its observations column by column (JSON), instead of one row per
 * observation. A month of hourly samples of one feature pulled from a
 * source is one row, not 721 rows with two index entries each. The rows of
 * mlops_drift_observations move into chunks, one per batch and feature.
 *
 * The chunk format (also written by src/drift/observationChunks.ts):
 * `{ at: [ms after the previous point; the first 0], value?, pValue?,
 * referenceRows?, currentRows?, window? }`, a column left out when every
 * value in it is null.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_drift_observation_chunks', table => {
    table.comment(
      'Raw observations within the retention period, a row per batch and feature',
    );
    table.bigIncrements('id').primary();
    table.string('monitor_ref', 255).notNullable();
    table.string('feature', 255).notNullable();
    table.dateTime('first_at').notNullable();
    table.dateTime('last_at').notNullable();
    table.integer('count').notNullable();
    table
      .text('points')
      .notNullable()
      .comment('JSON: the observations column by column, oldest first');
    table.string('batch_key', 200).notNullable();
    table.index(['monitor_ref', 'last_at']);
    table.index(['first_at']);
  });
  const keys = (
    await knex('mlops_drift_observations').distinct('batch_key')
  ).map(r => r.batch_key);
  // Ten batches at a time: at most 100,000 rows in memory (10,000 a batch).
  for (let i = 0; i < keys.length; i += 10) {
    const rows = await knex('mlops_drift_observations')
      .whereIn('batch_key', keys.slice(i, i + 10))
      .orderBy('observed_at', 'asc')
      .orderBy('id', 'asc');
    /** @type {Map<string, any[]>} */
    const groups = new Map();
    for (const row of rows) {
      const key = `${row.batch_key}\u0000${row.monitor_ref}\u0000${row.feature}`;
      const group = groups.get(key) ?? [];
      group.push(row);
      groups.set(key, group);
    }
    const chunks = [...groups.values()].map(group => {
      const times = group.map(r => new Date(r.observed_at).getTime());
      /** @type {ChunkPoints} */
      const points = { at: times.map((t, j) => (j ? t - times[j - 1] : 0)) };
      for (const [name, columnName] of [
        ['value', 'value'],
        ['pValue', 'p_value'],
        ['referenceRows', 'reference_rows'],
        ['currentRows', 'current_rows'],
        ['window', 'window'],
      ]) {
        const values = group.map(r => {
          const v = r[columnName];
          if (v === null || v === undefined) return null;
          return name === 'window' ? JSON.parse(v) : Number(v);
        });
        if (values.some(v => v !== null)) points[name] = values;
      }
      return {
        monitor_ref: group[0].monitor_ref,
        feature: group[0].feature,
        first_at: new Date(times[0]).toISOString(),
        last_at: new Date(times[times.length - 1]).toISOString(),
        count: group.length,
        points: JSON.stringify(points),
        batch_key: group[0].batch_key,
      };
    });
    for (let j = 0; j < chunks.length; j += 200) {
      await knex('mlops_drift_observation_chunks').insert(
        chunks.slice(j, j + 200),
      );
    }
  }
  await knex.schema.dropTable('mlops_drift_observations');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.createTable('mlops_drift_observations', table => {
    table.comment('Raw observations within the retention period');
    table.bigIncrements('id').primary();
    table.string('monitor_ref', 255).notNullable();
    table.string('feature', 255).notNullable();
    table.dateTime('observed_at').notNullable();
    table.double('value').nullable();
    table.double('p_value').nullable();
    table.integer('reference_rows').nullable();
    table.integer('current_rows').nullable();
    table
      .text('window')
      .nullable()
      .comment('JSON: the reference and current windows');
    table.string('batch_key', 200).notNullable();
    table.index(['monitor_ref', 'feature', 'observed_at']);
    table.index(['observed_at']);
  });
  let lastId = 0;
  for (;;) {
    const chunks = await knex('mlops_drift_observation_chunks')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(100);
    if (!chunks.length) break;
    lastId = Number(chunks[chunks.length - 1].id);
    const rows = chunks.flatMap(chunk => {
      /** @type {ChunkPoints} */
      const points = JSON.parse(chunk.points);
      let at = new Date(chunk.first_at).getTime();
      return points.at.map((/** @type {number} */ delta, i) => {
        at += delta;
        const windowValue = points.window?.[i] ?? null;
        return {
          monitor_ref: chunk.monitor_ref,
          feature: chunk.feature,
          observed_at: new Date(at).toISOString(),
          value: points.value?.[i] ?? null,
          p_value: points.pValue?.[i] ?? null,
          reference_rows: points.referenceRows?.[i] ?? null,
          current_rows: points.currentRows?.[i] ?? null,
          window: windowValue === null ? null : JSON.stringify(windowValue),
          batch_key: chunk.batch_key,
        };
      });
    });
    for (let j = 0; j < rows.length; j += 500) {
      await knex('mlops_drift_observations').insert(rows.slice(j, j + 500));
    }
  }
  await knex.schema.dropTable('mlops_drift_observation_chunks');
};

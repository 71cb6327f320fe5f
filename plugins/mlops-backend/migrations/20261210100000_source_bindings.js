// @ts-check

/**
 * The bindings' status of every kind of source in one table: a monitor's
 * drift bindings (one feature's query) and a use case's KPI bindings (one
 * KPI's query) keep the same facts, so they share one store. The drift
 * bindings move over with kind `drift`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_source_bindings', table => {
    table.comment(
      'One binding of an entity to a source, as its last pull left it',
    );
    table
      .string('kind', 16)
      .notNullable()
      .comment('drift (a monitor to a drift source) or kpi (a use case)');
    table.string('source_id', 255).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The monitor or the use case');
    table
      .string('binding', 255)
      .notNullable()
      .comment('Unique within the source and entity: the feature or the KPI');
    table
      .text('description')
      .nullable()
      .comment('What is pulled, in the source’s words');
    table.string('state', 16).notNullable().comment('ok, no-data or failed');
    table.dateTime('last_pull_at').notNullable();
    table
      .dateTime('pulled_through')
      .nullable()
      .comment(
        'The end of the span imported so far; the next pull starts after it',
      );
    table.integer('imported').notNullable().comment('By the last pull');
    table.integer('skipped').notNullable().comment('NaN or infinite samples');
    table.bigInteger('total_imported').notNullable();
    table.text('last_error').nullable();
    table.dateTime('last_error_at').nullable();
    table.primary(['kind', 'source_id', 'entity_ref', 'binding']);
    table.index(['kind', 'entity_ref'], 'mlops_source_bindings_entity');
  });
  const drift = await knex('mlops_drift_source_bindings').select();
  for (let i = 0; i < drift.length; i += 500) {
    await knex('mlops_source_bindings').insert(
      drift.slice(i, i + 500).map(({ monitor_ref, ...row }) => ({
        ...row,
        kind: 'drift',
        entity_ref: monitor_ref,
      })),
    );
  }
  await knex.schema.dropTable('mlops_drift_source_bindings');
};

/**
 * Back to the drift bindings' own table; the KPI bindings' status is
 * dropped (the next pull reaches back the lookback again, and its
 * idempotency keys store nothing twice).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('mlops_drift_source_bindings', table => {
    table.string('source_id', 255).notNullable();
    table.string('monitor_ref', 255).notNullable();
    table.string('binding', 255).notNullable();
    table.text('description').nullable();
    table.string('state', 16).notNullable();
    table.dateTime('last_pull_at').notNullable();
    table.dateTime('pulled_through').nullable();
    table.integer('imported').notNullable();
    table.integer('skipped').notNullable();
    table.bigInteger('total_imported').notNullable();
    table.text('last_error').nullable();
    table.dateTime('last_error_at').nullable();
    table.primary(['source_id', 'monitor_ref', 'binding']);
    table.index(['monitor_ref'], 'mlops_drift_source_bindings_monitor');
  });
  const drift = await knex('mlops_source_bindings')
    .where({ kind: 'drift' })
    .select();
  for (let i = 0; i < drift.length; i += 500) {
    await knex('mlops_drift_source_bindings').insert(
      drift.slice(i, i + 500).map(({ kind, entity_ref, ...row }) => ({
        ...row,
        monitor_ref: entity_ref,
      })),
    );
  }
  await knex.schema.dropTable('mlops_source_bindings');
};

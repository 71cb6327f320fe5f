// @ts-check

/**
 * The status of each binding of a monitor to a drift source (for
 * Prometheus: one feature's query): how its last pull went, what it
 * imported and skipped, its last error, and how far it has imported, so
 * a span that failed is pulled again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_drift_source_bindings', table => {
    table.comment(
      'One binding of a monitor to a drift source, as its last pull left it',
    );
    table.string('source_id', 255).notNullable();
    table.string('monitor_ref', 255).notNullable();
    table
      .string('binding', 255)
      .notNullable()
      .comment('Unique within the source and monitor, e.g. the feature');
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
    table.primary(['source_id', 'monitor_ref', 'binding']);
    table.index(['monitor_ref'], 'mlops_drift_source_bindings_monitor');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_drift_source_bindings');
};

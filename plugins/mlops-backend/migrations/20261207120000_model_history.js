// @ts-check

/**
 * The history of each model's version and lifecycle, as the catalog declared
 * them over time: a row whenever either changes (append-only), so version
 * changes can be shown beside KPI actuals and delivery can be measured.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_model_history', table => {
    table.comment(
      'Append-only: a row each time a model is first seen or its version or lifecycle changes',
    );
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('version', 255).nullable();
    table.string('lifecycle', 255).notNullable();
    table.dateTime('observed_at').notNullable();
    table.index(['model_ref', 'observed_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_model_history');
};

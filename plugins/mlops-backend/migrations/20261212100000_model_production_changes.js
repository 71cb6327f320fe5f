// @ts-check

/**
 * The new production versions of each model (a model entering production,
 * or a production model changing version), folded from the model history
 * as it is written, with whether each rolls back to an earlier version: the
 * delivery metrics read these, the ones in their window, instead of folding
 * every model's whole history on each request. Filled from the existing
 * history when the plugin starts (DatabaseModelHistoryStore.backfill).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_model_production_changes', table => {
    table.comment(
      'A row per new production version of a model, written with the model history',
    );
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('version', 255).nullable();
    table
      .boolean('rollback')
      .notNullable()
      .comment(
        'Back to a version the model ran in production before, or a lower one',
      );
    table
      .dateTime('changed_at')
      .notNullable()
      .comment('observed_at of the model history entry');
    // One change per model history entry: writing one twice is a no-op.
    table.unique(['model_ref', 'changed_at']);
    table.index('changed_at');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_model_production_changes');
};

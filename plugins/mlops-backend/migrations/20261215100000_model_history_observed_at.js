// @ts-check

/**
 * An index on when each model history entry was observed: the delivery
 * metrics ask when the history began (its earliest entry for any model),
 * which the index on (model_ref, observed_at) cannot answer without reading
 * every row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mlops_model_history', table => {
    table.index(['observed_at'], 'mlops_model_history_observed_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mlops_model_history', table => {
    table.dropIndex(['observed_at'], 'mlops_model_history_observed_at_idx');
  });
};

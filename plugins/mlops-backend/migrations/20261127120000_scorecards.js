// @ts-check

/**
 * Scorecards: the current result per entity, an append-only history of
 * changes (a row only when an entity's results change, so the table stays
 * bounded), results pushed by pipelines, and one row per evaluation run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_scorecards', table => {
    table.comment('The latest scorecard of each ML entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('title', 255).notNullable();
    table.string('owner_ref', 255).nullable().index();
    table.string('rubric_id', 64).notNullable();
    table.integer('level').notNullable();
    table.integer('score').notNullable();
    table.text('results').notNullable().comment('JSON: CheckResult[]');
    table.string('results_hash', 64).notNullable();
    table.dateTime('evaluated_at').notNullable();
    table.dateTime('changed_at').notNullable();
  });
  await knex.schema.createTable('mlops_scorecard_history', table => {
    table.comment('Append-only: a row each time an entity’s scorecard changes');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.integer('level').notNullable();
    table.integer('score').notNullable();
    table.text('results').notNullable().comment('JSON: CheckResult[]');
    table.dateTime('recorded_at').notNullable();
    table.index(['entity_ref', 'recorded_at']);
    table.index(['owner_ref', 'recorded_at']);
    table.index(['recorded_at']);
  });
  await knex.schema.createTable('mlops_check_results', table => {
    table.comment('Append-only: check results pushed by pipelines');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 128).notNullable();
    table.string('outcome', 32).notNullable();
    table.text('reason').notNullable();
    table.text('link').nullable();
    table.string('submitted_by', 255).notNullable();
    table.dateTime('submitted_at').notNullable();
    table.index(['entity_ref', 'check_id', 'id']);
    table.index(['submitted_at']);
  });
  await knex.schema.createTable('mlops_evaluation_runs', table => {
    table.comment('One row per scorecard evaluation run');
    table.bigIncrements('id').primary();
    table.string('trigger', 32).notNullable();
    table.dateTime('started_at').notNullable();
    table.dateTime('finished_at').nullable();
    table.integer('entity_count').nullable();
    table.integer('changed_count').nullable();
    table.text('error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_evaluation_runs');
  await knex.schema.dropTable('mlops_check_results');
  await knex.schema.dropTable('mlops_scorecard_history');
  await knex.schema.dropTable('mlops_scorecards');
};

// @ts-check

/**
 * The adoption diagnostic: each team's own answers to the seven questions
 * (append-only, the latest per team and question is in force), and one
 * summary per scope and month, written by a scheduled task, so the 12-month
 * trend outlives the retention of the raw data it was computed from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_diagnostic_answers', table => {
    table.comment(
      'Append-only: a team’s own answer to a diagnostic question; the latest per team and question is in force',
    );
    table.bigIncrements('id').primary();
    table.string('team_ref', 255).notNullable();
    table.string('question_id', 16).notNullable();
    table.string('answer', 16).notNullable();
    table.text('comment').nullable();
    table.string('answered_by', 255).notNullable();
    table.dateTime('answered_at').notNullable();
    table.index(['team_ref', 'question_id', 'id']);
  });
  await knex.schema.createTable('mlops_diagnostic_snapshots', table => {
    table.comment(
      'One summary of the diagnostic per scope and month, for the trend',
    );
    table.bigIncrements('id').primary();
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment(
        '`organisation`, or a group reference for a team and its sub-teams',
      );
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.text('summary').notNullable().comment('JSON: DiagnosticMonthSummary');
    table.dateTime('computed_at').notNullable();
    table.unique(['scope_ref', 'month']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_diagnostic_snapshots');
  await knex.schema.dropTable('mlops_diagnostic_answers');
};

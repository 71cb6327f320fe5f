// @ts-check

/**
 * Business value realised: the append-only ledger of KPI actuals (a
 * correction is a new row that supersedes an earlier one), the versions of
 * each KPI's definition, the pushed batches keyed by their idempotency key,
 * the (use case, KPI) series that have actuals with their two latest records
 * in force, ids, periods and values (so the org view reads this table instead
 * of the ledger) and the reminders
 * already sent (one row per scope: inserting it claims the reminder), and
 * when each KPI source last pulled.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_value_definitions', table => {
    table.comment(
      'Append-only: a new version of a KPI definition each time it changes',
    );
    table.bigIncrements('id').primary();
    table.string('use_case_ref', 255).notNullable();
    table.string('kpi_id', 255).notNullable();
    table.integer('version').notNullable().comment('1, 2, … per KPI');
    table
      .string('key', 255)
      .notNullable()
      .comment('Identifies the definition; a new key is a new version');
    table
      .text('definition')
      .notNullable()
      .comment('JSON: baseline, target, unit, direction, method, …');
    table.dateTime('valid_from').notNullable();
    table.unique(['use_case_ref', 'kpi_id', 'version']);
  });
  await knex.schema.createTable('mlops_value_batches', table => {
    table.comment('One row per pushed batch, keyed by its idempotency key');
    table.string('idempotency_key', 200).primary().notNullable();
    table.string('request_hash', 128).notNullable();
    table
      .text('result')
      .nullable()
      .comment('JSON: what the push answered, returned again to retries');
    table.dateTime('received_at').notNullable().index();
  });
  await knex.schema.createTable('mlops_value_actuals', table => {
    table.comment(
      'Append-only ledger of KPI actuals; corrections supersede, never update',
    );
    table.bigIncrements('id').primary();
    table.string('use_case_ref', 255).notNullable();
    table.string('kpi_id', 255).notNullable();
    table.dateTime('period_start').notNullable();
    table.dateTime('period_end').notNullable();
    table.double('value').notNullable();
    table.string('unit', 64).nullable();
    table
      .string('source_kind', 16)
      .notNullable()
      .comment('pipeline | person | source');
    table.string('source_name', 255).nullable();
    table
      .string('recorded_by', 255)
      .notNullable()
      .comment('The user or service that recorded it');
    table.dateTime('recorded_at').notNullable().comment('Server time');
    table.text('comment').nullable();
    table.text('evidence_url').nullable();
    table
      .bigInteger('supersedes_id')
      .nullable()
      .unique()
      .references('id')
      .inTable('mlops_value_actuals')
      .comment('The record this one corrects; a record is corrected once');
    table
      .bigInteger('definition_version_id')
      .nullable()
      .references('id')
      .inTable('mlops_value_definitions')
      .comment('The KPI definition in effect when it was recorded');
    table
      .string('idempotency_key', 200)
      .nullable()
      .comment('The pushed batch it came in (mlops_value_batches)');
    // A use case's latest points per KPI, its history, and (through the
    // series table) every use case's latest point per KPI.
    table.index(
      ['use_case_ref', 'kpi_id', 'period_end', 'id'],
      'mlops_value_actuals_latest_idx',
    );
  });
  await knex.schema.createTable('mlops_value_series', table => {
    table.comment('Each (use case, KPI) with actuals: the org view’s index');
    table.string('use_case_ref', 255).notNullable();
    table.string('kpi_id', 255).notNullable();
    table.dateTime('first_recorded_at').notNullable();
    table
      .bigInteger('latest_id')
      .nullable()
      .comment(
        'The record in force of the latest period; kept by every append',
      );
    table
      .bigInteger('previous_id')
      .nullable()
      .comment('The record in force of the period before it');
    // Their periods (as days, YYYY-MM-DD) and values, so that the org view
    // reads this table only.
    for (const point of ['latest', 'previous']) {
      table.string(`${point}_period_start`, 10).nullable();
      table.string(`${point}_period_end`, 10).nullable();
      table.double(`${point}_value`).nullable();
    }
    table.primary(['use_case_ref', 'kpi_id']);
  });
  await knex.schema.createTable('mlops_value_reminders', table => {
    table.comment(
      'Reminders sent: inserting a scope claims it, once across replicas',
    );
    table
      .string('scope', 500)
      .primary()
      .notNullable()
      .comment('What and for which period, e.g. check-in-due:<ref>:<kpi>:<p>');
    table.dateTime('sent_at').notNullable().index();
  });
  await knex.schema.createTable('mlops_value_source_cursors', table => {
    table.comment('When each KPI source last pulled successfully');
    table.string('source_id', 255).primary().notNullable();
    table.dateTime('pulled_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_value_source_cursors');
  await knex.schema.dropTable('mlops_value_reminders');
  await knex.schema.dropTable('mlops_value_series');
  await knex.schema.dropTable('mlops_value_actuals');
  await knex.schema.dropTable('mlops_value_batches');
  await knex.schema.dropTable('mlops_value_definitions');
};

// @ts-check

/**
 * Drift monitoring: raw observations (kept for `mlops.drift.retention`
 * days, then folded into daily roll-ups), ingestion batches keyed by their
 * idempotency key, the latest state per monitor feature and per monitor (so
 * health reads never scan observations), the monitors' state transitions and when each drift source last pulled.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_drift_batches', table => {
    table.comment('One row per ingested batch, keyed by its idempotency key');
    table.string('idempotency_key', 200).primary().notNullable();
    table.string('monitor_ref', 255).notNullable();
    table.string('body_hash', 64).notNullable();
    table.integer('stored').notNullable();
    table.string('submitted_by', 255).notNullable();
    table.dateTime('received_at').notNullable().index();
  });
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
  await knex.schema.createTable('mlops_drift_rollups', table => {
    table.comment(
      'Daily aggregates of observations older than the raw retention',
    );
    table.string('monitor_ref', 255).notNullable();
    table.string('feature', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.integer('count').notNullable();
    table.double('min_value').nullable();
    table.double('max_value').nullable();
    table.double('mean_value').nullable();
    table.double('last_value').nullable();
    table.double('last_p_value').nullable();
    table.dateTime('last_observed_at').notNullable();
    table.primary(['monitor_ref', 'feature', 'day']);
    table.index(['day']);
  });
  await knex.schema.createTable('mlops_drift_feature_state', table => {
    table.comment('The latest observation and state of each monitor feature');
    table.string('monitor_ref', 255).notNullable();
    table.string('feature', 255).notNullable();
    table.dateTime('observed_at').notNullable();
    table.double('value').nullable();
    table.double('p_value').nullable();
    table.integer('reference_rows').nullable();
    table.integer('current_rows').nullable();
    table.text('window').nullable();
    table
      .text('recent')
      .notNullable()
      .comment('JSON: the latest points, oldest first');
    table.primary(['monitor_ref', 'feature']);
  });
  await knex.schema.createTable('mlops_drift_monitor_state', table => {
    table.comment('The evaluated state of each monitor');
    table.string('monitor_ref', 255).primary().notNullable();
    table.string('model_ref', 255).nullable().index();
    table.string('owner_ref', 255).nullable();
    table.string('title', 255).notNullable();
    table.string('state', 16).notNullable().index();
    table.dateTime('since').notNullable();
    table.dateTime('last_observation_at').nullable();
    table.dateTime('evaluated_at').notNullable();
    table.integer('episode').notNullable().defaultTo(0);
    table.boolean('in_episode').notNullable().defaultTo(false);
    table
      .text('health')
      .notNullable()
      .comment('JSON: MonitorHealth without the features’ recent points');
  });
  await knex.schema.createTable('mlops_drift_transitions', table => {
    table.comment('Append-only: each change of a monitor’s state');
    table.bigIncrements('id').primary();
    table.string('monitor_ref', 255).notNullable();
    table.string('from_state', 16).notNullable();
    table.string('to_state', 16).notNullable();
    table.integer('episode').notNullable();
    table.dateTime('at').notNullable();
    table.index(['monitor_ref', 'at']);
  });
  await knex.schema.createTable('mlops_drift_source_cursors', table => {
    table.comment('When each drift source last pulled successfully');
    table.string('source_id', 255).primary().notNullable();
    table.dateTime('pulled_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_drift_source_cursors');
  await knex.schema.dropTable('mlops_drift_transitions');
  await knex.schema.dropTable('mlops_drift_monitor_state');
  await knex.schema.dropTable('mlops_drift_feature_state');
  await knex.schema.dropTable('mlops_drift_rollups');
  await knex.schema.dropTable('mlops_drift_observations');
  await knex.schema.dropTable('mlops_drift_batches');
};

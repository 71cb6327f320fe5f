// @ts-check

/**
 * The outbox of drift alert messages to the channels monitors declare
 * (webhook, e-mail, Slack): one row per message and channel, written in the
 * transaction that stores the monitor's new state, then claimed, sent and
 * retried with backoff by a scheduled worker. The row is also the channel's
 * delivery log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_alert_deliveries', table => {
    table.comment(
      'One drift alert message to one channel of a monitor: the outbox the delivery worker sends from, and the delivery log',
    );
    table.bigIncrements('id').primary();
    table.string('monitor_ref', 255).notNullable();
    table.integer('episode').notNullable();
    table.string('event', 16).notNullable().comment('alert, stale or recovery');
    table
      .string('channel_type', 16)
      .notNullable()
      .comment('webhook, email, slack');
    table
      .string('channel_target', 255)
      .notNullable()
      .comment('The webhook name, e-mail address or Slack channel as declared');
    table.text('message').notNullable().comment('JSON: DriftAlertMessage');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, delivered or failed');
    table
      .text('attempts')
      .notNullable()
      .comment('JSON: [{ at, error? }], oldest first');
    table.dateTime('created_at').notNullable();
    table
      .dateTime('next_attempt_at')
      .nullable()
      .comment('When a pending message is due');
    table
      .dateTime('claimed_until')
      .nullable()
      .comment('A worker sends it until then; no other worker claims it');
    table.dateTime('delivered_at').nullable();
    table
      .text('last_error')
      .nullable()
      .comment('Why the latest failed attempt failed');
    table.dateTime('last_error_at').nullable();
    // Once per monitor, episode, event and channel, whoever enqueues it.
    table.unique(
      ['monitor_ref', 'episode', 'event', 'channel_type', 'channel_target'],
      { indexName: 'mlops_alert_deliveries_once' },
    );
    table.index(['status', 'next_attempt_at'], 'mlops_alert_deliveries_due');
    table.index(['monitor_ref', 'id'], 'mlops_alert_deliveries_monitor');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_alert_deliveries');
};

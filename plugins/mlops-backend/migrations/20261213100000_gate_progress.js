// @ts-check

/**
 * Each use case's and model's gate events folded for the adoption
 * diagnostic (GateProgressSummary of the common package): each gate's
 * decided state and approval, its decisions, attestations and recorded
 * invalidations, the first event and the first production approval. Kept
 * as gate events are written and by each scorecard refresh, against the
 * entity's gate facts and sign-off of then, so the diagnostic reads one row
 * per entity instead of every event; a row that no longer holds (a later
 * event, other facts or sign-off) is passed over for the events. History
 * recorded before the table is folded in by the first refresh.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_gate_progress', table => {
    table.comment(
      'The gate events of a use case or model folded for the adoption diagnostic',
    );
    table.string('entity_ref', 255).primary();
    table
      .string('facts_hash', 64)
      .notNullable()
      .comment('The hash of the gate facts the events were folded against');
    table
      .text('sign_off')
      .notNullable()
      .comment('Who signs each gate off, as folded with (gateSignOffKey)');
    table
      .bigInteger('last_event_id')
      .notNullable()
      .comment('The latest gate event folded in (0 without events)');
    table.text('summary').notNullable().comment('JSON: GateProgressSummary');
    table.dateTime('updated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_gate_progress');
};

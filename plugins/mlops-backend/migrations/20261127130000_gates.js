// @ts-check

/**
 * Stage gates: an append-only audit trail of every decision, attestation and
 * invalidation on a gate (never updated or deleted: the store has no method
 * that would), and one row per gate holding its revision, which every event
 * bumps so that a decision made on a stale view is refused.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_gates', table => {
    table.comment('The revision of each stage gate of an entity');
    table.string('entity_ref', 255).notNullable();
    table.string('stage', 32).notNullable();
    table
      .integer('revision')
      .notNullable()
      .comment('Bumped by every decision, attestation and invalidation');
    table.dateTime('updated_at').notNullable();
    table.primary(['entity_ref', 'stage']);
  });
  await knex.schema.createTable('mlops_gate_events', table => {
    table.comment(
      'Append-only audit trail of the gates: decisions, attestations, invalidations',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('stage', 32).notNullable();
    table
      .string('type', 16)
      .notNullable()
      .comment('decision, attestation or invalidation');
    table
      .string('decision', 32)
      .nullable()
      .comment('approve, reject or request-changes (type decision)');
    table
      .string('role', 255)
      .nullable()
      .comment('The sign-off decided for: sponsor, owner or a group reference');
    table
      .string('criterion', 128)
      .nullable()
      .comment('The attested criterion (type attestation)');
    table
      .string('actor', 255)
      .notNullable()
      .comment('The user reference, or "system" for an invalidation');
    table
      .text('comment')
      .notNullable()
      .comment('The comment, or the reason of an invalidation');
    table.text('evidence_url').nullable();
    table
      .string('entity_hash', 64)
      .notNullable()
      .comment(
        'Hash of the gate facts the event rests on (for an invalidation: the new facts)',
      );
    table
      .text('facts')
      .notNullable()
      .comment('JSON: the gate facts hashed in entity_hash');
    table
      .integer('revision')
      .notNullable()
      .comment('The gate revision this event produced');
    table
      .bigInteger('decision_id')
      .nullable()
      .unique()
      .comment(
        'The invalidated decision (type invalidation); invalidated once',
      );
    table.dateTime('recorded_at').notNullable();
    table.index(['entity_ref', 'stage', 'id']);
    table.index(['type', 'decision']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_gate_events');
  await knex.schema.dropTable('mlops_gates');
};

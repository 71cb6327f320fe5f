// @ts-check

/**
 * The ML entities as the adoption diagnostic reads them (kind, name,
 * namespace, title, uid, etag and spec), written by each scorecard refresh,
 * which reads the whole catalog anyway: the diagnostic for a caller who may
 * read every entity is computed from these instead of pulling the ML
 * entities through the catalog's API on each request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mlops_diagnostic_entities', table => {
    table.comment(
      'The ML entities as the last scorecard refresh saw them, with the fields the diagnostic reads',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('spec.owner as a lower-case reference: a team reads its own');
    table.text('entity').notNullable().comment('JSON: the entity, slimmed');
    table
      .string('etag', 255)
      .nullable()
      .comment(
        'metadata.etag of the version stored: a refresh rewrites only entities whose etag changed',
      );
    table
      .dateTime('stored_at')
      .notNullable()
      .comment('When this version was stored');
    table.index('owner_ref');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mlops_diagnostic_entities');
};

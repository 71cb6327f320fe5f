import type { Entity } from '@backstage/catalog-model';
import {
  isMlopsEntity,
  MlopsEntity,
  ownerOfMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { deleteEntityRowsExcept } from '../database/deleteEntityRowsExcept';
import { epochMillis } from '../database/epochMillis';
import { refOf } from '../shared/entityRefs';

const TABLE = 'mlops_diagnostic_entities';
const CHUNK = 200;

/**
 * What the diagnostic reads of an ML entity: its spec, and the uid and etag
 * by which a version's gate facts hash is computed once. Relations,
 * annotations and status are left with the catalog.
 */
export const DIAGNOSTIC_ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.uid',
  'metadata.etag',
  'spec',
];

/** An entity with only {@link DIAGNOSTIC_ENTITY_FIELDS}, as the catalog returns it when asked for those. */
export function diagnosticEntityOf(entity: Entity): Entity {
  const metadata: Entity['metadata'] = { name: entity.metadata.name };
  for (const key of ['namespace', 'title', 'uid', 'etag'] as const) {
    if (entity.metadata[key] !== undefined) {
      metadata[key] = entity.metadata[key];
    }
  }
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata,
    ...(entity.spec !== undefined ? { spec: entity.spec } : {}),
  };
}

type VersionRow = {
  entity_ref: string;
  etag: string | null;
  stored_at: Date | string | number;
};

/** A stored row's version: every save sets `stored_at`, and a changed entity has another etag. */
const versionOf = (row: VersionRow) =>
  `${row.etag ?? ''}\u0000${new Date(row.stored_at).getTime()}`;

/**
 * The ML entities as the last scorecard refresh saw them, with the fields
 * the diagnostic reads: the diagnostic for a caller who may read every
 * entity is computed from these, without pulling the ML entities through
 * the catalog's API. Each refresh writes the entities of each page it
 * reads, then removes those the catalog no longer holds.
 */
export class DiagnosticEntityStore {
  /** Each stored entity as last parsed, with the version it was parsed from. */
  private readonly parsed = new Map<
    string,
    { version: string; entity: Entity }
  >();

  constructor(private readonly db: Knex) {}

  /**
   * Stores the entities (inserting or replacing each) whose version is not
   * stored yet: an entity whose etag is the stored one is not written
   * again, so a refresh that finds nothing changed writes nothing.
   */
  async save(entities: readonly MlopsEntity[], now: Date): Promise<void> {
    const storedEtags = new Map<string, string | null>();
    const refs = entities.map(refOf);
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows: Array<{ entity_ref: string; etag: string | null }> =
        await this.db(TABLE)
          .select('entity_ref', 'etag')
          .whereIn('entity_ref', refs.slice(i, i + CHUNK));
      for (const row of rows) storedEtags.set(row.entity_ref, row.etag);
    }
    const rows = entities.flatMap((entity, i) => {
      const etag = entity.metadata.etag ?? null;
      if (etag !== null && storedEtags.get(refs[i]) === etag) return [];
      return [
        {
          entity_ref: refs[i],
          owner_ref: ownerOfMlopsEntity(entity) ?? null,
          entity: JSON.stringify(diagnosticEntityOf(entity)),
          etag,
          stored_at: now.toISOString(),
        },
      ];
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db(TABLE)
        .insert(rows.slice(i, i + CHUNK))
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** Removes every entity but those named; returns how many went. */
  async removeExcept(keep: ReadonlySet<string>): Promise<number> {
    return deleteEntityRowsExcept(this.db, TABLE, keep);
  }

  /**
   * The stored ML entities, by reference: all of them, or those whose
   * `spec.owner` is one of `owners`. Undefined before the first refresh
   * has stored any. Each version is parsed once: a row stored as it was
   * last read gives the entity read then (the same object, so what the
   * diagnostic works out per entity is worked out once), and only the
   * others are read and parsed — every request still asks the table which
   * versions it holds, so another replica's refresh shows at once.
   */
  async list(owners?: readonly string[]): Promise<MlopsEntity[] | undefined> {
    const versions: VersionRow[] = [];
    const select = () =>
      this.db(TABLE)
        .select(
          'entity_ref',
          'etag',
          epochMillis(this.db, 'stored_at', 'stored_at'),
        )
        .orderBy('entity_ref');
    if (!owners) {
      versions.push(...(await select()));
    } else {
      for (let i = 0; i < owners.length; i += CHUNK) {
        versions.push(
          ...(await select().whereIn('owner_ref', owners.slice(i, i + CHUNK))),
        );
      }
    }
    if (!versions.length && !(await this.db(TABLE).first('entity_ref'))) {
      return undefined;
    }
    const changed = versions.filter(
      row => this.parsed.get(row.entity_ref)?.version !== versionOf(row),
    );
    for (let i = 0; i < changed.length; i += CHUNK) {
      const rows: Array<VersionRow & { entity: string }> = await this.db(TABLE)
        .select(
          'entity_ref',
          'etag',
          epochMillis(this.db, 'stored_at', 'stored_at'),
          'entity',
        )
        .whereIn(
          'entity_ref',
          changed.slice(i, i + CHUNK).map(row => row.entity_ref),
        );
      for (const row of rows) {
        this.parsed.set(row.entity_ref, {
          version: versionOf(row),
          entity: JSON.parse(row.entity) as Entity,
        });
      }
    }
    if (!owners) {
      // What a refresh removed is forgotten.
      const kept = new Set(versions.map(row => row.entity_ref));
      for (const ref of this.parsed.keys()) {
        if (!kept.has(ref)) this.parsed.delete(ref);
      }
    }
    return versions.flatMap(row => {
      const entity = this.parsed.get(row.entity_ref)?.entity;
      return entity && isMlopsEntity(entity) ? [entity] : [];
    });
  }
}

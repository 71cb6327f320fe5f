import type { Knex } from 'knex';
import { chunks } from '../../database/readInChunks';
import type {
  SourceBindingKind,
  SourceBindingRow,
  SourceBindingStore,
} from './SourceBindingStore';

const TABLE = 'mlops_source_bindings';
/** Rows per insert: 14 columns each, well under SQLite's bound parameters. */
const INSERT_CHUNK = 500;

const toDate = (value: Date | string | number) =>
  value instanceof Date ? value : new Date(value);
const toOptionalDate = (value: Date | string | number | null) =>
  value === null || value === undefined ? null : toDate(value);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

function fromRow(r: any): SourceBindingRow {
  return {
    sourceId: r.source_id,
    entityRef: r.entity_ref,
    binding: r.binding,
    description: r.description,
    state: r.state,
    lastPullAt: toDate(r.last_pull_at),
    pulledThrough: toOptionalDate(r.pulled_through),
    imported: Number(r.imported),
    skipped: Number(r.skipped),
    totalImported: Number(r.total_imported),
    lastError: r.last_error,
    lastErrorAt: toOptionalDate(r.last_error_at),
  };
}

/**
 * The knex implementation of {@link SourceBindingStore} for one kind of
 * binding, on SQLite and PostgreSQL: drift and KPI bindings share the
 * table, each sees its own.
 */
export class DatabaseSourceBindingStore implements SourceBindingStore {
  constructor(
    private readonly db: Knex,
    private readonly kind: SourceBindingKind,
  ) {}

  async forSource(sourceId: string): Promise<SourceBindingRow[]> {
    const rows = await this.db(TABLE).where({
      kind: this.kind,
      source_id: sourceId,
    });
    return rows.map(fromRow);
  }

  async forEntity(entityRef: string): Promise<SourceBindingRow[]> {
    const rows = await this.db(TABLE)
      .where({ kind: this.kind, entity_ref: entityRef })
      .orderBy(['source_id', 'binding']);
    return rows.map(fromRow);
  }

  async replaceForSource(
    sourceId: string,
    rows: SourceBindingRow[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(TABLE).where({ kind: this.kind, source_id: sourceId }).delete();
      const records = rows.map(r => ({
        kind: this.kind,
        source_id: sourceId,
        entity_ref: r.entityRef,
        binding: r.binding,
        description: r.description,
        state: r.state,
        last_pull_at: r.lastPullAt.toISOString(),
        pulled_through: iso(r.pulledThrough),
        imported: r.imported,
        skipped: r.skipped,
        total_imported: r.totalImported,
        last_error: r.lastError,
        last_error_at: iso(r.lastErrorAt),
      }));
      for (const chunk of chunks(records, INSERT_CHUNK)) {
        await tx(TABLE).insert(chunk);
      }
    });
  }
}

import type { GateProgressSummary } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { readInChunks, readKeyedRows } from '../database/readInChunks';
import type { GateProgressRow, GateProgressStore } from './GateProgressStore';

const TABLE = 'mlops_gate_progress';
const EVENTS = 'mlops_gate_events';
const CHUNK = 500;

/** A stored row's version: every save sets `updated_at`, and a summary folded from other events, facts or sign-off has other keys. */
type VersionRow = {
  entity_ref: string;
  last_event_id: number | string;
  facts_hash: string;
  updated_at: Date | string | number;
};
const versionOf = (row: VersionRow) =>
  `${row.last_event_id}\u0000${row.facts_hash}\u0000${new Date(
    row.updated_at,
  ).getTime()}`;

/** {@link GateProgressStore} on the plugin's database. */
export class DatabaseGateProgressStore implements GateProgressStore {
  /**
   * Each summary as last parsed, by what it was folded from: a row stored
   * as it was last read is neither read nor parsed again, and the same
   * object serves the next read.
   */
  private readonly parsed = new Map<
    string,
    { version: string; summary: GateProgressSummary }
  >();

  constructor(private readonly db: Knex) {}

  async current(
    entityRefs: readonly string[],
  ): Promise<Map<string, GateProgressSummary>> {
    const [stored, latest] = await Promise.all([
      readKeyedRows<VersionRow>(
        entityRefs,
        row => row.entity_ref,
        refs =>
          this.db(TABLE)
            .select('entity_ref', 'last_event_id', 'facts_hash', 'updated_at')
            .modify(query => {
              if (refs) query.whereIn('entity_ref', refs);
            }),
      ),
      readKeyedRows<{ entity_ref: string; last: number | string }>(
        entityRefs,
        row => row.entity_ref,
        refs =>
          this.db(EVENTS)
            .select('entity_ref')
            .max({ last: 'id' })
            .modify(query => {
              if (refs) query.whereIn('entity_ref', refs);
            })
            .groupBy('entity_ref'),
      ),
    ]);
    const lastEventOf = new Map<string, string>(
      latest.map(row => [row.entity_ref, String(row.last)]),
    );
    // An event written since (by a writer that did not fold it) leaves the
    // row behind: the diagnostic reads the events instead.
    const isCurrent = (row: VersionRow) =>
      String(row.last_event_id) === (lastEventOf.get(row.entity_ref) ?? '0');
    const unread = stored.filter(
      row =>
        isCurrent(row) &&
        this.parsed.get(row.entity_ref)?.version !== versionOf(row),
    );
    const rows = await readKeyedRows<VersionRow & { summary: string }>(
      unread.map(row => row.entity_ref),
      row => row.entity_ref,
      refs =>
        this.db(TABLE)
          .select(
            'entity_ref',
            'last_event_id',
            'facts_hash',
            'updated_at',
            'summary',
          )
          .modify(query => {
            if (refs) query.whereIn('entity_ref', refs);
          }),
    );
    for (const row of rows) {
      this.parsed.set(row.entity_ref, {
        version: versionOf(row),
        summary: JSON.parse(row.summary),
      });
    }
    const out = new Map<string, GateProgressSummary>();
    for (const row of stored) {
      const known = this.parsed.get(row.entity_ref);
      // Current, and as parsed (a row rewritten between the two reads is
      // left for the next).
      if (isCurrent(row) && known?.version === versionOf(row)) {
        out.set(row.entity_ref, known.summary);
      }
    }
    return out;
  }

  async keys(
    entityRefs: readonly string[],
  ): Promise<
    Map<string, { factsHash: string; signOff: string; lastEventId: string }>
  > {
    const rows = await readInChunks(entityRefs, refs =>
      this.db(TABLE)
        .select('entity_ref', 'facts_hash', 'sign_off', 'last_event_id')
        .whereIn('entity_ref', refs),
    );
    return new Map(
      rows.map(row => [
        row.entity_ref,
        {
          factsHash: row.facts_hash,
          signOff: row.sign_off,
          lastEventId: String(row.last_event_id),
        },
      ]),
    );
  }

  async save(rows: readonly GateProgressRow[], now: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db(TABLE)
        .insert(
          rows.slice(i, i + CHUNK).map(row => ({
            entity_ref: row.entityRef,
            facts_hash: row.summary.factsHash,
            sign_off: row.summary.signOff,
            last_event_id: row.lastEventId,
            summary: JSON.stringify(row.summary),
            updated_at: now,
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }
}

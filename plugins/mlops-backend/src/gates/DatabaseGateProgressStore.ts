import type { GateProgressSummary } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { readInChunks } from '../database/readInChunks';
import type { GateProgressRow, GateProgressStore } from './GateProgressStore';

const TABLE = 'mlops_gate_progress';
const EVENTS = 'mlops_gate_events';
const CHUNK = 500;

/** {@link GateProgressStore} on the plugin's database. */
export class DatabaseGateProgressStore implements GateProgressStore {
  constructor(private readonly db: Knex) {}

  async current(
    entityRefs: readonly string[],
  ): Promise<Map<string, GateProgressSummary>> {
    const out = new Map<string, GateProgressSummary>();
    await readInChunks(entityRefs, async refs => {
      const [rows, latest] = await Promise.all([
        this.db(TABLE)
          .select('entity_ref', 'last_event_id', 'summary')
          .whereIn('entity_ref', refs),
        this.db<{ entity_ref: string; last: number | string }>(EVENTS)
          .select('entity_ref')
          .max({ last: 'id' })
          .whereIn('entity_ref', refs)
          .groupBy('entity_ref'),
      ]);
      const lastEventOf = new Map<string, string>(
        latest.map(row => [row.entity_ref, String(row.last)]),
      );
      for (const row of rows) {
        // An event written since (by a writer that did not fold it) leaves
        // the row behind: the diagnostic reads the events instead.
        if (
          String(row.last_event_id) !== (lastEventOf.get(row.entity_ref) ?? '0')
        ) {
          continue;
        }
        out.set(row.entity_ref, JSON.parse(row.summary));
      }
      return [];
    });
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

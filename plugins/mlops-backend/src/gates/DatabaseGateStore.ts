import type { FrameworkStageId } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { gateConflict } from './conflicts';
import type {
  GateEvent,
  GateEventType,
  GateStore,
  NewGateEvent,
} from './GateStore';

const GATES = 'mlops_gates';
const EVENTS = 'mlops_gate_events';

type EventRow = {
  id: number | string;
  entity_ref: string;
  stage: string;
  type: string;
  decision: string | null;
  role: string | null;
  criterion: string | null;
  actor: string;
  comment: string;
  evidence_url: string | null;
  entity_hash: string;
  facts: string;
  revision: number;
  decision_id: number | string | null;
  recorded_at: Date | string;
};

function toEvent(row: EventRow): GateEvent {
  let facts: GateEvent['facts'] | undefined;
  // The optional fields are set only when present, each by assignment: the
  // organisation's views read tens of thousands of events, and spreading
  // each into the literal built a throw-away object per field.
  const event: GateEvent = {
    id: String(row.id),
    entityRef: row.entity_ref,
    stage: row.stage as FrameworkStageId,
    type: row.type as GateEventType,
    actor: row.actor,
    comment: row.comment,
    entityHash: row.entity_hash,
    // Parsed when first read: the organisation's views fold tens of
    // thousands of events and compare their hashes, not their facts.
    get facts() {
      facts ??= JSON.parse(row.facts) as GateEvent['facts'];
      return facts;
    },
    revision: Number(row.revision),
    at: new Date(row.recorded_at),
  };
  if (row.decision) event.decision = row.decision as GateEvent['decision'];
  if (row.role) event.role = row.role;
  if (row.criterion) event.criterion = row.criterion;
  if (row.evidence_url) event.evidenceUrl = row.evidence_url;
  if (row.decision_id !== null && row.decision_id !== undefined) {
    event.decisionId = String(row.decision_id);
  }
  return event;
}

function toRow(
  entityRef: string,
  stage: FrameworkStageId,
  revision: number,
  at: Date,
  event: NewGateEvent,
) {
  return {
    entity_ref: entityRef,
    stage,
    type: event.type,
    decision: event.decision ?? null,
    role: event.role ?? null,
    criterion: event.criterion ?? null,
    actor: event.actor,
    comment: event.comment,
    evidence_url: event.evidenceUrl ?? null,
    entity_hash: event.entityHash,
    facts: JSON.stringify(event.facts),
    revision,
    decision_id: event.decisionId ?? null,
    recorded_at: at,
  };
}

class NothingToInvalidate extends Error {}

/** The gate store on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseGateStore implements GateStore {
  constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async getEvents(
    entityRefs?: readonly string[],
  ): Promise<Map<string, GateEvent[]>> {
    const byRef = new Map<string, GateEvent[]>();
    const load = async (refs?: readonly string[]) => {
      const query = this.knex<EventRow>(EVENTS).orderBy('id', 'asc');
      if (refs) query.whereIn('entity_ref', refs as string[]);
      for (const row of await query) {
        const event = toEvent(row);
        const list = byRef.get(event.entityRef) ?? [];
        list.push(event);
        byRef.set(event.entityRef, list);
      }
    };
    if (!entityRefs) {
      await load();
    } else {
      for (let i = 0; i < entityRefs.length; i += 500) {
        await load(entityRefs.slice(i, i + 500));
      }
    }
    return byRef;
  }

  async getRevisions(
    entityRef: string,
  ): Promise<Partial<Record<FrameworkStageId, number>>> {
    const rows = await this.knex(GATES)
      .where({ entity_ref: entityRef })
      .select('stage', 'revision');
    return Object.fromEntries(
      rows.map(row => [row.stage, Number(row.revision)]),
    );
  }

  /** Locks the gate's row (creating it at revision 0) and bumps its revision. */
  private async bump(
    tx: Knex.Transaction,
    entityRef: string,
    stage: FrameworkStageId,
    at: Date,
    expectedRevision?: number,
  ): Promise<number | undefined> {
    await tx(GATES)
      .insert({ entity_ref: entityRef, stage, revision: 0, updated_at: at })
      .onConflict(['entity_ref', 'stage'])
      .ignore();
    const where: Record<string, unknown> = { entity_ref: entityRef, stage };
    if (expectedRevision !== undefined) where.revision = expectedRevision;
    // On PostgreSQL the update waits for a concurrent transaction on the same
    // gate and then re-checks the revision, so only one of two wins.
    const updated = await tx(GATES)
      .where(where)
      .update({ revision: tx.raw('revision + 1'), updated_at: at });
    if (updated !== 1) return undefined;
    const row = await tx(GATES)
      .where({ entity_ref: entityRef, stage })
      .first('revision');
    return Number(row.revision);
  }

  async append(
    entityRef: string,
    stage: FrameworkStageId,
    expectedRevision: number,
    events: readonly NewGateEvent[],
  ): Promise<GateEvent[]> {
    const at = this.clock();
    return this.knex.transaction(async tx => {
      const revision = await this.bump(
        tx,
        entityRef,
        stage,
        at,
        expectedRevision,
      );
      if (revision === undefined) {
        throw gateConflict(
          'gate-revision-stale',
          `The ${stage} gate of ${entityRef} changed since revision ${expectedRevision} was read; reload the gate and decide again`,
        );
      }
      return this.insertEvents(tx, entityRef, stage, revision, at, events);
    });
  }

  async invalidate(
    entityRef: string,
    stage: FrameworkStageId,
    invalidations: readonly NewGateEvent[],
  ): Promise<GateEvent[]> {
    if (invalidations.length === 0) return [];
    const at = this.clock();
    return this.knex
      .transaction(async tx => {
        const revision = (await this.bump(tx, entityRef, stage, at))!;
        // Read after the row lock: a concurrent invalidation has committed.
        const done = new Set(
          (
            await tx(EVENTS)
              .whereIn(
                'decision_id',
                invalidations.map(i => Number(i.decisionId)),
              )
              .select('decision_id')
          ).map(row => String(row.decision_id)),
        );
        const todo = invalidations.filter(i => !done.has(i.decisionId!));
        // Nothing new: throwing rolls the revision bump back.
        if (todo.length === 0) throw new NothingToInvalidate();
        return this.insertEvents(tx, entityRef, stage, revision, at, todo);
      })
      .catch(error => {
        if (error instanceof NothingToInvalidate) return [];
        throw error;
      });
  }

  private async insertEvents(
    tx: Knex.Transaction,
    entityRef: string,
    stage: FrameworkStageId,
    revision: number,
    at: Date,
    events: readonly NewGateEvent[],
  ): Promise<GateEvent[]> {
    const stored: GateEvent[] = [];
    for (const event of events) {
      const [inserted] = await tx(EVENTS)
        .insert(toRow(entityRef, stage, revision, at, event))
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      stored.push({ ...event, id: String(id), entityRef, stage, revision, at });
    }
    return stored;
  }
}

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  criterionSource,
  GATE_DEFINITIONS,
  GatedKind,
  GateEvent,
  gateFactsHash,
  gateFactsOf,
  GateFactsVersion,
  gateFactsVersionOf,
  gateHistory,
  NewGateEvent,
  pendingInvalidations,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { DemoGateStep, DemoGateTrail } from './history';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

// The mlops plugin's gate tables (plugins/mlops-backend/migrations/
// 20261127130000_gates.js). Only this demo seeding writes them from outside
// the plugin; seedGateHistory.test.ts reads the result through the plugin's
// own API, so a change of the tables fails there.
const GATES = 'mlops_gates';
const EVENTS = 'mlops_gate_events';

const DAY = 24 * 60 * 60 * 1000;
const EVIDENCE = 'https://wiki.northwind-telecom.example.com';

/** The time of a step: its day before `now`, at its hour (UTC), plus some minutes. */
function timeOf(step: DemoGateStep, now: Date, minutes = 0): Date {
  const day = new Date(now.getTime() - step.daysAgo * DAY);
  day.setUTCHours(step.hour, minutes, 0, 0);
  return day;
}

/** The entity's gate facts with the trail's earlier spec fields, if it has any. */
function earlierVersion(
  trail: DemoGateTrail,
  entity: Entity,
): GateFactsVersion {
  const facts = gateFactsOf({
    ...entity,
    spec: { ...entity.spec, ...(trail.earlierSpec as Entity['spec']) },
  });
  return { facts, hash: gateFactsHash(facts) };
}

/**
 * Writes one entity's trail in a transaction, as the plugin's store would
 * have: each event bumps its gate's revision, invalidations of one gate
 * share one. Returns false, writing nothing, when the entity has gate events.
 */
async function writeTrail(
  knex: Knex,
  trail: DemoGateTrail,
  entity: Entity,
  now: Date,
): Promise<boolean> {
  const current = gateFactsVersionOf(entity);
  let version = trail.earlierSpec ? earlierVersion(trail, entity) : current;
  const kind = entity.kind as GatedKind;
  return knex.transaction(async tx => {
    if (await tx(EVENTS).where({ entity_ref: trail.entityRef }).first('id')) {
      return false;
    }
    const events: GateEvent[] = [];
    const revisions = new Map<string, { revision: number; at: Date }>();
    const append = async (
      stage: GateEvent['stage'],
      at: Date,
      batch: NewGateEvent[],
    ) => {
      const revision = (revisions.get(stage)?.revision ?? 0) + 1;
      revisions.set(stage, { revision, at });
      for (const event of batch) {
        const [inserted] = await tx(EVENTS)
          .insert({
            entity_ref: trail.entityRef,
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
          })
          .returning('id');
        const id = typeof inserted === 'object' ? inserted.id : inserted;
        events.push({
          ...event,
          id: String(id),
          entityRef: trail.entityRef,
          stage,
          revision,
          at,
        });
      }
    };
    for (const step of trail.steps) {
      if ('factsChanged' in step) {
        version = current;
        for (const { stage } of GATE_DEFINITIONS) {
          const lapsed = pendingInvalidations(
            gateHistory(events, stage, current),
            current,
          );
          if (lapsed.length) await append(stage, timeOf(step, now), lapsed);
        }
        continue;
      }
      const by = `user:default/${step.by}`;
      const base = {
        actor: by,
        comment: step.comment,
        entityHash: version.hash,
        facts: version.facts,
      };
      if ('attest' in step) {
        const gate = GATE_DEFINITIONS.find(g => g.stage === step.stage)!;
        const attested = gate.criteria.filter(
          c => criterionSource(c, kind).source === 'attestation',
        );
        for (const [i, criterion] of attested.entries()) {
          await append(step.stage, timeOf(step, now, i * 7), [
            {
              ...base,
              type: 'attestation',
              criterion: criterion.id,
              evidenceUrl: `${EVIDENCE}/${entity.metadata.name}/${criterion.id}`,
            },
          ]);
        }
      } else {
        await append(step.stage, timeOf(step, now), [
          {
            ...base,
            type: 'decision',
            decision: 'approve',
            role: step.approve,
          },
        ]);
      }
    }
    for (const [stage, { revision, at }] of revisions) {
      await tx(GATES).insert({
        entity_ref: trail.entityRef,
        stage,
        revision,
        updated_at: at,
      });
    }
    return true;
  });
}

/**
 * Writes the demo's gate history into the mlops plugin's tables, time-stamped
 * in the past, as if the decisions had been taken then. Demo only: the
 * plugin's API and store stamp every event with the server's clock, and
 * offer no way to write one in the past. Each entity is written in one
 * transaction, and only when it has no gate event yet, so a second run — or
 * a decision recorded through the API first — leaves it alone. The facts the
 * events rest on are the entity's current ones, read from the catalog (those
 * before a `factsChanged` step: with the trail's earlier spec fields), so the
 * decisions since stand.
 */
export async function seedGateHistory(options: {
  knex: Knex;
  history: readonly DemoGateTrail[];
  /** The entities of the history, by lower-case reference, as the catalog serves them. */
  entities: ReadonlyMap<string, Entity>;
  now: Date;
}): Promise<{ seeded: string[]; skipped: string[] }> {
  const seeded: string[] = [];
  const skipped: string[] = [];
  for (const trail of options.history) {
    const entity = options.entities.get(trail.entityRef);
    const written =
      entity && (await writeTrail(options.knex, trail, entity, options.now));
    (written ? seeded : skipped).push(trail.entityRef);
  }
  return { seeded, skipped };
}

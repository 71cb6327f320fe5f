import type { Entity } from '@backstage/catalog-model';
import type { FrameworkStageId } from '../../framework/stages';
import type { GateEvent, NewGateEvent } from '../events';
import { gateFactsHash, gateFactsOf } from '../facts';
import type { GateFactsVersion } from '../history';

/** The gate facts of an entity with their hash. */
export function versionOf(entity: Entity): GateFactsVersion {
  const facts = gateFactsOf(entity);
  return { facts, hash: gateFactsHash(facts) };
}

/**
 * An audit trail as the store keeps it: each event gets the next id, the
 * gate's next revision (events recorded together share one) and its time.
 */
export function trail(entityRef: string) {
  const events: GateEvent[] = [];
  const revisions = new Map<FrameworkStageId, number>();
  const record = (
    stage: FrameworkStageId,
    at: string,
    ...recorded: NewGateEvent[]
  ): GateEvent[] => {
    const revision = (revisions.get(stage) ?? 0) + 1;
    revisions.set(stage, revision);
    const stored = recorded.map(event => ({
      ...event,
      id: String(events.length + 1),
      entityRef,
      stage,
      revision,
      at: new Date(at),
    }));
    events.push(...stored);
    return stored;
  };
  return { events, record };
}

/** A decision on a version of the facts. */
export const decision = (
  version: GateFactsVersion,
  role: string,
  actor: string,
  kind: GateEvent['decision'] = 'approve',
): NewGateEvent => ({
  type: 'decision',
  decision: kind,
  role,
  actor,
  comment: 'Decided.',
  entityHash: version.hash,
  facts: version.facts,
});

/** An attestation of a criterion. */
export const attestation = (
  version: GateFactsVersion,
  criterion: string,
  actor: string,
): NewGateEvent => ({
  type: 'attestation',
  criterion,
  actor,
  comment: 'Attested.',
  evidenceUrl: `https://wiki.example.com/${criterion}`,
  entityHash: version.hash,
  facts: version.facts,
});

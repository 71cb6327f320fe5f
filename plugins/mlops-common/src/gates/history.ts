import type { FrameworkStageId } from '../framework/stages';
import type { GateEvent, NewGateEvent } from './events';
import { changedGateFacts, GateFacts } from './facts';
import { effectiveDecisions } from './state';
import type { GateDecisionStatus, SignOffRequirement } from './types';

/** An entity's gate facts and their hash ({@link gateFactsHash}). @public */
export interface GateFactsVersion {
  facts: GateFacts;
  hash: string;
}

/**
 * A decision that no longer counts because the facts it rested on changed:
 * recorded in the audit trail (with its time), or pending — implied by the
 * current facts and not recorded yet.
 * @public
 */
export interface GateHistoryInvalidation {
  decisionId: string;
  reason: string;
  /** When it was recorded; none while pending. */
  at?: Date;
}

/** A gate's audit trail folded against the entity's current facts. @public */
export interface GateHistory {
  stage: FrameworkStageId;
  /**
   * The gate's revision: the latest recorded, plus one while invalidations
   * are pending (recording them bumps it once).
   */
  revision: number;
  /** The decisions, oldest first. */
  decisions: GateEvent[];
  /** The latest attestation of each criterion, by criterion id. */
  attestations: ReadonlyMap<string, GateEvent>;
  /** The invalidated decisions, recorded and pending, by decision id. */
  invalidations: ReadonlyMap<string, GateHistoryInvalidation>;
  /** Decisions resting on other facts than the current ones whose invalidation is not recorded yet. */
  pending: GateEvent[];
}

/** Why a decision resting on other facts no longer counts: the fields that changed. @public */
export function invalidationReason(
  decision: Pick<GateEvent, 'facts'>,
  current: GateFacts,
): string {
  return `The facts the decision rested on changed: ${changedGateFacts(
    decision.facts,
    current,
  ).join(', ')}.`;
}

/**
 * The history of one gate from an entity's events (oldest first). A decision
 * whose facts hash differs from the current one counts as invalidated
 * whether or not the invalidation is recorded yet, so every reader applies
 * one rule; recording is left to writers ({@link pendingInvalidations}).
 * @public
 */
export function gateHistory(
  events: readonly GateEvent[],
  stage: FrameworkStageId,
  current: GateFactsVersion,
): GateHistory {
  const decisions: GateEvent[] = [];
  const attestations = new Map<string, GateEvent>();
  const invalidations = new Map<string, GateHistoryInvalidation>();
  let revision = 0;
  for (const event of events) {
    if (event.stage !== stage) continue;
    revision = Math.max(revision, event.revision);
    if (event.type === 'decision') decisions.push(event);
    if (event.type === 'invalidation' && event.decisionId) {
      invalidations.set(event.decisionId, {
        decisionId: event.decisionId,
        reason: event.comment,
        at: event.at,
      });
    }
    // The latest attestation of a criterion counts.
    if (event.type === 'attestation' && event.criterion) {
      attestations.set(event.criterion, event);
    }
  }
  const pending = decisions.filter(
    d => !invalidations.has(d.id) && d.entityHash !== current.hash,
  );
  for (const decision of pending) {
    invalidations.set(decision.id, {
      decisionId: decision.id,
      reason: invalidationReason(decision, current.facts),
    });
  }
  return {
    stage,
    revision: revision + (pending.length > 0 ? 1 : 0),
    decisions,
    attestations,
    invalidations,
    pending,
  };
}

/** The invalidation events a writer records for a gate's pending invalidations. @public */
export function pendingInvalidations(
  history: GateHistory,
  current: GateFactsVersion,
): NewGateEvent[] {
  return history.pending.map(decision => ({
    type: 'invalidation',
    actor: 'system',
    comment: history.invalidations.get(decision.id)!.reason,
    entityHash: current.hash,
    facts: current.facts,
    decisionId: decision.id,
  }));
}

/** A gate's decisions as the state rule sees them, each with its event. @public */
export function gateDecisionStatuses(
  history: GateHistory,
): Array<GateDecisionStatus & { event: GateEvent }> {
  return history.decisions.map(event => ({
    event,
    decision: event.decision!,
    role: event.role!,
    at: event.at.toISOString(),
    invalidated: history.invalidations.has(event.id),
  }));
}

/** The decision that counts for each sign-off of a gate, by sign-off id ({@link effectiveDecisions}). @public */
export function effectiveGateDecisions(
  signOff: readonly SignOffRequirement[],
  history: GateHistory,
): Map<string, GateDecisionStatus & { event: GateEvent }> {
  return effectiveDecisions(signOff, gateDecisionStatuses(history));
}

/** When a gate's sign-off completed: the latest of the decisions that count; none without any. @public */
export function gateApprovedAt(
  signOff: readonly SignOffRequirement[],
  history: GateHistory,
): Date | undefined {
  const effective = [...effectiveGateDecisions(signOff, history).values()];
  if (effective.length === 0) return undefined;
  return new Date(Math.max(...effective.map(d => d.event.at.getTime())));
}

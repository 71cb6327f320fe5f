import type { FrameworkStageId } from '../framework/stages';
import type { CheckOutcome } from '../checks/outcomes';
import { approvalFactOf } from '../gates/approvalFact';
import {
  criterionSource,
  GATE_DEFINITIONS,
  GatedKind,
} from '../gates/definitions';
import type { GateEvent } from '../gates/events';
import { gateFactsVersionOf } from '../gates/facts';
import { gateHistory, GateHistory } from '../gates/history';
import { evaluateGateState } from '../gates/state';
import type { GateSignOffConfig, GateState } from '../gates/types';
import { gateDecisionStatuses } from '../gates/history';
import type {
  MLModelEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../kinds/types';
import { diagnosticRefOf } from './snapshot';

/** Where a use case or model stands in the gates, folded once from its events. @public */
export type GateProgress = {
  entityRef: string;
  kind: GatedKind;
  /** Each gate's history against the entity's current facts. */
  histories: Record<FrameworkStageId, GateHistory>;
  /** When each gate's approval in force completed, for gates approved in the framework's order. */
  approvedAt: Partial<Record<FrameworkStageId, Date>>;
  /** All three gates approved, in order. */
  complete: boolean;
  /** The first gate that is not approved, with its state from criteria and decisions. */
  open?: { stage: FrameworkStageId; state: GateState };
  firstEventAt?: Date;
  /** When the stage-3 gate was first approved, whether or not that approval still stands. */
  firstProductionApprovalAt?: Date;
};

/**
 * The gate progress of a use case or model: each gate folded with the
 * common gate rules, the open gate's state evaluated from the stored check
 * outcomes (by check id) and attestations.
 */
export function gateProgressOf(
  entity: MLUseCaseEntityV1alpha1 | MLModelEntityV1alpha1,
  events: readonly GateEvent[],
  signOff: GateSignOffConfig,
  outcomes: ReadonlyMap<string, CheckOutcome>,
): GateProgress {
  const version = gateFactsVersionOf(entity);
  const histories = {} as Record<FrameworkStageId, GateHistory>;
  const approvedAt: Partial<Record<FrameworkStageId, Date>> = {};
  let open: GateProgress['open'];
  for (const gate of GATE_DEFINITIONS) {
    const history = gateHistory(events, gate.stage, version);
    histories[gate.stage] = history;
    if (open) continue;
    const fact = approvalFactOf(signOff[gate.stage], history);
    if (fact.state === 'approved') {
      approvedAt[gate.stage] = new Date(fact.approvedAt!);
      continue;
    }
    const kind = entity.kind as GatedKind;
    const state = evaluateGateState({
      criteria: gate.criteria.map(criterion => {
        const source = criterionSource(criterion, kind);
        return source.source === 'check'
          ? {
              id: criterion.id,
              source: 'check',
              outcome: outcomes.get(source.checkId),
            }
          : {
              id: criterion.id,
              source: 'attestation',
              attested: history.attestations.has(criterion.id),
            };
      }),
      signOff: signOff[gate.stage],
      decisions: gateDecisionStatuses(history),
    });
    open = { stage: gate.stage, state };
  }
  return {
    entityRef: diagnosticRefOf(entity),
    kind: entity.kind as GatedKind,
    histories,
    approvedAt,
    complete: !open,
    ...(open ? { open } : {}),
    ...(events.length ? { firstEventAt: events[0].at } : {}),
    ...firstApproval(events, signOff),
  };
}

/**
 * When the stage-3 gate was first approved: the first approving decision at
 * which the decisions on the facts it rested on completed the sign-off.
 */
function firstApproval(
  events: readonly GateEvent[],
  signOff: GateSignOffConfig,
): { firstProductionApprovalAt?: Date } {
  const stage: FrameworkStageId = 'operationalisation';
  const approvals = events.filter(
    e => e.stage === stage && e.type === 'decision' && e.decision === 'approve',
  );
  for (const approval of approvals) {
    const before = events.filter(
      e => e.stage === stage && e.type === 'decision' && e.at <= approval.at,
    );
    const history = gateHistory(before, stage, {
      facts: approval.facts,
      hash: approval.entityHash,
    });
    if (approvalFactOf(signOff[stage], history).state === 'approved') {
      return { firstProductionApprovalAt: approval.at };
    }
  }
  return {};
}

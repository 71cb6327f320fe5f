import type { FrameworkStageId } from '../framework/stages';
import type { CheckOutcome } from '../checks/outcomes';
import { approvalFactOf } from '../gates/approvalFact';
import {
  criterionSource,
  GATE_DEFINITIONS,
  GatedKind,
} from '../gates/definitions';
import type { GateEvent } from '../gates/events';
import type { GateFactsVersion } from '../gates/history';
import { gateHistory } from '../gates/history';
import { criteriaGateState } from '../gates/state';
import type { GateSignOffConfig, GateState } from '../gates/types';
import { signOffId } from '../gates/types';

/**
 * What the diagnostic reads of one gate's audit trail, times in
 * milliseconds since the epoch.
 * @public
 */
export type GateTrail = {
  /** The decisions, oldest first: the sign-off decided for, and when. */
  decisions: ReadonlyArray<{ role: string; at: number }>;
  /** When each criterion was last attested, by criterion id. */
  attestations: Readonly<Record<string, number>>;
  /** When the recorded invalidations of its decisions were recorded. */
  invalidatedAt: readonly number[];
};

/**
 * A use case's or model's gate events folded once for the diagnostic,
 * against its gate facts and sign-off as they were then: everything the
 * diagnostic reads of them except what the current check outcomes decide.
 * Plain JSON, so the backend can keep it instead of the events
 * ({@link gateProgressSummaryOf}).
 * @public
 */
export type GateProgressSummary = {
  /** The hash of the gate facts folded against ({@link GateFactsVersion}). */
  factsHash: string;
  /** The sign-off folded with ({@link gateSignOffKey}). */
  signOff: string;
  /** When the first event was recorded, in ms. */
  firstEventAt?: number;
  /** When the stage-3 gate was first approved (whether or not that approval still stands), in ms. */
  firstProductionApprovalAt?: number;
  gates: Record<
    FrameworkStageId,
    GateTrail & {
      /** The state the decisions alone give the gate; none while they leave it to its criteria. */
      decided?: 'approved' | 'rejected' | 'changes-requested';
      /** When the approval in force completed, while `approved`, in ms. */
      approvedAt?: number;
    }
  >;
};

/** Where a use case or model stands in the gates, for the diagnostic's formulas. @public */
export type GateProgress = {
  entityRef: string;
  kind: GatedKind;
  /** Each gate's trail. */
  trails: Record<FrameworkStageId, GateTrail>;
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

/** Who signs each gate off, as one string: two sign-offs with the same key are the same. @public */
export function gateSignOffKey(signOff: GateSignOffConfig): string {
  return GATE_DEFINITIONS.map(
    ({ stage }) => `${stage}:${signOff[stage].map(signOffId).join(',')}`,
  ).join(';');
}

/** Whether a summary was folded against these facts and this sign-off, so it holds for them. @public */
export function gateProgressSummaryHolds(
  summary: Pick<GateProgressSummary, 'factsHash' | 'signOff'>,
  version: Pick<GateFactsVersion, 'hash'>,
  signOff: GateSignOffConfig,
): boolean {
  return (
    summary.factsHash === version.hash &&
    summary.signOff === gateSignOffKey(signOff)
  );
}

/**
 * Folds a use case's or model's gate events (oldest first) with the common
 * gate rules against its current facts and sign-off: each gate's decided
 * state and approval, its trail, the first event and the first production
 * approval.
 * @public
 */
export function gateProgressSummaryOf(
  events: readonly GateEvent[],
  version: GateFactsVersion,
  signOff: GateSignOffConfig,
): GateProgressSummary {
  const gates = {} as GateProgressSummary['gates'];
  for (const { stage } of GATE_DEFINITIONS) {
    const history = gateHistory(events, stage, version);
    const fact = approvalFactOf(signOff[stage], history);
    const attestations: Record<string, number> = {};
    for (const [criterion, event] of history.attestations) {
      attestations[criterion] = event.at.getTime();
    }
    const invalidatedAt: number[] = [];
    for (const invalidation of history.invalidations.values()) {
      if (invalidation.at) invalidatedAt.push(invalidation.at.getTime());
    }
    gates[stage] = {
      decisions: history.decisions.map(d => ({
        role: d.role!,
        at: d.at.getTime(),
      })),
      attestations,
      invalidatedAt,
    };
    // approvalFactOf gives the decided state, or not-started without one.
    if (
      fact.state === 'approved' ||
      fact.state === 'rejected' ||
      fact.state === 'changes-requested'
    ) {
      gates[stage].decided = fact.state;
    }
    if (fact.approvedAt) {
      gates[stage].approvedAt = new Date(fact.approvedAt).getTime();
    }
  }
  const firstProductionApprovalAt = firstApproval(events, signOff);
  return {
    factsHash: version.hash,
    signOff: gateSignOffKey(signOff),
    ...(events.length ? { firstEventAt: events[0].at.getTime() } : {}),
    ...(firstProductionApprovalAt !== undefined
      ? { firstProductionApprovalAt }
      : {}),
    gates,
  };
}

/**
 * The gate progress of a use case or model from its folded events: the
 * gates approved in order, and the first that is not with its state — the
 * decided one, or else from the stored check outcomes (by check id) and
 * the attestations.
 * @public
 */
export function gateProgressFrom(
  entityRef: string,
  kind: GatedKind,
  summary: GateProgressSummary,
  outcomes: ReadonlyMap<string, CheckOutcome>,
): GateProgress {
  const approvedAt: Partial<Record<FrameworkStageId, Date>> = {};
  let open: GateProgress['open'];
  for (const gate of GATE_DEFINITIONS) {
    const trail = summary.gates[gate.stage];
    if (trail.decided === 'approved') {
      approvedAt[gate.stage] = new Date(trail.approvedAt!);
      continue;
    }
    const state =
      trail.decided ??
      criteriaGateState(
        gate.criteria.map(criterion => {
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
                attested: trail.attestations[criterion.id] !== undefined,
              };
        }),
      );
    open = { stage: gate.stage, state };
    break;
  }
  return {
    entityRef,
    kind,
    trails: summary.gates,
    approvedAt,
    complete: !open,
    ...(open ? { open } : {}),
    ...(summary.firstEventAt !== undefined
      ? { firstEventAt: new Date(summary.firstEventAt) }
      : {}),
    ...(summary.firstProductionApprovalAt !== undefined
      ? {
          firstProductionApprovalAt: new Date(
            summary.firstProductionApprovalAt,
          ),
        }
      : {}),
  };
}

/**
 * When the stage-3 gate was first approved, in ms: the first approving
 * decision at which the decisions on the facts it rested on completed the
 * sign-off.
 */
function firstApproval(
  events: readonly GateEvent[],
  signOff: GateSignOffConfig,
): number | undefined {
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
      return approval.at.getTime();
    }
  }
  return undefined;
}

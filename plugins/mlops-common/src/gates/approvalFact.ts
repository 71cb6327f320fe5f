import type { FrameworkStageId } from '../framework/stages';
import { gateApprovalFactId } from '../maturity/factIds';
import type { EntityFacts } from '../checks/types';
import { gateDecisionStatuses, GateHistory } from './history';
import { decidedGateState, effectiveDecisions } from './state';
import type { GateState, SignOffRequirement } from './types';

/**
 * What the backend keeps under {@link gateApprovalFactId} for the maturity
 * rubric: the gate's state and, once approved, when and by whom.
 * @public
 */
export interface GateApprovalFact {
  state: GateState;
  /** ISO 8601 date-time of the approval that completed the sign-off. */
  approvedAt?: string;
  /** The users whose approvals count. */
  approvedBy?: string[];
}

/** The gate fact of a stage among an entity's facts, if the backend holds one. @public */
export function gateApprovalFact(
  facts: EntityFacts,
  stage: FrameworkStageId,
): GateApprovalFact | undefined {
  const fact = facts[gateApprovalFactId(stage)] as unknown;
  if (!fact || typeof fact !== 'object') return undefined;
  return fact as GateApprovalFact;
}

/**
 * A gate's fact from its decisions alone: approved (with when and by whom),
 * rejected or changes requested as decided, `not-started` for a gate without
 * a decision that counts. The rubric reads it; criteria play no part.
 * @public
 */
export function approvalFactOf(
  signOff: readonly SignOffRequirement[],
  history: GateHistory,
): GateApprovalFact {
  // The decisions as the state rule sees them, once: every gate of every
  // entity goes through here when the funnel or the diagnostic is computed.
  const decisions = gateDecisionStatuses(history);
  const state = decidedGateState(signOff, decisions) ?? 'not-started';
  if (state !== 'approved') return { state };
  // When the sign-off completed (gateApprovedAt): the latest decision that counts.
  const effective = [...effectiveDecisions(signOff, decisions).values()];
  return {
    state,
    approvedAt: new Date(
      Math.max(...effective.map(d => d.event.at.getTime())),
    ).toISOString(),
    approvedBy: effective.map(d => d.event.actor),
  };
}

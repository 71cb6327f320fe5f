import type { FrameworkStageId } from '../acceptance/framework';
import { gateApprovalFactId } from '../maturity/factIds';
import type { EntityFacts } from '../acceptance/types';
import type { GateState } from './types';

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

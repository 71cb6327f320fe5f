import { FrameworkStageId } from '../framework/stages';
import { blocksLevel } from '../checks/outcomes';
import { GATE_DEFINITIONS } from './definitions';
import type {
  GateCriterionStatus,
  GateDecisionStatus,
  GateState,
  SignOffRequirement,
} from './types';
import { signOffId } from './types';

/**
 * Whether a criterion is met: a check whose outcome does not block a level
 * (passed, warning, exempt, not applicable), or an attestation on record.
 * @public
 */
export function criterionMet(criterion: GateCriterionStatus): boolean {
  if (criterion.source === 'attestation') return Boolean(criterion.attested);
  return criterion.outcome !== undefined && !blocksLevel(criterion.outcome);
}

/**
 * The decision that counts for each sign-off requirement: the latest one not
 * invalidated, recorded for that requirement. Keyed by {@link signOffId}.
 * @public
 */
export function effectiveDecisions<T extends GateDecisionStatus>(
  signOff: readonly SignOffRequirement[],
  decisions: readonly T[],
): Map<string, T> {
  const roles = new Set(signOff.map(signOffId));
  const effective = new Map<string, T>();
  for (const decision of decisions) {
    if (decision.invalidated || !roles.has(decision.role)) continue;
    const current = effective.get(decision.role);
    if (!current || current.at <= decision.at) {
      effective.set(decision.role, decision);
    }
  }
  return effective;
}

/**
 * The state of a gate. The rule, applied in this order:
 *
 * 1. `rejected` when the decision that counts for any required sign-off
 *    (its latest one not invalidated) is a rejection;
 * 2. `changes-requested` when any is a request for changes;
 * 3. `approved` when every required sign-off approved;
 * 4. `ready-for-review` when every criterion is met ({@link criterionMet});
 * 5. `not-started` otherwise.
 *
 * A later decision for the same sign-off replaces an earlier one, so an
 * approver who asked for changes approves once they are made. An approval
 * stands while the facts it rested on are unchanged, even when a criterion
 * later fails; a change of those facts invalidates it instead.
 * @public
 */
export function evaluateGateState(input: {
  criteria: readonly GateCriterionStatus[];
  signOff: readonly SignOffRequirement[];
  decisions: readonly GateDecisionStatus[];
}): GateState {
  return (
    decidedGateState(input.signOff, input.decisions) ??
    criteriaGateState(input.criteria)
  );
}

/**
 * The state the criteria give a gate its decisions leave open — steps 4
 * and 5 of {@link evaluateGateState}: `ready-for-review` when every
 * criterion is met, `not-started` otherwise.
 * @public
 */
export function criteriaGateState(
  criteria: readonly GateCriterionStatus[],
): 'ready-for-review' | 'not-started' {
  return criteria.every(criterionMet) ? 'ready-for-review' : 'not-started';
}

/**
 * The state the decisions alone give a gate — steps 1 to 3 of
 * {@link evaluateGateState}: `rejected`, `changes-requested` or `approved`;
 * none while the decisions that count leave the gate to its criteria.
 * @public
 */
export function decidedGateState(
  signOff: readonly SignOffRequirement[],
  decisions: readonly GateDecisionStatus[],
): 'rejected' | 'changes-requested' | 'approved' | undefined {
  const effective = [...effectiveDecisions(signOff, decisions).values()];
  if (effective.some(d => d.decision === 'reject')) return 'rejected';
  if (effective.some(d => d.decision === 'request-changes')) {
    return 'changes-requested';
  }
  if (
    signOff.length > 0 &&
    effective.length === signOff.length &&
    effective.every(d => d.decision === 'approve')
  ) {
    return 'approved';
  }
  return undefined;
}

/**
 * Where an entity stands in the framework: the first stage whose gate is not
 * approved, in the framework's order (a later approval does not count while
 * an earlier gate is open). `complete` when all three are approved; the
 * current stage is then the last one.
 * @public
 */
export function currentStage(
  states: Readonly<Partial<Record<FrameworkStageId, GateState>>>,
): { stage: FrameworkStageId; complete: boolean } {
  for (const gate of GATE_DEFINITIONS) {
    if (states[gate.stage] !== 'approved') {
      return { stage: gate.stage, complete: false };
    }
  }
  return {
    stage: GATE_DEFINITIONS[GATE_DEFINITIONS.length - 1].stage,
    complete: true,
  };
}

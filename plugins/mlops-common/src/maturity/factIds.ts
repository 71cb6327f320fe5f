import type { FrameworkStageId } from '../acceptance/framework';

/**
 * The fact under which the drift work will keep a model's or monitor's drift
 * health. No check of the default rubric reads it yet: drift-health checks
 * arrive with the drift monitoring issue, together with the fact source that
 * fills it.
 * @public
 */
export const DRIFT_HEALTH_FACT_ID = 'drift.health';

/**
 * The fact under which the stage-gate work will keep the approval of a stage,
 * e.g. `gate.operationalisation`, as a `GateApprovalFact`. The check
 * `model.operationalisation-approved` reads it.
 * @public
 */
export function gateApprovalFactId(stage: FrameworkStageId): string {
  return `gate.${stage}`;
}

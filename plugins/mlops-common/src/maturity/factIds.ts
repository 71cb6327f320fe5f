import type { FrameworkStageId } from '../framework/stages';

/**
 * The fact under which the backend keeps a model's or monitor's drift health
 * (a `DriftHealthFact`), which the drift checks of the rubric read.
 * @public
 */
export const DRIFT_HEALTH_FACT_ID = 'drift.health';

/**
 * The fact under which the backend keeps where a use case's KPIs stand (a
 * `ValueFact`), which the business-value checks of the rubric read.
 * @public
 */
export const VALUE_FACT_ID = 'value.kpis';

/**
 * The fact under which the stage-gate work will keep the approval of a stage,
 * e.g. `gate.operationalisation`, as a `GateApprovalFact`. The check
 * `model.operationalisation-approved` reads it.
 * @public
 */
export function gateApprovalFactId(stage: FrameworkStageId): string {
  return `gate.${stage}`;
}

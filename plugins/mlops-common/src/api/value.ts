import type { FrameworkStageId } from '../framework/stages';
import type { KpiDirection, KpiMethod } from '../kinds/types';
import type { KpiActualSource, KpiPoint } from '../value/ledger';
import type { KpiStatus } from '../value/status';

// The business-value routes' bodies (plugins/mlops-backend/src/schema/value.openapi.yaml).

/** One record of a KPI's append-only ledger, as served. @public */
export type KpiActualView = KpiPoint & {
  id: string;
  kpiId: string;
  unit?: string;
  source: KpiActualSource;
  /** A user's entity ref, a service's subject, or a source's id. */
  recordedBy: string;
  /** When the server stored it (ISO 8601). */
  recordedAt: string;
  comment?: string;
  evidenceUrl?: string;
  /** The record this one corrects. */
  supersedes?: string;
  /** The record that corrected this one; it is then out of force. */
  supersededBy?: string;
  /** The definition version the value was reported under. */
  definitionVersion: number;
};

/** An actual in force on a KPI's trend: its period and value, and the record it is. @public */
export type KpiTrendPoint = KpiPoint & { id: string };

/** A version of a KPI's definition: what its numbers meant from when. @public */
export type KpiDefinitionVersion = {
  version: number;
  /** When the portal first saw this definition (ISO 8601). */
  validFrom: string;
  baseline?: number;
  target?: number;
  unit?: string;
  direction: KpiDirection;
  method: KpiMethod;
};

/** A KPI of a use case: its definition, its actuals in force and where it stands. @public */
export type KpiValue = {
  id: string;
  driver: string;
  kpi: string;
  unit?: string;
  baseline?: number;
  target?: number;
  direction: KpiDirection;
  cadence: string;
  method: KpiMethod;
  referencePeriod?: { start: string; end: string };
  status: KpiStatus;
  /** Why, in a sentence a sponsor can read. */
  reason: string;
  /** The latest actual's share of the way from baseline to target. */
  progress?: number;
  latest?: KpiActualView;
  /** When the next check-in is overdue (ISO 8601), once there is an actual. */
  overdueAfter?: string;
  /** The actuals in force, oldest period first (who reported each: the ledger's history). */
  points: KpiTrendPoint[];
  /** Oldest first; the last is in force. */
  definitionVersions: KpiDefinitionVersion[];
};

/** Something that happened to a use case or its models, on the KPI's time axis. @public */
export type ValueMarker = {
  at: string;
  kind: 'gate-approval' | 'drift-alert' | 'drift-recovery' | 'model-version';
  /** The entity it happened to: the use case, or one of its models or monitors. */
  entityRef: string;
  title: string;
};

/** A use case's KPIs with their actuals, and what happened around them. @public */
export type UseCaseValue = {
  entityRef: string;
  title: string;
  owner?: string;
  sponsor?: string;
  lifecycle?: string;
  /** Whether the caller may check in an actual. */
  canRecord: boolean;
  kpis: KpiValue[];
  /** Oldest first. */
  markers: ValueMarker[];
};

/** Every ledger record of a use case's KPIs, corrections included, oldest first. @public */
export type UseCaseValueHistory = {
  entityRef: string;
  records: KpiActualView[];
};

/** An actual to record for one KPI and period. @public */
export type KpiActualInput = {
  /** The KPI's id (see `spec.businessDrivers[].id`). */
  kpi: string;
  /** The first day of the period, `YYYY-MM-DD`. */
  periodStart: string;
  /** The last day of the period, inclusive, `YYYY-MM-DD`. */
  periodEnd: string;
  value: number;
  /** When given, it must be the KPI's declared unit. */
  unit?: string;
  comment?: string;
  evidenceUrl?: string;
  /** The id of the record this one corrects. */
  supersedes?: string;
};

/** A pipeline's batch of actuals for one use case; retried with the same key, it is stored once. @public */
export type KpiActualsBatch = {
  /** The MLUseCase's entity reference. */
  useCase: string;
  idempotencyKey: string;
  actuals: KpiActualInput[];
};

/** What a batch stored. @public */
export type KpiIngestionResult = {
  useCase: string;
  /** Records stored by this request (0 for a duplicate). */
  stored: number;
  duplicate: boolean;
};

/** One use case in the organisation's value view. @public */
export type UseCaseValueSummary = {
  entityRef: string;
  title: string;
  owner?: string;
  sponsor?: string;
  lifecycle?: string;
  kpis: Array<{
    id: string;
    kpi: string;
    unit?: string;
    status: KpiStatus;
    progress?: number;
    latest?: KpiPoint;
  }>;
};

/** The value of every use case the caller may read. @public */
export type ValueOverview = {
  /** Use cases, most urgent status first. */
  useCases: UseCaseValueSummary[];
  /** KPIs per status across those use cases. */
  statusCounts: Record<KpiStatus, number>;
};

/** A gate ready for review that the caller may sign off and has not yet. @public */
export type SignOffAwaiting = {
  entityRef: string;
  title: string;
  stage: FrameworkStageId;
  /** e.g. `Stage 3 · Operationalisation`. */
  stageTitle: string;
  /** The sign-off the caller may give: `sponsor`, `owner` or a group ref. */
  role: string;
  /** When the gate's stage began, if known. */
  since?: string;
};

/** A KPI whose actual is due, overdue or was never reported. @public */
export type CheckInDue = {
  entityRef: string;
  title: string;
  kpiId: string;
  kpi: string;
  /** `due`: the period after the latest one has ended; `overdue`: and its grace too; `no-data`: never reported. */
  state: 'due' | 'overdue' | 'no-data';
  /** The first day after the period the actual is for (`YYYY-MM-DD`), once there is an actual. */
  dueOn?: string;
};

/** A KPI off track while a model of its use case is in trouble. @public */
export type ValueAtRisk = {
  entityRef: string;
  title: string;
  kpiId: string;
  kpi: string;
  status: KpiStatus;
  progress?: number;
  /** What is wrong with the models, e.g. `churn-gbm is in drift alert`. */
  reasons: string[];
};

/** The signed-in person's home: what they sponsor, what waits for them. @public */
export type SponsorHome = {
  userRef: string;
  /** Use cases the person sponsors, or whose owner group they belong to. */
  useCases: UseCaseValueSummary[];
  awaitingSignOff: SignOffAwaiting[];
  checkInsDue: CheckInDue[];
  valueAtRisk: ValueAtRisk[];
};

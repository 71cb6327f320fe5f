import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  FrameworkStageId,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  AdoptionDiagnostic,
  AlertDeliveryLog,
  DiagnosticAnswerRequest,
  DiagnosticTeamAnswers,
  DriftAlerts,
  DriftHealth,
  DriftSeries,
  DriftSourceDryRun,
  DriftSourceDryRunRequest,
  DriftSourceStatus,
  KpiSourceDryRun,
  KpiSourceDryRunRequest,
  KpiSourceStatus,
  EntityGates,
  EntityScorecard,
  GateAttestationRequest,
  GateDecisionRequest,
  GateFunnel,
  GateView,
  KpiActualInput,
  MaturityOverview,
  RejectedEntities,
  RubricDescription,
  ScorecardHistory,
  SponsorHome,
  TeamMaturity,
  UseCaseValue,
  UseCaseValueHistory,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';

/** An entity reference as a string (`mlmodel:default/churn-gbm`) or its parts. @public */
export type EntityRefInput = string | CompoundEntityRef;

/** The period and kind a roll-up covers. @public */
export interface MaturityQuery {
  /** Days back from now, 1 to 365; the backend's default (30) when absent. */
  days?: number;
  /** Only entities of this kind. */
  kind?: MlopsKind;
}

/** Which page of a team's leaderboard to fetch. @public */
export interface LeaderboardPage {
  /** The first entity, 0-based; default 0. */
  offset?: number;
  /** How many, 1 to 500; the backend's default (100) when absent. */
  limit?: number;
}

/** Which adoption diagnostic to fetch: the organisation's, or a team's with its sub-teams. @public */
export interface DiagnosticQuery {
  /** The window of the windowed indicators and delivery metrics: 30, 90 or 365 days; the backend's default (90) when absent. */
  days?: 30 | 90 | 365;
  /** The team (a Group); the organisation when absent. */
  team?: EntityRefInput;
}

/** Whose rejected ML entities to fetch. @public */
export interface RejectedEntitiesQuery {
  /** The owner (a Group, or any entity reference); everyone the caller may see when absent. */
  owner?: EntityRefInput;
}

/** The formats the gate audit trail exports in. @public */
export type GateAuditFormat = 'csv' | 'json';

/** The kinds that pass through stage gates. @public */
export type GateFunnelKind = 'MLUseCase' | 'MLModel';

/**
 * The mlops backend: maturity scorecards, their history and team roll-ups;
 * stage gates, their decisions and the stage funnel; drift health; the
 * business value of use cases, their KPI actuals and check-ins.
 * Failed requests reject with a `ResponseError` from `@backstage/errors`, so
 * callers can tell a 404 (never evaluated) or a 403 (not allowed) apart.
 * @public
 */
export interface MlopsApi {
  /** The rubric in force, its levels and checks. */
  getRubric(): Promise<RubricDescription>;
  /** An entity's latest scorecard; 404 when it was never evaluated. */
  getScorecard(entityRef: EntityRefInput): Promise<EntityScorecard>;
  /** An entity's level and score over the last `days` days. */
  getScorecardHistory(
    entityRef: EntityRefInput,
    days: number,
  ): Promise<ScorecardHistory>;
  /** Evaluates an entity now; 403 without the refresh permission. */
  refreshScorecard(entityRef: EntityRefInput): Promise<EntityScorecard>;
  /** A group's maturity over its whole hierarchy. */
  getTeamMaturity(
    groupRef: EntityRefInput,
    query?: MaturityQuery & LeaderboardPage,
  ): Promise<TeamMaturity>;
  /** Maturity across the organisation and per team. */
  getOverview(query?: MaturityQuery): Promise<MaturityOverview>;
  /** The address of a team's CSV export; it needs the user's token. */
  teamExportUrl(
    groupRef: EntityRefInput,
    query?: MaturityQuery,
  ): Promise<string>;
  /** A team's CSV export, fetched with the user's token. */
  getTeamExport(groupRef: EntityRefInput, query?: MaturityQuery): Promise<Blob>;
  /** The address of an entity's SVG maturity badge, for READMEs. */
  badgeUrl(entityRef: EntityRefInput): Promise<string>;
  /** An MLUseCase's or MLModel's three stage gates and its current stage. */
  getGates(entityRef: EntityRefInput): Promise<EntityGates>;
  /**
   * Records a sign-off decision on a stage gate. Rejects with a 403 when the
   * caller may not sign it off and a 409 when the gate changed since the
   * revision sent; nothing is recorded then.
   */
  decideGate(
    entityRef: EntityRefInput,
    stage: FrameworkStageId,
    request: GateDecisionRequest,
  ): Promise<GateView>;
  /** Attests a criterion of a stage gate with evidence; 409 as for decisions. */
  attestGateCriterion(
    entityRef: EntityRefInput,
    stage: FrameworkStageId,
    request: GateAttestationRequest,
  ): Promise<GateView>;
  /** The address of an entity's gate audit trail; it needs the user's token. */
  gateAuditUrl(
    entityRef: EntityRefInput,
    format: GateAuditFormat,
  ): Promise<string>;
  /** An entity's gate audit trail, fetched with the user's token. */
  getGateAudit(
    entityRef: EntityRefInput,
    format: GateAuditFormat,
  ): Promise<Blob>;
  /** Use cases or models by current stage, with the time spent per stage. */
  getGateFunnel(kind: GateFunnelKind): Promise<GateFunnel>;
  /** The drift health of an MLModel, MLMonitor or MLUseCase. */
  getDriftHealth(entityRef: EntityRefInput): Promise<DriftHealth>;
  /** An MLMonitor's features over the last `days` days (backend default 30). */
  getDriftSeries(
    monitorRef: EntityRefInput,
    days?: number,
  ): Promise<DriftSeries>;
  /** The models in warning, alert or stale. */
  getDriftAlerts(): Promise<DriftAlerts>;
  /**
   * The delivery log of a monitor's alert channels: per channel the last
   * delivery, the last error and the latest messages with their attempts.
   */
  getAlertDeliveries(monitorRef: EntityRefInput): Promise<AlertDeliveryLog>;
  /**
   * Each binding of a monitor to a drift source (for Prometheus one
   * feature's query): its last pull, samples imported and skipped, last
   * error.
   */
  getDriftSourceStatus(monitorRef: EntityRefInput): Promise<DriftSourceStatus>;
  /**
   * Runs a monitor's bindings now (those in the catalog, or `source` to try
   * instead) and says what each would import, or the source's error.
   * Stores nothing.
   */
  dryRunDriftSource(
    request: DriftSourceDryRunRequest,
  ): Promise<DriftSourceDryRun>;
  /**
   * Each binding of a use case's KPIs to a source (for Prometheus one KPI's
   * query): its last pull, actuals recorded, samples skipped, last error.
   */
  getKpiSourceStatus(useCaseRef: EntityRefInput): Promise<KpiSourceStatus>;
  /**
   * Runs a use case's KPI bindings now (one KPI's, or a binding to try for
   * it) and says what each would record, or the source's error. Stores
   * nothing.
   */
  dryRunKpiSource(request: KpiSourceDryRunRequest): Promise<KpiSourceDryRun>;
  /** An MLUseCase's KPIs with their actuals in force, status and markers. */
  getUseCaseValue(useCaseRef: EntityRefInput): Promise<UseCaseValue>;
  /** Every ledger record of an MLUseCase's KPIs, corrections included. */
  getUseCaseValueHistory(
    useCaseRef: EntityRefInput,
  ): Promise<UseCaseValueHistory>;
  /** The address of a use case's KPI ledger as CSV; it needs the user's token. */
  valueHistoryCsvUrl(useCaseRef: EntityRefInput): Promise<string>;
  /** A use case's KPI ledger as CSV, fetched with the user's token. */
  getValueHistoryCsv(useCaseRef: EntityRefInput): Promise<Blob>;
  /**
   * Checks in an actual of a use case's KPI and answers with the use case's
   * value as it is now. Rejects with a 400 naming the field that is wrong, a
   * 403 when the caller is neither its sponsor nor in its owning group, and a
   * 409 when the record it corrects is no longer in force.
   */
  recordKpiActual(
    useCaseRef: EntityRefInput,
    input: KpiActualInput,
  ): Promise<UseCaseValue>;
  /** The value of every use case the caller may read, most urgent first. */
  getValueOverview(): Promise<ValueOverview>;
  /**
   * The signed-in person's home: the use cases they sponsor or own, the gates
   * waiting for their sign-off, the check-ins due and the value at risk.
   * Rejects with a 403 for a service token.
   */
  getSponsorHome(): Promise<SponsorHome>;
  /**
   * The adoption diagnostic of the organisation, or of a team and its
   * sub-teams: the seven questions with their indicators, verdicts,
   * evidence, trend and next step, and the delivery metrics of models,
   * computed over the entities the caller may read. A team's carries its
   * own answers and whether the caller may record them.
   */
  getDiagnostic(query?: DiagnosticQuery): Promise<AdoptionDiagnostic>;
  /** The address of a diagnostic as CSV; it needs the user's token. */
  diagnosticCsvUrl(query?: DiagnosticQuery): Promise<string>;
  /** A diagnostic as CSV, fetched with the user's token. */
  getDiagnosticCsv(query?: DiagnosticQuery): Promise<Blob>;
  /**
   * Records a team's own answer to a question of the diagnostic and answers
   * with the team's latest answers. Rejects with a 400 naming the field
   * that is wrong and a 403 when the caller is not a member of the team's
   * group or of a group above it.
   */
  recordDiagnosticAnswer(
    team: EntityRefInput,
    request: DiagnosticAnswerRequest,
  ): Promise<DiagnosticTeamAnswers>;
  /**
   * The ML entities the catalog rejected, with the field-level problems it
   * recorded and the file and lines they are in: every one for whoever may
   * read the catalog's unprocessed entities, else the caller's own. Rejects
   * with a 503 when the backend lacks the catalog's unprocessed-entities
   * module.
   */
  getRejectedEntities(query?: RejectedEntitiesQuery): Promise<RejectedEntities>;
}

/** The {@link MlopsApi}. @public */
export const mlopsApiRef = createApiRef<MlopsApi>({ id: 'plugin.mlops.api' });

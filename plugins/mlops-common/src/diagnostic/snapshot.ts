import type { Entity } from '@backstage/catalog-model';
import type { CheckResult } from '../checks/types';
import type { MaturityLevel } from '../framework/levels';
import type { DriftState } from '../drift/health';
import type { GateEvent } from '../gates/events';
import type { GateSignOffRules, RiskTier } from '../gates/signOff';
import type {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
  MlopsEntity,
} from '../kinds/types';
import type { KpiStatus } from '../value/status';
import type { ProductionChange } from './delivery';
import { entityRefOnce, specRefsView } from './entityRefs';
import type { GateProgressSummary } from './gateProgress';

/** A group of the catalog as the diagnostic sees it. @public */
export type DiagnosticGroup = {
  /** Lower-case reference, e.g. `group:default/retention-analytics`. */
  ref: string;
  title: string;
  /** The users that are members of the group (lower-case references). */
  members: string[];
};

/** A catalog entity an ML entity points to (a dataset, a serving component), as the diagnostic sees it. @public */
export type DiagnosticCatalogEntry = {
  /** Lower-case reference. */
  ref: string;
  /** `spec.type`, e.g. `dataset` or `service`. */
  type?: string;
  /** `spec.owner` as a lower-case reference; absent when the entity names none. */
  ownerRef?: string;
};

/** An ML entity's stored scorecard: its level and the results of its checks. @public */
export type DiagnosticScorecard = {
  entityRef: string;
  level: MaturityLevel;
  results: readonly Pick<CheckResult, 'checkId' | 'outcome'>[];
};

/** A change of a monitor's drift state, as the drift store records it. @public */
export type DiagnosticDriftTransition = {
  monitorRef: string;
  from: DriftState;
  to: DriftState;
  at: Date;
};

/** A model's version and lifecycle from when the portal saw them (the model history). @public */
export type DiagnosticModelHistoryEntry = {
  modelRef: string;
  version: string | null;
  lifecycle: string;
  observedAt: Date;
};

/**
 * Everything the diagnostic is computed from, loaded once by the backend:
 * the ML entities in scope (only those the caller may read), the catalog
 * around them, and the stored facts of the other features. Plain data; no
 * I/O happens while the diagnostic is computed.
 * @public
 */
export type DiagnosticSnapshot = {
  /** The moment the diagnostic is computed for. */
  now: Date;
  /** The window, in days back from `now`, of the windowed indicators and the delivery metrics. */
  windowDays: number;
  useCases: readonly MLUseCaseEntityV1alpha1[];
  models: readonly MLModelEntityV1alpha1[];
  monitors: readonly MLMonitorEntityV1alpha1[];
  /** The groups of the catalog, with their members (for bus factor and team titles). */
  groups: readonly DiagnosticGroup[];
  /** The datasets and components the models point to that are in the catalog. */
  catalogEntries: readonly DiagnosticCatalogEntry[];
  /** The latest stored scorecard of each ML entity in scope. */
  scorecards: readonly DiagnosticScorecard[];
  /**
   * The gate events of the use cases and models in scope, oldest first, by
   * lower-case reference: at least of those without a summary in
   * `gateProgress`.
   */
  gateEvents: ReadonlyMap<string, readonly GateEvent[]>;
  /**
   * Gate events already folded ({@link gateProgressSummaryOf}), by
   * lower-case reference: each against the entity's current gate facts and
   * sign-off ({@link gateProgressSummaryHolds}). An entity's summary is
   * read instead of its events.
   */
  gateProgress?: ReadonlyMap<string, GateProgressSummary>;
  /** Who must sign each gate off, for every entity and by risk tier. */
  signOff: GateSignOffRules;
  /**
   * The risk tier of each use case and model in scope that has one (a
   * model: its use case's, also when the use case is out of scope), by
   * lower-case reference: it adds sign-offs to their gates.
   */
  riskTiers: ReadonlyMap<string, RiskTier>;
  /**
   * The drift transitions of the monitors in scope, any order: at least
   * those in the window and, of those before it, the one that opened each
   * alert still open at its start (the time to restore counts from there).
   */
  driftTransitions: readonly DiagnosticDriftTransition[];
  /** The status of each KPI of each use case in scope, by use-case reference. */
  kpiStatuses: ReadonlyMap<
    string,
    ReadonlyArray<{ id: string; status: KpiStatus }>
  >;
  /**
   * The new production versions of the models in scope
   * ({@link productionChanges} of their model history), at least those
   * from the window's start on, any order.
   */
  productionChanges: readonly ProductionChange[];
  /** The models in scope that have a model history (lower-case references). */
  modelsWithHistory: ReadonlySet<string>;
  /** When the model history began (its first entry for any model): what came before it is not a change. */
  modelHistorySince?: Date;
  /** When a model's `model.acceptance-criteria-met` check turned `failed`, from the scorecard history. */
  acceptanceFailures: ReadonlyArray<{ modelRef: string; at: Date }>;
  /**
   * When the portal first saw each use case (its first stored scorecard);
   * the lead time starts at the earlier of this and the first gate event.
   */
  firstSeen: ReadonlyMap<string, Date>;
};

/** The lower-case reference of an entity. @public */
export function diagnosticRefOf(entity: Entity): string {
  return entityRefOnce(entity);
}

/** The lower-case references an ML entity's spec field points to (`owner`, `useCase`, `dependsOn`, …). @public */
export function specRefsOf(entity: MlopsEntity, path: string): string[] {
  // A copy: callers may sort or extend what they are given.
  return [...specRefsView(entity, path)];
}

/** The owner of an ML entity (`spec.owner`) as a lower-case reference. @public */
export function ownerOfMlopsEntity(entity: MlopsEntity): string | undefined {
  return specRefsView(entity, 'owner')[0];
}

import type {
  FrameworkStageId,
  GatedKind,
  GateState,
  MlopsKind,
  MonitorHealth,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { MonitorStateRow } from '../drift/DriftStore';
import type { ScorecardSummary } from '../scorecards/ScorecardStore';
import type { CurrentKpi } from '../value/view';

/** What the metrics read of the portal's state, loaded at once. */
export interface PortalState {
  /** Every monitor's evaluated state, with its health document. */
  monitors: readonly MonitorStateRow[];
  /** Every ML entity's latest scorecard (its check results feed the gates). */
  scorecards: readonly ScorecardSummary[];
  /** The gates of every use case and model, in their current states. */
  gates: ReadonlyArray<{
    entityRef: string;
    kind: GatedKind;
    states: Readonly<Record<FrameworkStageId, GateState>>;
  }>;
  /** Where each use case's KPIs stand. */
  kpis: ReadonlyArray<{ useCaseRef: string; kpis: readonly CurrentKpi[] }>;
}

/**
 * One sample of a gauge. Every label value is an entity reference or a
 * name the catalog declares (a feature, a KPI id) or one of a closed set
 * (a state, a kind, a stage, a statistic): never free text.
 */
export interface Observation {
  value: number;
  attributes: Record<string, string>;
}

/** A gauge the plugin exports, and how its samples follow from the state. */
export interface PortalMetric {
  name: string;
  description: string;
  observe(state: PortalState): Observation[];
}

function featuresOf(row: MonitorStateRow): MonitorHealth['features'] {
  const features = (row.health as Partial<MonitorHealth>).features;
  return Array.isArray(features) ? features : [];
}

function monitorFeatures(state: PortalState) {
  return state.monitors.flatMap(row =>
    featuresOf(row).map(feature => ({ monitor: row.monitorRef, feature })),
  );
}

/**
 * The portal's state as gauges, named `mlops_*` with snake_case labels (see
 * "Metrics exported" in docs/prometheus.md). A state is exported as one
 * series per entity labelled with the current state and valued 1, so
 * `mlops_monitor_state{state="alert"}` selects the monitors in alert and a
 * change of state ends one series and starts another.
 */
export const PORTAL_METRICS: readonly PortalMetric[] = [
  {
    name: 'mlops_monitor_state',
    description:
      'A model monitor in its current drift state (healthy, warning, alert, stale, no-data): 1 per monitor',
    observe: state =>
      state.monitors.map(row => ({
        value: 1,
        attributes: {
          monitor: row.monitorRef,
          ...(row.modelRef ? { model: row.modelRef } : {}),
          state: row.state,
        },
      })),
  },
  {
    name: 'mlops_monitor_drifted_features',
    description:
      "The number of a monitor's features in warning or alert at its last evaluation",
    observe: state =>
      state.monitors.map(row => ({
        value: featuresOf(row).filter(
          f => f.state === 'warning' || f.state === 'alert',
        ).length,
        attributes: { monitor: row.monitorRef },
      })),
  },
  {
    name: 'mlops_feature_statistic',
    description:
      "The latest value of a monitored feature's drift statistic (or performance metric), as evaluated against its thresholds",
    observe: state =>
      monitorFeatures(state).flatMap(({ monitor, feature }) =>
        feature.value === null
          ? []
          : [
              {
                value: feature.value,
                attributes: {
                  monitor,
                  feature: feature.name,
                  statistic: feature.statistic,
                },
              },
            ],
      ),
  },
  {
    name: 'mlops_feature_p_value',
    description:
      "The p-value of a monitored feature's latest statistical test, where the statistic has one",
    observe: state =>
      monitorFeatures(state).flatMap(({ monitor, feature }) =>
        typeof feature.pValue === 'number'
          ? [
              {
                value: feature.pValue,
                attributes: {
                  monitor,
                  feature: feature.name,
                  statistic: feature.statistic,
                },
              },
            ]
          : [],
      ),
  },
  {
    name: 'mlops_feature_state',
    description:
      'A monitored feature in its current drift state against its thresholds: 1 per feature',
    observe: state =>
      monitorFeatures(state).map(({ monitor, feature }) => ({
        value: 1,
        attributes: { monitor, feature: feature.name, state: feature.state },
      })),
  },
  {
    name: 'mlops_maturity_level',
    description:
      "An ML entity's MLOps maturity level (0-4) at its latest evaluation",
    observe: state =>
      state.scorecards.map(s => ({
        value: s.level,
        attributes: { entity: s.entityRef, kind: s.kind as MlopsKind },
      })),
  },
  {
    name: 'mlops_maturity_score',
    description:
      "An ML entity's maturity score (0-100): its applicable checks that pass, a warning counting half",
    observe: state =>
      state.scorecards.map(s => ({
        value: s.score,
        attributes: { entity: s.entityRef, kind: s.kind as MlopsKind },
      })),
  },
  {
    name: 'mlops_gate_state',
    description:
      'A stage gate of a use case or model in its current state (not-started, ready-for-review, changes-requested, rejected, approved), as its tab shows it: 1 per gate',
    observe: state =>
      state.gates.flatMap(g =>
        (Object.keys(g.states) as FrameworkStageId[]).map(stage => ({
          value: 1,
          attributes: {
            entity: g.entityRef,
            kind: g.kind,
            stage,
            state: g.states[stage],
          },
        })),
      ),
  },
  {
    name: 'mlops_kpi_progress',
    description:
      "A use case's KPI: the share of the way from its baseline to its target that its latest actual covers (0 at the baseline, 1 at the target)",
    observe: state =>
      state.kpis.flatMap(({ useCaseRef, kpis }) =>
        kpis.flatMap(kpi =>
          kpi.progress === undefined
            ? []
            : [
                {
                  value: kpi.progress,
                  attributes: { use_case: useCaseRef, kpi: kpi.id },
                },
              ],
        ),
      ),
  },
  {
    name: 'mlops_kpi_actual',
    description:
      "A use case's KPI: its latest actual in force, in the KPI's unit",
    observe: state =>
      state.kpis.flatMap(({ useCaseRef, kpis }) =>
        kpis.flatMap(kpi =>
          kpi.latest
            ? [
                {
                  value: kpi.latest.value,
                  attributes: { use_case: useCaseRef, kpi: kpi.id },
                },
              ]
            : [],
        ),
      ),
  },
  {
    name: 'mlops_kpi_status',
    description:
      "A use case's KPI in its current status (on-track, at-risk, off-track, overdue, no-data): 1 per KPI",
    observe: state =>
      state.kpis.flatMap(({ useCaseRef, kpis }) =>
        kpis.map(kpi => ({
          value: 1,
          attributes: { use_case: useCaseRef, kpi: kpi.id, status: kpi.status },
        })),
      ),
  },
];

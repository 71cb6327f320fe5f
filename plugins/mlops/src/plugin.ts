import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { mlopsApiRef, MlopsClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The MLightenment frontend plugin for the legacy frontend system.
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  apis: [
    createApiFactory({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlopsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * MLUseCase card titled "Use case": problem statement, sponsor, lifecycle,
 * risk, explainability, governance and operational requirements.
 * @public
 */
export const EntityMLUseCaseCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLUseCaseCard',
    component: {
      lazy: () => import('./components').then(m => m.UseCaseOverviewCard),
    },
  }),
);

/**
 * MLUseCase card titled "Business drivers": driver, KPI, and baseline and
 * target in the KPI's unit.
 * @public
 */
export const EntityMLBusinessDriversCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLBusinessDriversCard',
    component: {
      lazy: () => import('./components').then(m => m.BusinessDriversCard),
    },
  }),
);

/**
 * MLUseCase card titled "Acceptance criteria": every criterion checked
 * against every model that implements the use case.
 * @public
 */
export const EntityMLAcceptanceCriteriaCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLAcceptanceCriteriaCard',
    component: {
      lazy: () => import('./components').then(m => m.AcceptanceCriteriaCard),
    },
  }),
);

/**
 * MLModel card titled "Model card": the model-card sections as Markdown, with
 * missing sections marked.
 * @public
 */
export const EntityMLModelCardCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelCardCard',
    component: {
      lazy: () => import('./components').then(m => m.ModelCardCard),
    },
  }),
);

/**
 * MLModel card titled "Model details": type, framework, version, lifecycle
 * and registry.
 * @public
 */
export const EntityMLModelDetailsCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelDetailsCard',
    component: {
      lazy: () => import('./components').then(m => m.ModelDetailsCard),
    },
  }),
);

/**
 * MLModel card titled "Metrics": the model's metrics against the acceptance
 * criteria of its use case.
 * @public
 */
export const EntityMLMetricsCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLMetricsCard',
    component: {
      lazy: () => import('./components').then(m => m.ModelMetricsCard),
    },
  }),
);

/**
 * MLModel card titled "Fairness": fairness results against their bounds.
 * @public
 */
export const EntityMLFairnessCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLFairnessCard',
    component: {
      lazy: () => import('./components').then(m => m.FairnessCard),
    },
  }),
);

/**
 * MLModel card titled "Lineage": use case, datasets, serving components and
 * monitors.
 * @public
 */
export const EntityMLLineageCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLLineageCard',
    component: {
      lazy: () => import('./components').then(m => m.LineageCard),
    },
  }),
);

/**
 * MLMonitor card titled "Monitor": type, cadence, model, runbook and alert
 * routing.
 * @public
 */
export const EntityMLMonitorCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLMonitorCard',
    component: {
      lazy: () => import('./components').then(m => m.MonitorCard),
    },
  }),
);

/**
 * MLMonitor card titled "Monitored features": each feature's statistic and
 * thresholds.
 * @public
 */
export const EntityMLMonitoredFeaturesCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLMonitoredFeaturesCard',
    component: {
      lazy: () => import('./components').then(m => m.MonitoredFeaturesCard),
    },
  }),
);

/**
 * Every MLUseCase card in one grid, for an entity page route or tab.
 * @public
 */
export const EntityMLUseCaseContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLUseCaseContent',
    component: {
      lazy: () => import('./components').then(m => m.UseCaseContent),
    },
  }),
);

/**
 * Every MLModel card in one grid, for an entity page route or tab.
 * @public
 */
export const EntityMLModelContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelContent',
    component: {
      lazy: () => import('./components').then(m => m.ModelContent),
    },
  }),
);

/**
 * Every MLMonitor card in one grid, for an entity page route or tab.
 * @public
 */
export const EntityMLMonitorContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLMonitorContent',
    component: {
      lazy: () => import('./components').then(m => m.MonitorContent),
    },
  }),
);

/**
 * Tab content titled "MLOps maturity" for MLUseCase, MLModel and MLMonitor
 * pages: the level on the ladder, the score, what the next level needs,
 * every check by framework stage, and the trend.
 * @public
 */
export const EntityMaturityContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityContent',
    component: {
      lazy: () => import('./maturity').then(m => m.MaturityContent),
    },
  }),
);

/**
 * Card titled "MLOps maturity" for the Overview tab of MLUseCase, MLModel and
 * MLMonitor pages: level, score and what the next level needs, linking to the
 * maturity tab.
 * @public
 */
export const EntityMaturityCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityCard',
    component: {
      lazy: () => import('./maturity').then(m => m.MaturityCard),
    },
  }),
);

/**
 * Tab content titled "MLOps maturity" for Group pages: the maturity of
 * everything the group and its child groups own, a leaderboard, the weakest
 * entities, the most improved and the biggest drops, and a CSV export.
 * @public
 */
export const EntityTeamMaturityContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamMaturityContent',
    component: {
      lazy: () => import('./maturity').then(m => m.TeamMaturityContent),
    },
  }),
);

/**
 * Tab content titled "MLOps diagnostic" for Group pages: the framework's
 * seven "do I need MLOps?" questions answered from the portal's data for the
 * group and its sub-teams — per question the measured verdict in words, what
 * data is missing, the indicators with their formulas and evidence, the
 * trend over 12 months, the next step and the team's own answer with a form
 * for its members — and the delivery metrics of models with their bands,
 * over 30, 90 or 365 days, with a CSV export.
 * @public
 */
export const EntityTeamDiagnosticContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamDiagnosticContent',
    component: {
      lazy: () => import('./diagnostic').then(m => m.EntityDiagnosticContent),
    },
  }),
);

/**
 * Tab content of one framework stage's gate for MLUseCase and MLModel pages
 * (`stage`: `strategy`, `prototyping` or `operationalisation`): the gate's
 * state, its criteria with their outcome or attestation, the stage's key
 * roles, who signs off and whether each has, the sign-off panel, and the
 * history of decisions with the audit trail as CSV and JSON.
 * @public
 */
export const EntityStageGateContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityStageGateContent',
    component: {
      lazy: () => import('./gates').then(m => m.StageGateContent),
    },
  }),
);

/**
 * Card titled "Drift health" for MLModel and MLMonitor pages: the overall
 * drift state, and per monitor the share of drifted features against the
 * dataset rule, the reference and current windows, and each feature the most
 * severe first with its method, latest value, thresholds and recent values.
 * @public
 */
export const EntityDriftHealthCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDriftHealthCard',
    component: {
      lazy: () => import('./drift').then(m => m.DriftHealthCard),
    },
  }),
);

/**
 * Card titled "Drift health" for MLUseCase pages: the drift state of each of
 * its models, the worst first.
 * @public
 */
export const EntityUseCaseDriftCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityUseCaseDriftCard',
    component: {
      lazy: () => import('./drift').then(m => m.UseCaseDriftCard),
    },
  }),
);

/**
 * Tab content for MLMonitor pages: the drift-health card, then each
 * feature's statistic over 30, 90 or 365 days against its warning and alert
 * thresholds.
 * @public
 */
export const EntityDriftContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDriftContent',
    component: {
      lazy: () => import('./drift').then(m => m.DriftContent),
    },
  }),
);

/**
 * Card titled "Business value" for MLUseCase pages, and for MLModel pages
 * with the KPIs of the use case the model serves: per KPI its status in
 * words, baseline, target and latest actual with the unit, the progress to
 * target ("50 % of the way to target"), any change of its definition, and
 * the trend with dashed baseline and target lines and markers for gate
 * approvals and drift alerts and recoveries. Without actuals it says how to
 * report one.
 * @public
 */
export const EntityValueCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityValueCard',
    component: {
      lazy: () => import('./value').then(m => m.ValueCard),
    },
  }),
);

/**
 * Tab content titled "Value" for MLUseCase pages: each KPI with its trend,
 * the check-in form for the sponsor and the owning group, and the history of
 * actuals with corrections and a CSV download.
 * @public
 */
export const EntityValueContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityValueContent',
    component: {
      lazy: () => import('./value').then(m => m.ValueContent),
    },
  }),
);

/**
 * Card titled "Rejected ML entities" for Group pages: the use cases, models
 * and monitors the group owns whose YAML the catalog rejected, each with the
 * problems the catalog recorded (the field and what is wrong), the file and
 * the lines they are in, and whether the catalog still serves a previous
 * version; says so when none is rejected.
 * @public
 */
export const EntityRejectedEntitiesCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityRejectedEntitiesCard',
    component: {
      lazy: () => import('./rejected').then(m => m.RejectedEntitiesCard),
    },
  }),
);

/**
 * The organisation's MLOps maturity page: a summary, every team and the
 * biggest drops. Mount it at `/mlops`.
 * @public
 */
export const MlopsPage = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MlopsPage',
    component: () => import('./maturity').then(m => m.MlopsPage),
    mountPoint: rootRouteRef,
  }),
);

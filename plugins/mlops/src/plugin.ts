import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The MLightenment frontend plugin for the legacy frontend system.
 * @public
 */
export const mlopsPlugin = createPlugin({ id: 'mlops' });

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
 * MLUseCase card titled "Business drivers": driver, KPI, baseline, target, unit.
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

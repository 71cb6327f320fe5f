/**
 * The MLightenment frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { MLOPS_API_VERSION } from '@mlightenment/backstage-plugin-mlops-common';

// Entity predicates rather than functions, so that an app can override them
// in app-config like any other filter.
const useCases = { apiVersion: MLOPS_API_VERSION, kind: 'MLUseCase' };
const models = { apiVersion: MLOPS_API_VERSION, kind: 'MLModel' };
const monitors = { apiVersion: MLOPS_API_VERSION, kind: 'MLMonitor' };

/** Card "Use case" on MLUseCase overview pages. */
const mlUseCaseEntityCard = EntityCardBlueprint.make({
  name: 'use-case',
  params: {
    type: 'content',
    filter: useCases,
    loader: () =>
      import('./components/useCase').then(m => <m.UseCaseOverviewCard />),
  },
});

/** Card "Business drivers" on MLUseCase overview pages. */
const mlBusinessDriversEntityCard = EntityCardBlueprint.make({
  name: 'business-drivers',
  params: {
    type: 'content',
    filter: useCases,
    loader: () =>
      import('./components/useCase').then(m => <m.BusinessDriversCard />),
  },
});

/** Card "Acceptance criteria" on MLUseCase overview pages. */
const mlAcceptanceCriteriaEntityCard = EntityCardBlueprint.make({
  name: 'acceptance-criteria',
  params: {
    type: 'content',
    filter: useCases,
    loader: () =>
      import('./components/useCase').then(m => <m.AcceptanceCriteriaCard />),
  },
});

/** Card "Model details" in the info column of MLModel overview pages. */
const mlModelDetailsEntityCard = EntityCardBlueprint.make({
  name: 'model-details',
  params: {
    type: 'info',
    filter: models,
    loader: () =>
      import('./components/model').then(m => <m.ModelDetailsCard />),
  },
});

/** Card "Lineage" in the info column of MLModel overview pages. */
const mlLineageEntityCard = EntityCardBlueprint.make({
  name: 'lineage',
  params: {
    type: 'info',
    filter: models,
    loader: () => import('./components/model').then(m => <m.LineageCard />),
  },
});

/** Card "Metrics" on MLModel overview pages. */
const mlMetricsEntityCard = EntityCardBlueprint.make({
  name: 'metrics',
  params: {
    type: 'content',
    filter: models,
    loader: () =>
      import('./components/model').then(m => <m.ModelMetricsCard />),
  },
});

/** Card "Fairness" on MLModel overview pages. */
const mlFairnessEntityCard = EntityCardBlueprint.make({
  name: 'fairness',
  params: {
    type: 'content',
    filter: models,
    loader: () => import('./components/model').then(m => <m.FairnessCard />),
  },
});

/** Card "Model card" on MLModel overview pages. */
const mlModelCardEntityCard = EntityCardBlueprint.make({
  name: 'model-card',
  params: {
    type: 'content',
    filter: models,
    loader: () => import('./components/model').then(m => <m.ModelCardCard />),
  },
});

/** Card "Monitor" in the info column of MLMonitor overview pages. */
const mlMonitorEntityCard = EntityCardBlueprint.make({
  name: 'monitor',
  params: {
    type: 'info',
    filter: monitors,
    loader: () => import('./components/monitor').then(m => <m.MonitorCard />),
  },
});

/** Card "Monitored features" on MLMonitor overview pages. */
const mlMonitoredFeaturesEntityCard = EntityCardBlueprint.make({
  name: 'monitored-features',
  params: {
    type: 'content',
    filter: monitors,
    loader: () =>
      import('./components/monitor').then(m => <m.MonitoredFeaturesCard />),
  },
});

/** Tab "ML use case" at `/ml` of MLUseCase pages: every use-case card. */
const mlUseCaseEntityContent = EntityContentBlueprint.make({
  name: 'use-case',
  params: {
    path: '/ml',
    title: 'ML use case',
    filter: useCases,
    loader: () =>
      import('./components/useCase').then(m => <m.UseCaseContent />),
  },
});

/** Tab "ML model" at `/ml` of MLModel pages: every model card. */
const mlModelEntityContent = EntityContentBlueprint.make({
  name: 'model',
  params: {
    path: '/ml',
    title: 'ML model',
    filter: models,
    loader: () => import('./components/model').then(m => <m.ModelContent />),
  },
});

/** Tab "ML monitor" at `/ml` of MLMonitor pages: every monitor card. */
const mlMonitorEntityContent = EntityContentBlueprint.make({
  name: 'monitor',
  params: {
    path: '/ml',
    title: 'ML monitor',
    filter: monitors,
    loader: () =>
      import('./components/monitor').then(m => <m.MonitorContent />),
  },
});

/**
 * The MLightenment frontend plugin: entity cards and an `/ml` tab for the
 * MLUseCase, MLModel and MLMonitor kinds.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mlops',
  title: 'MLOps',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    mlUseCaseEntityCard,
    mlBusinessDriversEntityCard,
    mlAcceptanceCriteriaEntityCard,
    mlModelDetailsEntityCard,
    mlLineageEntityCard,
    mlMetricsEntityCard,
    mlFairnessEntityCard,
    mlModelCardEntityCard,
    mlMonitorEntityCard,
    mlMonitoredFeaturesEntityCard,
    mlUseCaseEntityContent,
    mlModelEntityContent,
    mlMonitorEntityContent,
  ],
});

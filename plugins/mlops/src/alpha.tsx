/**
 * The MLightenment frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

import AssessmentIcon from '@material-ui/icons/Assessment';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  FRAMEWORK_STAGES,
  FrameworkStageId,
  MLOPS_API_VERSION,
  MLOPS_KINDS,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef, MlopsClient } from './api';
import { gateTabPath } from './routes';
import { stageTabTitle } from './gates/format';

// Entity predicates rather than functions, so that an app can override them
// in app-config like any other filter.
const useCases = { apiVersion: MLOPS_API_VERSION, kind: 'MLUseCase' };
const models = { apiVersion: MLOPS_API_VERSION, kind: 'MLModel' };
const monitors = { apiVersion: MLOPS_API_VERSION, kind: 'MLMonitor' };
const mlEntities = {
  apiVersion: MLOPS_API_VERSION,
  kind: { $in: [...MLOPS_KINDS] },
};
const groups = { kind: 'group' };
const gatedEntities = {
  apiVersion: MLOPS_API_VERSION,
  kind: { $in: ['MLUseCase', 'MLModel'] },
};

/** The client of the mlops backend. */
const mlopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlopsClient(deps),
    }),
});

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

/**
 * Tab "ML use case" at `/ml` of MLUseCase pages: every use-case card. In the
 * Overview group (a menu on the Overview tab), since it shows what the
 * Overview shows, in a fixed arrangement: one tab fewer in the tab bar.
 */
const mlUseCaseEntityContent = EntityContentBlueprint.make({
  name: 'use-case',
  params: {
    path: '/ml',
    title: 'ML use case',
    group: 'overview',
    filter: useCases,
    loader: () =>
      import('./components/useCase').then(m => <m.UseCaseContent />),
  },
});

/** Tab "ML model" at `/ml` of MLModel pages, in the Overview group: every model card. */
const mlModelEntityContent = EntityContentBlueprint.make({
  name: 'model',
  params: {
    path: '/ml',
    title: 'ML model',
    group: 'overview',
    filter: models,
    loader: () => import('./components/model').then(m => <m.ModelContent />),
  },
});

/** Tab "ML monitor" at `/ml` of MLMonitor pages, in the Overview group: every monitor card. */
const mlMonitorEntityContent = EntityContentBlueprint.make({
  name: 'monitor',
  params: {
    path: '/ml',
    title: 'ML monitor',
    group: 'overview',
    filter: monitors,
    loader: () =>
      import('./components/monitor').then(m => <m.MonitorContent />),
  },
});

/** Card "MLOps maturity" in the info column of every ML entity's overview. */
const mlMaturityEntityCard = EntityCardBlueprint.make({
  name: 'maturity',
  params: {
    type: 'info',
    filter: mlEntities,
    loader: () => import('./maturity').then(m => <m.MaturityCard />),
  },
});

/**
 * Tab "Maturity" at `/maturity` of every ML entity: the scorecard. Short, so
 * that the tab bar of a use case (seven tabs) fits beside the sidebar at
 * 1024 px; the tab's heading says "MLOps maturity".
 */
const mlMaturityEntityContent = EntityContentBlueprint.make({
  name: 'maturity',
  params: {
    path: '/maturity',
    title: 'Maturity',
    filter: mlEntities,
    loader: () => import('./maturity').then(m => <m.MaturityContent />),
  },
});

/** Tab "MLOps maturity" at `/mlops-maturity` of Group pages: the team view. */
const mlTeamMaturityEntityContent = EntityContentBlueprint.make({
  name: 'team-maturity',
  params: {
    path: '/mlops-maturity',
    title: 'MLOps maturity',
    filter: groups,
    loader: () => import('./maturity').then(m => <m.TeamMaturityContent />),
  },
});

/** Tab "MLOps diagnostic" at `/mlops-diagnostic` of Group pages: the adoption diagnostic of the team and its sub-teams. */
const mlTeamDiagnosticEntityContent = EntityContentBlueprint.make({
  name: 'team-diagnostic',
  params: {
    path: '/mlops-diagnostic',
    title: 'MLOps diagnostic',
    filter: groups,
    loader: () =>
      import('./diagnostic').then(m => <m.EntityDiagnosticContent />),
  },
});

/**
 * Tab of one framework stage's gate on MLUseCase and MLModel pages, at
 * `/gate-<stage id>`: criteria, who signs off, the sign-off panel, history.
 */
function stageGateEntityContent(stage: FrameworkStageId) {
  return EntityContentBlueprint.make({
    name: `gate-${stage}`,
    params: {
      path: gateTabPath(stage),
      title: stageTabTitle(stage),
      filter: gatedEntities,
      loader: () =>
        import('./gates').then(m => <m.StageGateContent stage={stage} />),
    },
  });
}

/** Tabs "Stage 1 · Strategy", "Stage 2 · Prototyping", "Stage 3 · Operationalisation": the three stage gates. */
const mlStageGateEntityContents = FRAMEWORK_STAGES.map(stage =>
  stageGateEntityContent(stage.id),
);

const driftEntities = {
  apiVersion: MLOPS_API_VERSION,
  kind: { $in: ['MLModel', 'MLMonitor'] },
};

/** Card "Drift health" on MLModel and MLMonitor overview pages. */
const mlDriftHealthEntityCard = EntityCardBlueprint.make({
  name: 'drift-health',
  params: {
    type: 'content',
    filter: driftEntities,
    loader: () => import('./drift').then(m => <m.DriftHealthCard />),
  },
});

/** Card "Drift health" in the info column of MLUseCase overview pages. */
const mlUseCaseDriftEntityCard = EntityCardBlueprint.make({
  name: 'use-case-drift',
  params: {
    type: 'info',
    filter: useCases,
    loader: () => import('./drift').then(m => <m.UseCaseDriftCard />),
  },
});

/** Tab "Drift" at `/drift` of MLMonitor pages: health and time series. */
const mlDriftEntityContent = EntityContentBlueprint.make({
  name: 'drift',
  params: {
    path: '/drift',
    title: 'Drift',
    filter: monitors,
    loader: () => import('./drift').then(m => <m.DriftContent />),
  },
});

const valueEntities = {
  apiVersion: MLOPS_API_VERSION,
  kind: { $in: ['MLUseCase', 'MLModel'] },
};

/**
 * Card "Business value" on MLUseCase overview pages, and on MLModel overview
 * pages with the KPIs of the use case the model serves.
 */
const mlValueEntityCard = EntityCardBlueprint.make({
  name: 'value',
  params: {
    type: 'content',
    filter: valueEntities,
    loader: () => import('./value').then(m => <m.ValueCard />),
  },
});

/** Tab "Value" at `/value` of MLUseCase pages: KPIs, check-in, history. */
const mlValueEntityContent = EntityContentBlueprint.make({
  name: 'value',
  params: {
    path: '/value',
    title: 'Value',
    filter: useCases,
    loader: () => import('./value').then(m => <m.ValueContent />),
  },
});

/**
 * Card "Rejected ML entities" on Group overview pages: what the group owns
 * that the catalog rejected, with the problems and where they are.
 */
const mlRejectedEntitiesEntityCard = EntityCardBlueprint.make({
  name: 'rejected-entities',
  params: {
    type: 'content',
    filter: groups,
    loader: () => import('./rejected').then(m => <m.RejectedEntitiesCard />),
  },
});

const rootRouteRef = createRouteRef();

/** Page "MLOps" at `/mlops`: maturity across the organisation; also a nav item. */
const mlopsPage = PageBlueprint.make({
  params: {
    path: '/mlops',
    title: 'MLOps',
    icon: <AssessmentIcon />,
    routeRef: rootRouteRef,
    // The page lays itself out in Backstage's Page, Header and Content, as in
    // the legacy system: one main landmark, its h1, the content's padding.
    noHeader: true,
    loader: () => import('./maturity').then(m => <m.MlopsPage />),
  },
});

/**
 * The MLightenment frontend plugin: entity cards and an `/ml` tab for the
 * MLUseCase, MLModel and MLMonitor kinds, their MLOps maturity tab and card,
 * a team maturity tab on groups, a tab per stage gate on use cases and
 * models, the business value of use cases (a card, also on their models, and
 * a Value tab with the check-in), an adoption diagnostic tab on groups, the
 * rejected ML entities of a group on its page, and the `/mlops` page with
 * the organisation's adoption diagnostic and rejected ML entities.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mlops',
  title: 'MLOps',
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    mlopsApi,
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
    mlMaturityEntityCard,
    mlMaturityEntityContent,
    mlTeamMaturityEntityContent,
    mlTeamDiagnosticEntityContent,
    mlDriftHealthEntityCard,
    mlUseCaseDriftEntityCard,
    mlDriftEntityContent,
    mlValueEntityCard,
    mlValueEntityContent,
    mlRejectedEntitiesEntityCard,
    ...mlStageGateEntityContents,
    mlopsPage,
  ],
});

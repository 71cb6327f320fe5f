import {
  modelCardComplete,
  modelCardCore,
  modelDatasetsDeclared,
  modelDriftAndPerformanceMonitored,
  modelFairnessWithinBounds,
  modelMeetsAcceptanceCriteria,
  modelMlTestScore,
  modelMonitoredWithAlerts,
  modelOperationalisationApproved,
  modelRegistered,
  modelServedWithCi,
  modelUseCaseInCatalog,
  modelVersionDeclared,
  monitorAlertRouting,
  monitorCadenceDeclared,
  monitorModelInCatalog,
  monitorNoUnresolvedAlert,
  monitorReportsFreshData,
  modelMonitorsReportFreshData,
  modelNoUnresolvedDriftAlert,
  monitorOwnerInCatalog,
  monitorRunbookLinked,
  monitorThresholdsOrdered,
  useCaseAcceptanceCriteriaDefined,
  useCaseAcceptedModelInProduction,
  useCaseBusinessDriversMeasurable,
  useCaseValueOnTrack,
  useCaseValueReported,
  useCaseExplainabilityPlanned,
  useCaseGovernanceReviewed,
  useCaseOperationalCriterionDefined,
  useCaseOwnerInCatalog,
  useCaseRiskAssessed,
  useCaseSponsorNamed,
} from '../checks/builtIn';
import type { CheckDefinition } from '../checks/types';
import { DEFAULT_MATURITY_LEVELS } from '../framework/levels';
import type { Rubric } from './rubric';

/**
 * The checks of the default rubric, grouped by stage (strategy, prototyping,
 * operationalisation), then by level. Every check is documented in
 * `docs/maturity.md` under a heading of its id.
 * @public
 */
export const DEFAULT_MATURITY_CHECKS: readonly CheckDefinition[] = [
  // Stage 1: AI strategy, use case and operating model
  useCaseOwnerInCatalog,
  useCaseSponsorNamed,
  useCaseBusinessDriversMeasurable,
  useCaseAcceptanceCriteriaDefined,
  modelUseCaseInCatalog,
  useCaseOperationalCriterionDefined,
  useCaseExplainabilityPlanned,
  useCaseRiskAssessed,
  useCaseGovernanceReviewed,
  // Stage 2: rapid prototyping and model building
  modelVersionDeclared,
  modelCardCore,
  modelRegistered,
  modelMeetsAcceptanceCriteria,
  modelFairnessWithinBounds,
  modelDatasetsDeclared,
  modelCardComplete,
  // Stage 3: ML engineering and operationalisation
  monitorModelInCatalog,
  monitorOwnerInCatalog,
  monitorThresholdsOrdered,
  monitorAlertRouting,
  useCaseAcceptedModelInProduction,
  modelServedWithCi,
  modelMonitoredWithAlerts,
  monitorRunbookLinked,
  monitorCadenceDeclared,
  modelDriftAndPerformanceMonitored,
  modelMlTestScore,
  modelOperationalisationApproved,
  monitorReportsFreshData,
  monitorNoUnresolvedAlert,
  modelMonitorsReportFreshData,
  modelNoUnresolvedDriftAlert,
  useCaseValueReported,
  useCaseValueOnTrack,
];

/** The default "MLOps maturity" rubric. @public */
export const defaultMaturityRubric: Rubric = {
  id: 'mlops-maturity',
  title: 'MLOps maturity',
  levels: DEFAULT_MATURITY_LEVELS,
  checks: DEFAULT_MATURITY_CHECKS,
};

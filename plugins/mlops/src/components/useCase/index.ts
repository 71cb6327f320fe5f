export { UseCaseOverviewCard } from './UseCaseOverviewCard';
export { BusinessDriversCard } from './BusinessDriversCard';
export { AcceptanceCriteriaCard } from './AcceptanceCriteriaCard';
export { UseCaseContent } from './UseCaseContent';

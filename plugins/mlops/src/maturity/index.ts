export { MaturityContent } from './MaturityContent';
export type { MaturityContentProps } from './MaturityContent';
export { MaturityCard } from './MaturityCard';
export type { MaturityCardProps } from './MaturityCard';
export { TeamMaturityContent } from './TeamMaturityContent';
export { MlopsOverview, MlopsPage } from './MlopsOverview';

export { ModelCardCard } from './ModelCardCard';
export { ModelDetailsCard } from './ModelDetailsCard';
export { ModelMetricsCard } from './ModelMetricsCard';
export { FairnessCard } from './FairnessCard';
export { LineageCard } from './LineageCard';
export { ModelContent } from './ModelContent';

export { setUpMetrics } from './setUpMetrics';

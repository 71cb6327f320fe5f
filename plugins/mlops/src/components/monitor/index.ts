export { MonitorCard } from './MonitorCard';
export { MonitoredFeaturesCard } from './MonitoredFeaturesCard';
export { MonitorContent } from './MonitorContent';

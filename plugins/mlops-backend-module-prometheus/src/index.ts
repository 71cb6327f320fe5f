/**
 * Prometheus module of the MLightenment backend: drift observations and KPI
 * actuals pulled from Prometheus for the monitors and use cases bound to it.
 *
 * @packageDocumentation
 */
export { mlopsModulePrometheus as default } from './module';

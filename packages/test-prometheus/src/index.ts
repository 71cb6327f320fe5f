export {
  freePort,
  startTestPrometheus,
  type TestPrometheus,
  type TestPrometheusOptions,
} from './prometheusServer';

// Loaded before the backend (`--require`, see the root package.json's start
// script): the OpenTelemetry metrics SDK with a Prometheus exporter, so the
// metrics that plugins write through Backstage's metrics service, the MLOps
// backend's portal state among them (docs/prometheus.md, "Metrics
// exported"), can be scraped at http://127.0.0.1:9464/metrics. The demo's
// Prometheus (scripts/demo-prometheus.sh) scrapes it.
const { isMainThread } = require('node:worker_threads');

// Once per process, not again in worker threads.
if (isMainThread) {
  const { metrics } = require('@opentelemetry/api');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');

  const port = Number(process.env.MLOPS_METRICS_PORT ?? 9464);
  const exporter = new PrometheusExporter(
    { host: '127.0.0.1', port },
    error => {
      if (error) {
        // The portal runs on without its metrics endpoint.
        console.warn(
          `Metrics not served on 127.0.0.1:${port}: ${error.message}`,
        );
      }
    },
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}

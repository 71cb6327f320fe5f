#!/usr/bin/env bash
# The demo's Prometheus, on 127.0.0.1:9091: two weeks of the store demand
# forecasts' accuracy, backfilled with promtool from the OpenMetrics fixture
# scripts/demo-prometheus/history.om.txt (shifted so that it ends an hour
# ago), which the Prometheus module imports for the monitor
# store-demand-forecast-accuracy; and a scrape of the portal's own metrics
# (http://127.0.0.1:9464/metrics, docs/prometheus.md "Metrics exported").
# Uses Debian's prometheus package; without it, says how to get it and exits.
# scripts/start-demo.sh runs it beside the portal; it runs until stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMETHEUS="${PROMETHEUS_PATH:-/usr/bin/prometheus}"
PROMTOOL="$(dirname "$PROMETHEUS")/promtool"
if [ ! -x "$PROMETHEUS" ] || [ ! -x "$PROMTOOL" ]; then
  echo "demo: no Prometheus, so store-demand-forecast-accuracy gets no data; to see it fed from Prometheus: apt-get install prometheus, then ./run start" >&2
  exit 0
fi
dir=packages/backend/.demo/prometheus
rm -rf "$dir"
mkdir -p "$dir/data"
# The fixture ends at 2026-01-01T00:00:00Z; move it to end at the last full
# hour before now, an hour back.
end=$(( $(date +%s) / 3600 * 3600 - 3600 ))
awk -v shift=$(( end - 1767225600 )) \
  '/^#/ { print; next } { $NF = $NF + shift; print }' \
  scripts/demo-prometheus/history.om.txt >"$dir/history.om.txt"
"$PROMTOOL" tsdb create-blocks-from openmetrics --max-block-duration=384h --quiet \
  "$dir/history.om.txt" "$dir/data"
cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: backstage
    static_configs: [{ targets: ['127.0.0.1:${MLOPS_METRICS_PORT:-9464}'] }]
YAML
exec "$PROMETHEUS" \
  --config.file="$dir/prometheus.yml" \
  --storage.tsdb.path="$dir/data" \
  --storage.tsdb.retention.time=30d \
  --web.listen-address=127.0.0.1:9091 \
  --log.level=warn

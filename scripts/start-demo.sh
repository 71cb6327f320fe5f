#!/usr/bin/env bash
# Starts the demo portal (frontend :3000, backend :7007) and, beside it, the
# demo's CI pipeline, which pushes check results through the backend's API
# once the catalog is ready (scripts/demo-pipeline.mjs), the stage-gate
# decisions of the demo users (scripts/demo-gates.mjs), weeks of drift
# history for the demo monitors (scripts/demo-drift.mjs), twelve months of
# KPI actuals for the demo use cases (scripts/demo-value.mjs) and, where
# Debian's prometheus package is installed, the demo's Prometheus
# (scripts/demo-prometheus.sh), which feeds one monitor and scrapes the
# portal's metrics.
#
#   scripts/start-demo.sh                 the portal as `./run start` starts it
#   scripts/start-demo.sh --backend-only  the backend alone, which serves the
#                                         frontend's production build (the
#                                         end-to-end tests build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
# Writes the use case whose approval the demo invalidates, before the catalog
# and the pipeline read it.
node scripts/demo-gates.mjs --prepare
node scripts/demo-pipeline.mjs &
node scripts/demo-drift.mjs &
# The gates after the value: a use case's stage-3 gate needs its KPI actuals.
(node scripts/demo-value.mjs && node scripts/demo-gates.mjs && node scripts/demo-diagnostic.mjs) &
scripts/demo-prometheus.sh &
prometheus=$!
# Prometheus stops with the portal, also on Ctrl-C (a background job of a
# script ignores SIGINT).
trap 'kill $prometheus 2>/dev/null || true' EXIT
if [ "${1:-}" = --backend-only ]; then
  yarn start backend
else
  yarn start
fi

#!/usr/bin/env bash
# Starts the demo portal (frontend :3000, backend :7007) and, beside it, the
# demo's CI pipeline, which pushes check results through the backend's API
# once the catalog is ready (scripts/demo-pipeline.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/demo-pipeline.mjs &
exec yarn start

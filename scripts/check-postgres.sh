#!/usr/bin/env bash
# Starts the demo backend once on PostgreSQL (app-config.production.yaml) and
# checks that the demo catalog's ML entities are served from it: the catalog
# API answers with every MLUseCase, MLModel and MLMonitor of catalog/, and the
# catalog's final_entities table in PostgreSQL holds them. Then the demo
# pipeline pushes its check results, and every ML entity must have a
# scorecard, stored in the mlops plugin's PostgreSQL database; the demo's gate
# decisions (with an invalidation), drift observations and KPI actuals must be
# stored there too, the churn model's drift health must read alert and the
# churn-prevention use case's churn rate at risk.
# Expects scripts/env.sh and scripts/services.sh to have been sourced.
set -euo pipefail
cd "$(dirname "$0")/.."

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres
export POSTGRES_PASSWORD="${PG_PASSWORD:-postgres}"
log=$(mktemp)

# The use case whose approval scripts/demo-gates.mjs invalidates, written
# before the catalog first reads its location.
node scripts/demo-gates.mjs --prepare

# A backend still stopping (the end-to-end tests' portal) would answer for
# this one: wait until port 7007 is free.
for _ in $(seq 1 60); do
  curl -s -o /dev/null http://localhost:7007/ || break
  sleep 1
done
if curl -s -o /dev/null http://localhost:7007/; then
  echo "Another backend still listens on port 7007; stop it first." >&2
  exit 1
fi

# A clean catalog database, so that only this run's entities count.
for database in backstage_plugin_catalog backstage_plugin_mlops; do
  PGPASSWORD=$POSTGRES_PASSWORD psql -q -h 127.0.0.1 -U postgres \
    -c "drop database if exists $database" >/dev/null
done

(cd packages/backend && exec yarn start \
  --config ../../app-config.yaml --config ../../app-config.production.yaml) >"$log" 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null; pkill -P $backend 2>/dev/null; true' EXIT

# The demo catalog plus what scripts/demo-gates.mjs wrote for the catalog to read.
expected() {
  { cat catalog/*.yaml; cat packages/backend/.demo/*.yaml 2>/dev/null || true; } |
    grep -c "^kind: $1\$" || true
}
served() {
  curl -sf -H "authorization: Bearer $token" \
    "http://localhost:7007/api/catalog/entities/by-query?filter=kind=$1&limit=1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).totalItems))'
}

for _ in $(seq 1 180); do
  token=$(curl -sf http://localhost:7007/api/auth/guest/refresh |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))' 2>/dev/null) &&
    [ "$(served MLMonitor)" = "$(expected MLMonitor)" ] && break
  sleep 2
done

status=0
for kind in MLUseCase MLModel MLMonitor; do
  in_db=$(PGPASSWORD=$POSTGRES_PASSWORD psql -tA -h 127.0.0.1 -U postgres -d backstage_plugin_catalog \
    -c "select count(*) from final_entities f join refresh_state r using (entity_id) where r.entity_ref like '$(echo $kind | tr A-Z a-z):%' and f.final_entity is not null")
  api=$(served $kind || echo 0)
  echo "PostgreSQL check: $kind in catalog/ $(expected $kind), served by the API $api, in PostgreSQL $in_db"
  if [ "$api" != "$(expected $kind)" ] || [ "$in_db" != "$(expected $kind)" ]; then status=1; fi
done
# Scorecards: the demo pipeline pushes results and has every entity evaluated.
node scripts/demo-pipeline.mjs >/dev/null
ml_entities=$(($(expected MLUseCase) + $(expected MLModel) + $(expected MLMonitor)))
scored=$(curl -sf -H "authorization: Bearer demo-pipeline-token-not-for-production" \
  http://localhost:7007/api/mlops/teams |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).summary.entityCount))' || echo 0)
stored=$(PGPASSWORD=$POSTGRES_PASSWORD psql -tA -h 127.0.0.1 -U postgres -d backstage_plugin_mlops \
  -c "select count(*) from mlops_scorecards")
echo "PostgreSQL check: scorecards for $ml_entities ML entities: served $scored, in PostgreSQL $stored"
if [ "$scored" != "$ml_entities" ] || [ "$stored" != "$ml_entities" ]; then status=1; fi

# Stage gates, drift and value: the demo users' decisions (one approval
# invalidated by a catalog change), weeks of drift observations and twelve
# months of KPI actuals, through the API into the plugin's PostgreSQL tables.
# The value first: a use case's stage-3 gate needs its KPI actuals.
node scripts/demo-value.mjs >/dev/null || status=1
node scripts/demo-gates.mjs >/dev/null
node scripts/demo-drift.mjs >/dev/null
sql() {
  PGPASSWORD=$POSTGRES_PASSWORD psql -tA -h 127.0.0.1 -U postgres -d backstage_plugin_mlops -c "$1"
}
decisions=$(sql "select count(*) from mlops_gate_events where type = 'decision'")
invalidations=$(sql "select count(*) from mlops_gate_events where type = 'invalidation'")
observations=$(sql "select coalesce(sum(count), 0) from mlops_drift_observation_chunks")
churn_drift=$(curl -sf -H "authorization: Bearer demo-pipeline-token-not-for-production" \
  http://localhost:7007/api/mlops/drift/health/mlmodel/default/churn-gbm |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).state))' || echo none)
actuals=$(sql "select count(*) from mlops_value_actuals")
churn_value=$(curl -sf -H "authorization: Bearer demo-pipeline-token-not-for-production" \
  http://localhost:7007/api/mlops/value/default/churn-prevention |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).kpis.find(k=>k.id==="monthly-churn-rate").status))' || echo none)
echo "PostgreSQL check: gate decisions $decisions, invalidations $invalidations, drift observations $observations, churn-gbm drift $churn_drift, KPI actuals $actuals, churn rate $churn_value"
if [ "$decisions" -lt 1 ] || [ "$invalidations" -lt 1 ] || [ "$observations" -lt 1 ] || [ "$churn_drift" != alert ] ||
  [ "$actuals" -lt 1 ] || [ "$churn_value" != at-risk ]; then
  status=1
fi

if [ $status != 0 ]; then
  echo "The demo backend on PostgreSQL does not serve the demo catalog's ML entities, their scorecards, gate decisions, drift health or KPI actuals; its log:" >&2
  tail -50 "$log" >&2
fi
exit $status

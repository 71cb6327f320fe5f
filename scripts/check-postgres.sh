#!/usr/bin/env bash
# Starts the demo backend once on PostgreSQL (app-config.production.yaml) and
# checks that the demo catalog's ML entities are served from it: the catalog
# API answers with every MLUseCase, MLModel and MLMonitor of catalog/, and the
# catalog's final_entities table in PostgreSQL holds them.
# Expects scripts/env.sh and scripts/services.sh to have been sourced.
set -euo pipefail
cd "$(dirname "$0")/.."

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres
export POSTGRES_PASSWORD="${PG_PASSWORD:-postgres}"
log=$(mktemp)

# A clean catalog database, so that only this run's entities count.
PGPASSWORD=$POSTGRES_PASSWORD psql -q -h 127.0.0.1 -U postgres \
  -c 'drop database if exists backstage_plugin_catalog' >/dev/null

(cd packages/backend && exec yarn start \
  --config ../../app-config.yaml --config ../../app-config.production.yaml) >"$log" 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null; pkill -P $backend 2>/dev/null; true' EXIT

expected() { grep -h "^kind: $1\$" catalog/*.yaml | wc -l; }
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
if [ $status != 0 ]; then
  echo "The demo backend on PostgreSQL does not serve the demo catalog's ML entities; its log:" >&2
  tail -50 "$log" >&2
fi
exit $status

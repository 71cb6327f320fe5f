# Sourced by ./run test and .ci/run: makes sure the services the tests need are
# here and running: PostgreSQL 15 (for the PostgreSQL test databases),
# Debian's Chromium (for the end-to-end tests) and Debian's Prometheus (the
# Prometheus module's tests start it themselves). Installs them with apt-get
# where missing, which needs root, as on the CI machines.
PG_PASSWORD="${PG_PASSWORD:-postgres}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  echo "==> installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
    { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql/15/main ]; then
  apt_install postgresql-15
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main .*online'; then
  echo "==> starting PostgreSQL 15"
  as_root pg_ctlcluster --skip-systemctl-redirect 15 main start
fi
as_root su postgres -c "psql -q -c \"alter user postgres password '$PG_PASSWORD'\"" >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:$PG_PASSWORD@127.0.0.1:5432"

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
export CHROMIUM_PATH=/usr/bin/chromium

# The Prometheus module's tests start their own server from Debian's package
# on a free loopback port; the package's own service is not left running.
if [ ! -x /usr/bin/prometheus ] || [ ! -x /usr/bin/promtool ]; then
  apt_install prometheus
  if command -v service >/dev/null && service prometheus status >/dev/null 2>&1; then
    as_root service prometheus stop >/dev/null || true
  fi
fi
export PROMETHEUS_PATH=/usr/bin/prometheus

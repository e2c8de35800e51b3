#!/usr/bin/env bash
# Install (Debian packages) and start PostgreSQL and Redis on 127.0.0.1 only,
# then print the environment variables that point the portal at them.
# Used by CI and by `make test-services` on a developer machine; needs root.
set -euo pipefail

PG_DB="${PG_DB:-qingshui}"
PG_USER="${PG_USER:-qingshui}"
PG_PASSWORD="${PG_PASSWORD:-qingshui}"
REDIS_PORT="${REDIS_PORT:-6379}"

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ "${#need[@]}" -gt 0 ]; then
  echo "Installing ${need[*]} …" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >&2
fi
# Listen on loopback only.
mkdir -p "/etc/postgresql/${version}/main/conf.d"
echo "listen_addresses = '127.0.0.1'" > "/etc/postgresql/${version}/main/conf.d/qingshui.conf"
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start >&2

for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done

su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='${PG_USER}'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'\"" >&2
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='${PG_DB}'\"" | grep -q 1 \
  || su postgres -c "createdb -O ${PG_USER} ${PG_DB}" >&2

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >&2
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 1
  done
fi

echo "export DATABASE_URL=postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:5432/${PG_DB}"
echo "export REDIS_URL=redis://127.0.0.1:${REDIS_PORT}/0"

#!/usr/bin/env bash
# What `make bench` needs besides the venv: Debian's wrk, and PostgreSQL and Redis running on
# 127.0.0.1. As root on Debian, install and start whatever is missing (services.sh); otherwise
# say what to install and expect the services to be running already.
set -euo pipefail
root=false
[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null && root=true
if ! command -v wrk >/dev/null 2>&1; then
  if $root; then
    echo "Installing wrk for the benchmark …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk
  else
    echo "The benchmark needs wrk: apt-get install wrk" >&2
    exit 1
  fi
fi
if $root; then
  bash "$(dirname "$0")/services.sh" >/dev/null
else
  echo "Not root: expecting PostgreSQL and Redis on 127.0.0.1 already (make services as root)." >&2
fi

#!/usr/bin/env bash
# `make prod` and its test put Debian's nginx in front of gunicorn. Install it when missing
# and we are root — without letting the package start the system nginx, which would listen
# on every address on port 80: the portal starts its own nginx with its own configuration.
set -euo pipefail
command -v nginx >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The production stack needs nginx (apt-get install nginx); its test is skipped." >&2
  exit 0
fi
echo "Installing nginx …"
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
  # Debian's way of telling a package's scripts not to start services (exit code 101).
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  own_policy=true
fi
cleanup() { if $own_policy; then rm -f "$policy"; fi; }
trap cleanup EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx

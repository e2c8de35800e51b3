#!/usr/bin/env bash
# The standards checkers the tests run (tools/standards/package.json, locked): the Nu HTML
# Checker (Java), axe-core and Lighthouse (Node). Installed from npm's registry when
# missing or when the lock file changed; Node and Java come from Debian.
set -euo pipefail
cd "$(dirname "$0")/../tools/standards"
stamp=node_modules/.installed
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null || ! command -v java >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Node.js and Java for the standards checks …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      nodejs npm default-jre-headless
  else
    echo "The HTML, accessibility and Lighthouse checks need npm and java;" \
      "until then their tests are skipped." >&2
    exit 0
  fi
fi
echo "Installing the Nu HTML Checker, axe-core and Lighthouse from tools/standards …"
npm ci --no-audit --no-fund --loglevel=error
touch "$stamp"

#!/usr/bin/env bash
# The browser journeys drive Debian's Chromium (never a downloaded browser) and
# need a CJK font to render Chinese. Install both when missing and we are root.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the browser tests …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig
else
  echo "Browser tests need: ${missing[*]} (apt-get install ${missing[*]}); they will be skipped." >&2
fi

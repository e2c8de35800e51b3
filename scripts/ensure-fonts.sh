#!/usr/bin/env bash
# Hours certificates embed a TrueType CJK font (Debian's fonts-wqy-microhei; reportlab
# cannot embed the CFF outlines of Noto CJK). Install it when missing and we are root.
set -euo pipefail
font="${CERTIFICATE_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
# poppler-utils' pdftoppm lets the tests look at a certificate's first page as a picture.
[ -f "$font" ] && command -v pdftoppm >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing fonts-wqy-microhei and poppler-utils for the hours certificates …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    fonts-wqy-microhei poppler-utils
elif [ ! -f "$font" ]; then
  echo "Hours certificates need $font (apt-get install fonts-wqy-microhei);" \
    "until then they cannot be made and their tests are skipped." >&2
fi

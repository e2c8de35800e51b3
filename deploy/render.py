"""Fill the ``${QINGSHUI_…}`` placeholders of a deploy template from the environment.

    QINGSHUI_LISTEN=80 QINGSHUI_SERVER_NAME=qingshui.example … \\
        python deploy/render.py deploy/nginx/qingshui.conf \\
        > /etc/nginx/sites-available/qingshui.conf

Only ``${QINGSHUI_NAME}`` is replaced, so nginx's own ``$host`` or ``$uri`` stay as they
are (``envsubst`` would need the list of names spelled out). A placeholder without a
value is an error, never an empty string in a configuration.
"""

import os
import re
import sys
from pathlib import Path

PLACEHOLDER = re.compile(r"\$\{(QINGSHUI_[A-Z0-9_]+)\}")


def render(template: str, values: dict[str, str]) -> str:
    missing = sorted({name for name in PLACEHOLDER.findall(template) if not values.get(name)})
    if missing:
        raise SystemExit(f"render.py: set {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.stdout.write(render(Path(sys.argv[1]).read_text(), dict(os.environ)))

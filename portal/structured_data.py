"""schema.org JSON-LD for search engines, written safely into a page.

``json_ld`` escapes ``<``, ``>`` and ``&`` so no text from a title or description can close
the ``<script>`` element it sits in.
"""

import json

from django.utils.safestring import SafeString, mark_safe

SCHEMA = "https://schema.org"


def json_ld(data: dict) -> SafeString:
    text = json.dumps({"@context": SCHEMA, **data}, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308

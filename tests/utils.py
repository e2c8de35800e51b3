from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """SQL queries rendering ``url`` runs (after a warm-up request fills per-process caches).

    The whole-page cache is bypassed: this is what a page costs when it is rendered,
    as on its first visit or for a signed-in volunteer.
    """
    with override_settings(PAGECACHE_ENABLED=False):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def en(name: str, *args) -> str:
    """The English URL of a ``volunteers`` view."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(f"volunteers:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def messages_of(response) -> str:
    """The flash messages a response shows, in one string."""
    return " ".join(str(m) for m in response.context["messages"])

"""What the benchmark needs to know from inside Django, about one database.

    python benchmarks/probe.py     (run by bench.py with the production settings)

Prints one JSON object: the URLs to measure (concrete ones picked from the
database: a case study, a story, a campaign, an event, a team, pages of the
admin hours queue), a session cookie of a staff account for the admin pages,
the database's size and versions, and for each URL the queries it runs and the
bytes it sends, with the cache emptied first ("uncached") and again straight
after ("warm"). Requests go through Django's test client in this process,
with the same settings module and database as the gunicorn being measured.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

HOST = "127.0.0.1"


# Which targets of docs/performance.md a page is held to (benchmarks/report.py).
PUBLIC, FAST, ADMIN, RENDERED = "public", "fast", "admin", "rendered"


def _page(name: str, path: str, what: str, *targets: str, staff: bool = False) -> dict:
    return {"name": name, "path": path, "what": what, "targets": list(targets), "staff": staff}


def _path(page) -> str:
    return urlsplit(page.get_url()).path


def _wagtail_pages(index_model, item_model, *, item_name: str) -> list[dict]:
    """The index page of a page type and its latest published, public item."""
    live = Page.objects.live().public().filter(locale=Locale.get_default())
    found = []
    index = live.type(index_model).first()
    if index is not None:
        found.append(_page(_path(index), _path(index), "index", PUBLIC))
    item = live.type(item_model).order_by("-first_published_at", "-pk").first()
    if item is not None:
        found.append(_page(item_name, _path(item), item.title, PUBLIC))
    return found


def _staff_user():
    users = get_user_model().objects.filter(is_active=True, is_superuser=True)
    return users.order_by("pk").first()


def _admin_queue_pages() -> list[dict]:
    """The first, a middle and the last page of the hours waiting for review.

    The queue pages by keyset, so a deep page is asked for by its cursor, made here
    as the "Next" link on the page before it would make it (same SECRET_KEY).
    """
    from urllib.parse import urlencode

    from portal.admin_ui.keyset import AFTER, LAST, KeysetPaginator
    from volunteers.participation.admin.hours import ServiceRecordViewSet
    from volunteers.participation.admin.hours_queue import ServiceRecordIndexView
    from volunteers.participation.models.hours import RecordStatus, ServiceRecord

    per_page = ServiceRecordViewSet.list_per_page
    key = ServiceRecordViewSet.ordering
    ordering = ServiceRecordIndexView.keyset_orderings[key]
    waiting = ServiceRecord.objects.filter(status=RecordStatus.SUBMITTED)
    count = waiting.count()
    last = max(1, math.ceil(count / per_page))
    paginator = KeysetPaginator(waiting, per_page, ordering=ordering, key=key)
    cursors = {1: ""}
    middle = (last + 1) // 2
    if middle > 1:
        before = waiting.order_by(*ordering)[(middle - 1) * per_page - 1]
        cursors[middle] = paginator.cursor(AFTER, before)
    if last > 1:
        cursors[last] = paginator.cursor(LAST)
    path = reverse("volunteer_hours:index")
    return [
        _page(
            f"admin hours queue p. {n}",
            f"{path}?{urlencode({'cursor': cursor})}" if cursor else path,
            f"page {n} of {last} ({count:,} records waiting), signed-in staff",
            ADMIN,
            staff=True,
        )
        for n, cursor in sorted(cursors.items())
    ]


def pages_to_measure() -> tuple[list[dict], list[str]]:
    """The URLs to measure, and what this database has nothing to show for."""
    from campaigns.models import CampaignIndexPage, CampaignPage
    from showcase.models import CaseStudyIndexPage, CaseStudyPage, StoryIndexPage, StoryPage
    from volunteers.events.selectors import events_for_listing
    from volunteers.teams.selectors import teams_for_directory

    pages = [_page("home", "/", "home page, Chinese", PUBLIC)]
    missing = []
    for index_model, item_model, item_name in (
        (CaseStudyIndexPage, CaseStudyPage, "a case study"),
        (StoryIndexPage, StoryPage, "a story"),
        (CampaignIndexPage, CampaignPage, "a campaign"),
    ):
        found = _wagtail_pages(index_model, item_model, item_name=item_name)
        pages += found
        if len(found) < 2:
            missing.append(f"{item_name} or its index (nothing published)")
    pages.append(_page("/events/", reverse("volunteers:event_list"), "index", PUBLIC))
    # Sorted by distance from a phone's position: built for each visitor, never stored.
    pages.append(
        _page(
            "/events/?near=",
            reverse("volunteers:event_list") + "?near=32.62,110.80",
            "nearest first, never cached",
            RENDERED,
        )
    )
    event = events_for_listing(user=AnonymousUser(), filters={}).first()
    if event is None:
        missing.append("an event page (no upcoming public event)")
    else:
        pages.append(
            _page("an event", reverse("volunteers:event_detail", args=[event.pk]), event.title)
        )
    pages.append(
        _page("/events/map/", reverse("volunteers:event_map"), "map and list", PUBLIC, FAST)
    )
    pages.append(_page("/teams/", reverse("volunteers:team_list"), "index", PUBLIC))
    team = teams_for_directory(filters={}).first()
    if team is None:
        missing.append("a team page (no approved team)")
    else:
        pages.append(_page("a team", reverse("volunteers:team_detail", args=[team.pk]), team.name))
    pages.append(_page("/impact/", reverse("volunteers:impact"), "totals and charts", PUBLIC))
    pages.append(
        _page(
            "/api/events.geojson",
            reverse("volunteers:events_geojson"),
            "open data: upcoming events",
            FAST,
        )
    )
    if _staff_user() is None:
        missing.append("the admin hours queue (no active superuser to sign in with)")
    else:
        pages += _admin_queue_pages()
    return pages, missing


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _one(client: Client, path: str) -> dict:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST=HOST)
        body = _body(response)
    compressed = response.get("Content-Encoding") == "gzip"
    return {
        "status": response.status_code,
        "queries": len(queries),
        "bytes_sent": len(body),
        "bytes_raw": len(gzip.decompress(body)) if compressed else len(body),
        "compressed": compressed,
    }


def measure(page: dict, client: Client) -> dict:
    """Queries and bytes of one URL: cache emptied first, then the same request again."""
    # A first request outside the count loads templates, URL resolvers and the like
    # into this process, as a gunicorn worker has them after its first requests.
    _one(client, page["path"])
    cache.clear()
    uncached = _one(client, page["path"])
    warm = _one(client, page["path"])
    # Rendered again with the whole-page cache bypassed while the parts shared by all
    # pages (navigation, home sections, maps …) stay warm: what a signed-in visitor's
    # page costs, or a page whose own data just changed.
    with override_settings(PAGECACHE_ENABLED=False):
        rendered = _one(client, page["path"])
    return {"uncached": uncached, "rendered": rendered, "warm": warm}


def session_cookie(client: Client) -> str:
    """The Cookie header that makes wrk's requests those of the signed-in client."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def facts() -> dict:
    from volunteers.events.models import Event, Signup
    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.participation.models.reports import ActivityReport
    from volunteers.people.models import VolunteerProfile
    from volunteers.teams.models import Membership, Team

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT 1")
        version = cursor.fetchone()[0]
    rows = {
        "accounts": get_user_model().objects.count(),
        "volunteer profiles": VolunteerProfile.objects.count(),
        "teams": Team.objects.count(),
        "memberships": Membership.objects.count(),
        "events": Event.objects.count(),
        "sign-ups": Signup.objects.count(),
        "service records": ServiceRecord.objects.count(),
        "activity reports": ActivityReport.objects.count(),
        "live pages (both languages)": Page.objects.live().count(),
    }
    return {"database": f"{connection.vendor} {version}", "rows": rows}


def main() -> None:
    cache.clear()  # nothing left over from another data set in the same Redis database
    pages, missing = pages_to_measure()
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    cookie = None
    user = _staff_user()
    if user is not None:
        staff.force_login(user)
        cookie = session_cookie(staff)
    for page in pages:
        page.update(measure(page, staff if page["staff"] else anonymous))
    print(json.dumps({"pages": pages, "missing": missing, "cookie": cookie, **facts()}))


if __name__ == "__main__":
    main()

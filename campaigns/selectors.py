"""Reads that feed the campaign pages, cards and the home section.

Every function runs a fixed number of queries whatever the number of
campaigns, goals, pledges or events: figures are aggregated in the database
and grouped by the campaign's (or goal's) ``translation_key``, so a page and
its translation show the same progress.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from wagtail.models import Locale, Page

from campaigns.charts import progress_chart
from campaigns.choices import CampaignStatus, CampaignTheme, GoalKind
from campaigns.forms import PledgeForm
from campaigns.goals import campaign_volunteer_totals
from campaigns.models import CampaignGoal, CampaignIndexPage, CampaignPage, Pledge
from campaigns.progress import goals_progress
from portal.dates import shiyan_today
from portal.pagecache.fragments import shared_part
from portal.pagecache.pages import SITE
from portal.pagination import paginate
from portal.related import related_cards

CARDS_PER_PAGE = 12
LATEST_NAMES = 12
HOME_CAMPAIGNS = 3


# --- Lists of campaigns -------------------------------------------------------------


def _with_status_order(queryset, today: datetime.date):
    """Running first (newest start first), then upcoming (soonest first), then finished."""
    upcoming = Q(start_date__gt=today)
    finished = Q(end_date__lt=today)
    return queryset.annotate(
        status_rank=Case(
            When(upcoming, then=Value(1)),
            When(finished, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        upcoming_start=Case(When(upcoming, then=F("start_date")), default=None),
        recent=Case(When(finished, then=F("end_date")), default=F("start_date")),
    ).order_by(
        "status_rank",
        F("upcoming_start").asc(nulls_last=True),
        F("recent").desc(nulls_last=True),
        "-pk",
    )


def _card_queryset(queryset):
    return (
        queryset.live()
        .public()
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch("goals", queryset=CampaignGoal.objects.order_by("sort_order", "pk")),
        )
    )


def pledge_counts(campaigns) -> dict:
    """Active pledges per campaign ``translation_key``, in one query."""
    keys = {c.translation_key for c in campaigns if c.takes_pledges}
    if not keys:
        return {}
    return dict(
        Pledge.objects.active()
        .filter(campaign__translation_key__in=keys)
        .values_list("campaign__translation_key")
        .annotate(n=Count("pk"))
        .values_list("campaign__translation_key", "n")
        .order_by()
    )


def latest_names(campaigns, per_campaign: int = 3) -> dict:
    """The newest public names per campaign ``translation_key``, in one query."""
    keys = {c.translation_key for c in campaigns if c.takes_pledges}
    if not keys:
        return {}
    rows = (
        Pledge.objects.active()
        .filter(campaign__translation_key__in=keys)
        .annotate(
            key=F("campaign__translation_key"),
            rank=Window(
                RowNumber(),
                partition_by=F("campaign__translation_key"),
                order_by=[F("created_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_campaign)
        .order_by("key", "rank")
        .values_list("key", "display_name")
    )
    names = defaultdict(list)
    for key, name in rows:
        names[key].append(name)
    return names


# What a card's progress, pledge count and names are counted from (portal.pagecache).
CARD_TAGS = (SITE, "campaigns", "figures", "events")


def campaign_cards(campaigns) -> list[dict]:
    """Cards for campaigns (goals prefetched): the first goal's progress and the pledges."""
    campaigns = list(campaigns)
    first_goals = []
    for campaign in campaigns:
        goals = list(campaign.goals.all())
        for goal in goals:
            goal.page = campaign
        campaign.first_goal = goals[0] if goals else None
        campaign.goal_count = len(goals)
        if campaign.first_goal:
            first_goals.append(campaign.first_goal)
    progress, counts, names = shared_part(
        "campaign-cards:" + ",".join(str(campaign.pk) for campaign in campaigns),
        lambda: (
            goals_progress(goals=first_goals),
            pledge_counts(campaigns),
            latest_names(campaigns),
        ),
        tags=CARD_TAGS,
        timeout=settings.PAGECACHE_SECONDS,  # campaigns start and end by the calendar
    )
    return [
        {
            "page": campaign,
            "status": campaign.status,
            "progress": progress.get(campaign.first_goal.pk) if campaign.first_goal else None,
            "more_goals": max(campaign.goal_count - 1, 0),
            "pledges": counts.get(campaign.translation_key, 0),
            "names": names.get(campaign.translation_key, []),
        }
        for campaign in campaigns
    ]


def _theme(request) -> str:
    value = request.GET.get("theme", "")
    return value if value in CampaignTheme.values else ""


def _themes_present(index) -> set[str]:
    children = CampaignPage.objects.child_of(index).live().public()
    return set(children.values_list("theme", flat=True).distinct())


def campaign_index_context(*, request, index) -> dict:
    today = shiyan_today()
    themes_present = shared_part(f"campaign-themes:{index.pk}", lambda: _themes_present(index))
    theme = _theme(request)
    campaigns = _card_queryset(CampaignPage.objects.child_of(index))
    if theme:
        campaigns = campaigns.filter(theme=theme)
    page = paginate(request, _with_status_order(campaigns, today), CARDS_PER_PAGE)
    page.object_list = campaign_cards(page.object_list)
    return {
        "campaigns": page,
        "theme": theme,
        "themes": [
            (value, label) for value, label in CampaignTheme.choices if value in themes_present
        ],
    }


def running_campaigns(*, locale, limit: int = HOME_CAMPAIGNS) -> list[dict]:
    today = shiyan_today()
    campaigns = (
        _card_queryset(CampaignPage.objects.filter(locale=locale))
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date", "-pk")[:limit]
    )
    return campaign_cards(campaigns)


def campaign_index_for(locale):
    return CampaignIndexPage.objects.live().filter(locale=locale).first()


# --- One campaign -----------------------------------------------------------------


def latest_pledges(page, limit: int = LATEST_NAMES):
    return list(
        Pledge.objects.active()
        .for_campaign(page)
        .only("display_name", "created_at", "user_id")
        .order_by("-created_at", "-pk")[:limit]
    )


def viewer_pledge(*, request, page) -> Pledge | None:
    """The active pledge of whoever is looking: their account's, or this browser's."""
    pledges = Pledge.objects.filter(withdrawn_at__isnull=True).for_campaign(page)
    if request.user.is_authenticated:
        return pledges.filter(user=request.user).first()
    pledge_id = session_pledges(request).get(str(page.translation_key))
    if pledge_id is None:
        return None
    return pledges.filter(pk=pledge_id, user__isnull=True).first()


SESSION_KEY = "campaign_pledges"


def session_pledges(request) -> dict:
    """Pledges made from this browser without an account: {campaign key: pledge id}."""
    value = request.session.get(SESSION_KEY, {}) if hasattr(request, "session") else {}
    return value if isinstance(value, dict) else {}


def localized_related(page) -> list[Page]:
    """Related pages a visitor may see, in the page's language where a translation exists."""
    ids = [link.related_id for link in page.related_links.all()]
    if not ids:
        return []
    chosen = {p.pk: p for p in Page.objects.filter(pk__in=ids).only("pk", "translation_key")}
    keys = [chosen[pk].translation_key for pk in ids if pk in chosen]
    candidates = (
        Page.objects.filter(translation_key__in=keys).live().public().specific().order_by("pk")
    )
    by_key: dict = {}
    for candidate in candidates:
        current = by_key.get(candidate.translation_key)
        # The page's own language wins; otherwise the page the editor chose.
        if current is None or candidate.locale_id == page.locale_id:
            by_key[candidate.translation_key] = candidate
    seen, result = set(), []
    for key in keys:
        if key in by_key and key not in seen:
            seen.add(key)
            result.append(by_key[key])
    return result


def campaign_page_context(*, request, page) -> dict:
    goals = list(page.goals.all())
    for goal in goals:
        goal.page = page
    progress = goals_progress(goals=goals, series=True)
    goal_rows = []
    for goal in goals:
        item = progress[goal.pk]
        goal_rows.append(
            {
                "progress": item,
                # One point is no trend: the bar and its date already say it all.
                "chart": progress_chart(progress=item, chart_id=f"goal-{goal.pk}")
                if len(item.series) > 1
                else None,
            }
        )
    status = page.status
    context = {
        "status": status,
        "goal_rows": goal_rows,
        "last_updated": max(
            (p.last_updated for p in progress.values() if p.last_updated), default=None
        ),
        "related_pages": related_cards(request, page, localized_related),
        "goals_reached": sum(1 for p in progress.values() if p.reached),
        "volunteer_totals": campaign_volunteer_totals(page),
        "counts_events": any(
            goal.kind in (GoalKind.EVENTS, GoalKind.HOURS, GoalKind.ACTIVITIES) for goal in goals
        ),
    }
    if page.takes_pledges:
        context.update(
            pledge_count=Pledge.objects.active().for_campaign(page).count(),
            latest_pledges=latest_pledges(page),
            my_pledge=viewer_pledge(request=request, page=page),
            can_pledge=status == CampaignStatus.RUNNING,
            pledge_form=PledgeForm(),
        )
    return context


# --- Linking events ---------------------------------------------------------------


def campaigns_for_events(*, current=None):
    """Campaigns a leader may link an event to: running or upcoming, in the active language.

    An event already linked keeps its campaign as a choice even once it has finished.
    """
    today = shiyan_today()
    choices = Q(locale=Locale.get_active()) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    if current is not None:
        choices |= Q(pk=current.pk)
    return CampaignPage.objects.live().public().filter(choices).order_by("start_date", "pk")


def linked_campaign(campaign_id) -> CampaignPage | None:
    """An event's campaign as a visitor should see it: live, in their language if translated."""
    if campaign_id is None:
        return None
    key = Page.objects.filter(pk=campaign_id).values("translation_key")
    candidates = list(CampaignPage.objects.live().public().filter(translation_key__in=key))
    active = Locale.get_active()
    for candidate in candidates:
        if candidate.locale_id == active.pk:
            return candidate
    return next(
        (c for c in candidates if c.pk == campaign_id), candidates[0] if candidates else None
    )

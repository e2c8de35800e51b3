"""The public impact dashboard: live totals, a map and table of places, hours by month,
this year's top teams and the opt-in volunteer ranking."""

from decimal import Decimal

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_GET

from portal.pagecache.views import cached_page
from portal.templatetags.qingshui import figure
from volunteers.places.maps import build_circle_map, cached_map
from volunteers.recognition.charts import hours_by_month_chart
from volunteers.recognition.selectors import impact_dashboard

MAX_CIRCLE = 40  # build_circle_map sizes circles by a count up to 40
MAP_HEIGHT = 440


def _circle_size(hours: Decimal, largest: Decimal) -> int:
    if not hours or not largest:
        return 0
    return max(1, round(MAX_CIRCLE * float(hours / largest)))


def _popup_text(county: dict, township: dict) -> str:
    parts = [
        f"{county['name']} {township['name']}",
        f"{figure(township['hours'])} {pgettext('hours unit', 'h')} {_('approved')}",
        ngettext("%(n)s activity report", "%(n)s activity reports", township["reports"])
        % {"n": figure(township["reports"])},
    ]
    if township["litter_kg"]:
        parts.append(_("%(kg)s kg of litter") % {"kg": figure(township["litter_kg"])})
    if township["river_km"]:
        parts.append(_("%(km)s km of river patrolled") % {"km": figure(township["river_km"])})
    return " · ".join(parts)


def _map(counties: list[dict], focus: dict | None):
    rows = [(c, t) for c in counties for t in c["active_townships"] if t["lat"] is not None]
    if not rows:
        return None
    largest = max(t["hours"] for _c, t in rows)
    circles = [
        (
            t["lat"],
            t["lon"],
            _circle_size(t["hours"], largest),
            _popup_text(c, t),
            reverse("volunteers:township_detail", args=[t["code"]]),
        )
        for c, t in rows
    ]
    label = (
        _("Map of approved service hours by township in %(county)s") % {"county": focus["name"]}
        if focus
        else _("Map of approved service hours by township")
    )
    return cached_map(
        "impact",
        {"county": focus["code"] if focus else "", "circles": circles},
        lambda: build_circle_map(circles, label=label, height=MAP_HEIGHT),
    )


@cached_page("figures", "teams")
@require_GET
def impact(request):
    data = impact_dashboard(county=request.GET.get("county", "")[:40])
    focus = data["focus"]
    counties = [focus] if focus else data["counties"]
    place = focus["name"] if focus else _("Shiyan")
    months = data["months"]
    has_hours = any(hours for _month, hours in months)
    volunteers = [{**row, "stars": "★" * row["star_level"]} for row in data["top_volunteers"]]
    return render(
        request,
        "volunteers/recognition/impact/impact.html",
        {
            "totals": data["totals"],
            "all_counties": data["counties"],
            "counties": counties,
            "focus": focus,
            "unknown_county": data["unknown_county"],
            "place": place,
            "active_count": sum(len(c["active_townships"]) for c in counties),
            "map": _map(counties, focus),
            "months": months,
            "chart": (
                hours_by_month_chart(months=months, chart_id="impact-chart", place=place)
                if has_hours
                else None
            ),
            "top_teams": data["top_teams"],
            "top_volunteers": volunteers,
            "year": data["year"],
            "as_of": data["as_of"],
        },
    )

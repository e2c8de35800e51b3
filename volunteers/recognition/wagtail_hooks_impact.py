"""Wagtail hooks of the impact pages (imported by wagtail_hooks)."""

from wagtail import hooks

from portal.home_sections import HomeSection
from volunteers.recognition.selectors import city_totals

# After the upcoming events (10), before the case studies (20).
HOME_TOTALS_ORDER = 15


@hooks.register("qingshui_home_section")
def live_totals_section(request, page):
    """The city's live totals, read from the cached selector; nothing before the first approval."""
    totals = city_totals()
    if not (totals["hours"] or totals["reports"]):
        return None
    return HomeSection(
        order=HOME_TOTALS_ORDER,
        template="volunteers/recognition/impact/home_totals.html",
        context={"totals": totals},
    )

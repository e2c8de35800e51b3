"""The key public pages, on a phone and a desktop: no serious or critical accessibility
violation that axe-core (Deque's checker) finds, and nothing moves once shown."""

import pytest
from django.core.management import call_command

from tests.standards.checkers import AXE_JS, require
from volunteers.events.models import Event

# Layout shifts after the page is shown, summed as Lighthouse's CLS does (without windows:
# a stricter figure). The menu, fonts and images all have their room before they load.
LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})
"""
AXE_RUN = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target)}`);
}
"""


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server


def key_pages() -> list[str]:
    from showcase.models import CaseStudyPage

    case = CaseStudyPage.objects.live().filter(locale__language_code="zh-hans").first()
    event = Event.objects.filter(visibility="public").order_by("starts_at").last()
    return ["/", case.url, "/events/", f"/events/{event.pk}/", "/events/map/", "/impact/", "/en/"]


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_key_pages_pass_axe_and_do_not_shift(site, device, request):
    axe = require(AXE_JS).read_text()
    page = request.getfixturevalue(device)
    found = {}
    for url in key_pages():
        page.goto(site.url + url, wait_until="load")
        shift = page.evaluate(LAYOUT_SHIFT)
        page.evaluate(axe)
        violations = page.evaluate(AXE_RUN)
        if violations or shift > 0.02:
            found[url] = {"layout shift": round(shift, 3), "axe": violations}
    assert found == {}

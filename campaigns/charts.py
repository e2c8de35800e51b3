"""A small progress-over-time chart drawn on the server as SVG.

No JavaScript and nothing from a CDN: the chart is markup, with a ``<title>``
and ``<desc>`` for assistive technology (the page also prints the points as a
table). Every text in it goes through ``format_html``, so it is escaped.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from portal.charts import nice_ceiling
from portal.templatetags.qingshui import figure

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 18, 34


def progress_chart(*, progress, chart_id: str) -> SafeString:
    """The goal's points as a line over time, with the target as a dashed line."""
    points = progress.series
    target = progress.target
    label = progress.goal.label
    unit = progress.goal.unit
    top = nice_ceiling(max([target, *(value for _day, value in points)]), empty=Decimal(1))
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day - first).days / span

    def y(value) -> float:
        return TOP + plot_h * (1 - float(value / top))

    coords = [(round(x(day), 1), round(y(value), 1)) for day, value in points]
    line = " ".join(f"{cx},{cy}" for cx, cy in coords)
    area = f"{coords[0][0]},{TOP + plot_h} {line} {coords[-1][0]},{TOP + plot_h}"
    value_text = f"{figure(points[-1][1])} {unit}".strip()
    desc = _(
        "From %(first)s to %(last)s the figure went from %(start)s to %(end)s; "
        "the target is %(target)s."
    ) % {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "start": f"{figure(points[0][1])} {unit}".strip(),
        "end": value_text,
        "target": f"{figure(target)} {unit}".strip() if target > 0 else _("not set"),
    }
    target_line = ""
    if target > 0:
        ty = round(y(target), 1)
        target_line = format_html(
            '<line class="chart__target" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__target-label" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT,
            WIDTH - RIGHT,
            ty,
            ty,
            WIDTH - RIGHT,
            ty - 6 if ty > TOP + 14 else ty + 16,
            _("Target %(target)s") % {"target": figure(target)},
        )
    dots = format_html_join(
        "",
        '<circle class="chart__dot" cx="{}" cy="{}" r="{}"/>',
        ((cx, cy, 4 if len(coords) < 40 else 2) for cx, cy in coords),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc"'
        ' preserveAspectRatio="xMidYMid meet" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line class="chart__axis" x1="{left}" x2="{right}" y1="{base}" y2="{base}"/>'
        '<line class="chart__grid" x1="{left}" x2="{right}" y1="{top}" y2="{top}"/>'
        '<text class="chart__tick" x="{tick_x}" y="{top_label}" text-anchor="end">'
        "{top_value}</text>"
        '<text class="chart__tick" x="{tick_x}" y="{base}" text-anchor="end">0</text>'
        "{target_line}"
        '<polygon class="chart__area" points="{area}"/>'
        '<polyline class="chart__line" points="{line}"/>'
        "{dots}"
        '<text class="chart__tick" x="{left}" y="{date_y}" text-anchor="start">{first}</text>'
        '<text class="chart__tick" x="{right}" y="{date_y}" text-anchor="end">{last}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=_("Progress over time: %(goal)s") % {"goal": label},
        desc=desc,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=TOP + plot_h,
        top=TOP,
        tick_x=LEFT - 8,
        top_label=TOP + 5,
        top_value=figure(top),
        target_line=target_line,
        area=area,
        line=line,
        dots=dots,
        date_y=HEIGHT - 8,
        first=first.isoformat(),
        last=last.isoformat() if last != first else "",
    )

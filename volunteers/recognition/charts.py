"""Approved hours per month as a bar chart, drawn on the server as SVG.

Like the campaign progress chart: no JavaScript, nothing from a CDN, a ``<title>``
and ``<desc>`` for assistive technology, and every text through ``format_html`` so
it is escaped. Pages print the same figures as a table beside it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.charts import nice_ceiling
from portal.templatetags.qingshui import figure

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 12, 16, 44
LABEL_EVERY = 6  # months between labels on the time axis


def month_label(month) -> str:
    return f"{month:%Y-%m}"


def hours_by_month_chart(*, months: list[tuple], chart_id: str, place: str) -> SafeString:
    """``months``: ``[(first day of month, hours)]``, oldest first; at least one month."""
    values = [Decimal(hours) for _month, hours in months]
    top = nice_ceiling(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    slot = plot_w / len(months)
    bar_w = round(max(slot * 0.68, 1), 1)
    unit = pgettext("hours unit", "h")

    bars, labels = [], []
    for n, (month, hours) in enumerate(months):
        height = round(plot_h * float(Decimal(hours) / top), 1)
        x = round(LEFT + slot * n + (slot - bar_w) / 2, 1)
        bars.append(
            (
                "chart__bar" + (" chart__bar--empty" if not hours else ""),
                x,
                round(base - max(height, 1.5), 1),
                bar_w,
                max(height, 1.5),
                f"{month_label(month)}{pgettext('label separator', ': ')}{figure(hours)} {unit}",
            )
        )
        if (len(months) - 1 - n) % LABEL_EVERY == 0:
            labels.append([round(LEFT + slot * n + slot / 2, 1), month_label(month), "middle"])
    # The outer labels line up with the plot's edges so they are never cut off.
    if labels:
        labels[-1][0], labels[-1][2] = WIDTH - RIGHT, "end"
        if labels[0][0] < LEFT + slot * 2:
            labels[0][0], labels[0][2] = LEFT, "start"

    total = sum(values, Decimal(0))
    first, last = month_label(months[0][0]), month_label(months[-1][0])
    if total:
        peak_month, peak = max(months, key=lambda item: item[1])
        desc = _(
            "Approved service hours per month in %(place)s from %(first)s to %(last)s: "
            "%(total)s hours in all; the busiest month was %(peak_month)s with %(peak)s hours."
        ) % {
            "place": place,
            "first": first,
            "last": last,
            "total": figure(total),
            "peak_month": month_label(peak_month),
            "peak": figure(peak),
        }
    else:
        desc = _("No approved service hours in %(place)s from %(first)s to %(last)s.") % {
            "place": place,
            "first": first,
            "last": last,
        }

    middle = top / 2
    return format_html(
        '<svg class="chart impact-chart" viewBox="0 0 {w} {h}" role="img"'
        ' aria-labelledby="{id}-title {id}-desc" preserveAspectRatio="xMidYMid meet"'
        ' focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line class="chart__grid" x1="{left}" x2="{right}" y1="{top}" y2="{top}"/>'
        '<line class="chart__grid" x1="{left}" x2="{right}" y1="{mid_y}" y2="{mid_y}"/>'
        '<text class="chart__tick" x="{tick_x}" y="{top_label}" text-anchor="end">'
        "{top_value}</text>"
        '<text class="chart__tick" x="{tick_x}" y="{mid_label}" text-anchor="end">'
        "{mid_value}</text>"
        '<text class="chart__tick" x="{tick_x}" y="{base}" text-anchor="end">0</text>'
        "{bars}"
        '<line class="chart__axis" x1="{left}" x2="{right}" y1="{base}" y2="{base}"/>'
        "{labels}"
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=_("Approved service hours per month: %(place)s") % {"place": place},
        desc=desc,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        mid_y=round(TOP + plot_h / 2, 1),
        tick_x=LEFT - 8,
        top_label=TOP + 5,
        mid_label=round(TOP + plot_h / 2 + 5, 1),
        top_value=figure(top),
        mid_value=figure(middle),
        base=base,
        bars=format_html_join(
            "",
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}</title></rect>',
            bars,
        ),
        labels=format_html_join(
            "",
            '<text class="chart__tick" x="{}" y="{}" text-anchor="{}">{}</text>',
            ((x, HEIGHT - 14, anchor, text) for x, text, anchor in labels),
        ),
    )

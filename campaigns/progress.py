"""How far goals have come, as pages show it: a value, when it last moved, a chart series."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from campaigns.goals import goal_figures
from campaigns.models import CampaignGoal


@dataclass
class GoalProgress:
    goal: CampaignGoal
    value: Decimal
    last_updated: datetime.date | None = None
    series: list[tuple[datetime.date, Decimal]] = field(default_factory=list)

    @property
    def target(self) -> Decimal:
        return self.goal.target

    @property
    def has_target(self) -> bool:
        return self.target > 0

    @property
    def percent(self) -> Decimal | None:
        """The real share of the target (may pass 100); None without a target."""
        if not self.has_target:
            return None
        return self.value * 100 / self.target

    @property
    def reached(self) -> bool:
        return self.has_target and self.value >= self.target

    @property
    def bar_width(self) -> str:
        """The bar's fill for CSS, capped at the full bar."""
        percent = self.percent or Decimal(0)
        return f"{min(percent, Decimal(100)):.1f}"

    @property
    def aria_max(self) -> str:
        return f"{self.target.normalize():f}"

    @property
    def aria_now(self) -> str:
        """``aria-valuenow`` must stay between min and max; ``aria-valuetext`` says the rest."""
        return f"{min(self.value, self.target).normalize():f}"

    @property
    def percent_text(self) -> str:
        percent = self.percent
        if percent is None:
            return ""
        if 0 < percent < 1:
            return _("under 1 %")
        shown = percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return _("%(percent)s %%") % {"percent": f"{shown:,}"}


def goals_progress(*, goals, series: bool = False) -> dict[int, GoalProgress]:
    """Progress of goals (their ``page`` loaded) by id; a fixed number of queries."""
    goals = list(goals)
    figures = goal_figures(goals, series=series)
    return {
        goal.pk: GoalProgress(
            goal=goal,
            value=figures[goal.pk].value,
            last_updated=figures[goal.pk].last_updated,
            series=figures[goal.pk].series,
        )
        for goal in goals
    }


def goal_progress(*, goal: CampaignGoal, series: bool = False) -> GoalProgress:
    """How far one goal has come, from the data its kind counts."""
    return goals_progress(goals=[goal], series=series)[goal.pk]

"""Counts kept on the rows that pages list, so no listing counts sign-ups or members.

Each refresh recounts one event's sign-ups or one team's active members and
stores the result in the same transaction as the change that moved it. The
recount runs after the row lock on the event or team is taken, so two
transactions changing the same event one after the other each see the other's
committed change and the stored figure is never lost. ``counts_check`` is the
safety net run by ``rebuild_rollups``.
"""

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from volunteers.choices import SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.teams.counts import active_member_count, team_member_count_refresh
from volunteers.teams.models import Team


def _signup_count(status: str):
    rows = (
        Signup.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


@transaction.atomic  # joins the caller's transaction; a bare save gets its own
def event_counts_refresh(event_id: int) -> None:
    """Store the event's places taken and waiting-list length (one UPDATE, row locked)."""
    Event.objects.filter(pk=event_id).select_for_update(of=("self",)).values_list("pk").first()
    Event.objects.filter(pk=event_id).update(
        places_taken=_signup_count(SignupStatus.CONFIRMED),
        waitlist_length=_signup_count(SignupStatus.WAITLISTED),
    )


def counts_check(*, fix: bool = True) -> dict[str, int]:
    """Find (and by default repair) stored counts that disagree with the rows.

    Returns how many events and teams were wrong. Repairs go row by row
    through the refresh functions, which lock the row, so a sign-up going
    through meanwhile is never overwritten with an older count.
    """
    wrong_events = list(
        Event.objects.filter(
            ~Q(places_taken=_signup_count(SignupStatus.CONFIRMED))
            | ~Q(waitlist_length=_signup_count(SignupStatus.WAITLISTED))
        ).values_list("pk", flat=True)
    )
    wrong_teams = list(
        Team.objects.filter(~Q(member_count=active_member_count())).values_list("pk", flat=True)
    )
    if fix:
        for pk in wrong_events:
            with transaction.atomic():
                event_counts_refresh(pk)
        for pk in wrong_teams:
            with transaction.atomic():
                team_member_count_refresh(pk)
    return {"events": len(wrong_events), "teams": len(wrong_teams)}

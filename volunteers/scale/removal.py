"""Finding and removing the rows an earlier run generated, and only those.

Generated accounts are recognised by their username prefix, generated teams by
their founder being such an account, generated events by their team. Rows go
with set-based DELETEs (the ORM would load and delete 330,000 accounts one
batch at a time), following each relation's ``on_delete`` the way Django does:
cascades are deleted, SET_NULL references cleared, and a PROTECT reference that
is still there stops the run.
"""

from django.contrib.auth import get_user_model
from django.db import connection, models

from volunteers.events.counts import event_counts_refresh
from volunteers.events.models import Event, Signup
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.models.reports import ActivityReport
from volunteers.scale.sizes import SCALE_PREFIX, ScaleError
from volunteers.teams.counts import team_member_count_refresh
from volunteers.teams.models import Membership, Team


def scale_data_exists() -> bool:
    return get_user_model().objects.filter(username__startswith=SCALE_PREFIX).exists()


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _marked(cursor) -> None:
    """Temporary tables of the generated users, teams and events (gone at commit)."""
    users = _t(get_user_model())
    cursor.execute(
        f"CREATE TEMP TABLE scale_users ON COMMIT DROP AS "  # noqa: S608
        f"SELECT id FROM {users} WHERE username LIKE %s",
        [SCALE_PREFIX + "%"],
    )
    cursor.execute(
        f"CREATE TEMP TABLE scale_teams ON COMMIT DROP AS SELECT id FROM {_t(Team)} "  # noqa: S608
        "WHERE created_by_id IN (SELECT id FROM scale_users)"
    )
    cursor.execute(
        f"CREATE TEMP TABLE scale_events ON COMMIT DROP AS SELECT id FROM {_t(Event)} "  # noqa: S608
        "WHERE team_id IN (SELECT id FROM scale_teams)"
    )
    for name in ("scale_users", "scale_teams", "scale_events"):
        cursor.execute(f"ALTER TABLE {name} ADD PRIMARY KEY (id)")
        cursor.execute(f"ANALYZE {name}")


IN_USERS = "IN (SELECT id FROM scale_users)"
IN_TEAMS = "IN (SELECT id FROM scale_teams)"
IN_EVENTS = "IN (SELECT id FROM scale_events)"
MAX_DEPTH = 4


def _relations(model):
    """The foreign keys of other models that point at ``model``."""
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            yield rel


def _cascade(cursor, model, where: str, depth: int = 0) -> int:
    """Delete ``model``'s rows matching ``where`` and do each relation's ``on_delete``."""
    if depth > MAX_DEPTH:
        raise ScaleError(f"Relations to {model._meta.label} go too deep to remove safely.")
    for rel in _relations(model):
        related, column = rel.related_model, rel.field.column
        target = rel.field.target_field.column
        pointing = f"{column} IN (SELECT {target} FROM {_t(model)} WHERE {where})"  # noqa: S608
        if rel.on_delete is models.CASCADE:
            _cascade(cursor, related, pointing, depth + 1)
        elif rel.on_delete is models.SET_NULL:
            cursor.execute(f"UPDATE {_t(related)} SET {column} = NULL WHERE {pointing}")  # noqa: S608
        elif rel.on_delete in (models.PROTECT, models.RESTRICT):
            cursor.execute(f"SELECT 1 FROM {_t(related)} WHERE {pointing} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                raise ScaleError(
                    f"Some {related._meta.verbose_name_plural} refer to the scale data's "
                    f"{model._meta.verbose_name_plural}; remove them first."
                )
    cursor.execute(f"DELETE FROM {_t(model)} WHERE {where}")  # noqa: S608
    return cursor.rowcount


def _elsewhere(cursor, model, fk: str, own: str) -> list[int]:
    """Delete the generated accounts' rows under other events or teams; returns whose."""
    cursor.execute(
        f"DELETE FROM {_t(model)} WHERE {model._meta.get_field('user').column} {IN_USERS} "  # noqa: S608
        f"AND {fk} NOT {own} RETURNING {fk}"
    )
    return [row[0] for row in cursor.fetchall()]


def scale_data_remove() -> dict[str, int]:
    """Delete the generated rows; returns how many accounts, teams, events and records.

    Sign-ups and memberships the generated accounts had with other events and
    teams go too, and those events' and teams' kept counts are recounted.
    """
    records = f"volunteer_id {IN_USERS} OR event_id {IN_EVENTS} OR team_id {IN_TEAMS}"
    with connection.cursor() as cursor:
        _marked(cursor)
        touched_events = _elsewhere(cursor, Signup, "event_id", IN_EVENTS)
        touched_teams = _elsewhere(cursor, Membership, "team_id", IN_TEAMS)
        cursor.execute(
            f"DELETE FROM {_t(ServiceRecordChange)} WHERE record_id IN "  # noqa: S608
            f"(SELECT id FROM {_t(ServiceRecord)} WHERE {records})"
        )
        removed = {
            "records": _cascade(cursor, ServiceRecord, records),
            "reports": _cascade(
                cursor, ActivityReport, f"team_id {IN_TEAMS} OR event_id {IN_EVENTS}"
            ),
            "events": _cascade(cursor, Event, f"id {IN_EVENTS}"),
            "teams": _cascade(cursor, Team, f"id {IN_TEAMS}"),
            "volunteers": _cascade(cursor, get_user_model(), f"id {IN_USERS}"),
        }
    for event_id in sorted(set(touched_events)):
        event_counts_refresh(event_id)
    for team_id in sorted(set(touched_teams)):
        team_member_count_refresh(team_id)
    return removed

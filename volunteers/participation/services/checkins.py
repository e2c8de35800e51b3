"""Check-in and check-out (签到/签退) with a QR code that changes every minute.

The code shown on the leader's phone is a URL carrying a short token: the
action (in or out), the minute it was made and an HMAC over the event, the
action and the minute. A token is accepted for a couple of
minutes only, for its own event and action, on the day it was made — so a
photographed code stops working and cannot be used for another event or day.
Once a fresh token has been scanned, the volunteer's session holds a short
pass for that event, so logging in first does not make the code go stale.
"""

import math
import time
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from portal.maps.geo import distance_m
from volunteers.choices import Attendance, EventStatus, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordSource, RecordStatus, ServiceRecord
from volunteers.participation.services.attendance import record_draft_set
from volunteers.participation.services.records import CENT, event_length_hours

IN, OUT = "i", "o"
ACTIONS = (IN, OUT)
TOKEN_SALT = "volunteers.checkin"  # noqa: S105 (an HMAC salt, not a secret)
# A code is shown for one minute; allow the minute it was made and the next
# (for the time it takes to scan), and no more.
TOKEN_MINUTES_VALID = 2
SESSION_KEY = "volunteers_checkin_pass"
PASS_SECONDS = 15 * 60
# Check-in opens an hour before the start and closes three hours after the end.
OPEN_BEFORE = timedelta(hours=1)
CLOSE_AFTER = timedelta(hours=3)


def _minute(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // 60)


def _signature(event_id: int, action: str, minute: int) -> str:
    # The minute pins the day too: a token of another day is always too old.
    message = f"{event_id}:{action}:{minute}"
    return salted_hmac(TOKEN_SALT, message, algorithm="sha256").hexdigest()[:20]


def checkin_token(*, event: Event, action: str, at: float | None = None) -> str:
    """The token for ``event`` and ``action`` at time ``at`` (a Unix timestamp; now by default)."""
    if action not in ACTIONS:
        raise ValueError(action)
    minute = _minute(at)
    return f"{action}{minute:x}-{_signature(event.pk, action, minute)}"


def _token_parts(event: Event, token: str) -> tuple[str, int]:
    """The action and minute a genuine token for ``event`` carries, else a ServiceError."""
    invalid = ServiceError(
        _("This check-in code is not valid. Scan the code on the leader's phone.")
    )
    head, sep, signature = (token or "").strip().partition("-")
    action, minute_hex = head[:1], head[1:]
    if not sep or action not in ACTIONS or not minute_hex or len(head) > 12:
        raise invalid
    try:
        minute = int(minute_hex, 16)
    except ValueError:
        raise invalid from None
    if not constant_time_compare(signature, _signature(event.pk, action, minute)):
        raise invalid
    return action, minute


# The leader's phone keeps this many minutes of codes, so the code keeps changing on its
# screen when it loses the signal (static/js/checkin-code.js).
CODES_AHEAD_MINUTES = 60


def checkin_tokens_ahead(*, event: Event, action: str, at: float | None = None) -> list:
    """``(minute, token)`` for this minute and the next CODES_AHEAD_MINUTES while check-in
    is open. Handing them out early adds nothing a leader could not already share: each is
    accepted at its own minute only (or later, from a phone that had no signal)."""
    first = _minute(at)
    closes = checkin_window(event)[1].timestamp() // 60
    return [
        (minute, checkin_token(event=event, action=action, at=minute * 60))
        for minute in range(first, first + CODES_AHEAD_MINUTES + 1)
        if minute <= closes
    ]


def checkin_token_action(*, event: Event, token: str, at: float | None = None) -> str:
    """The action of a valid token for ``event``, or a ServiceError saying why it is refused."""
    action, minute = _token_parts(event, token)
    age = _minute(at) - minute
    if age < 0 or age >= TOKEN_MINUTES_VALID:
        raise ServiceError(
            _("This check-in code has expired. Scan the code the leader is showing now.")
        )
    return action


def checkin_pass_grant(session, *, event: Event, action: str) -> None:
    session[SESSION_KEY] = {
        "event": event.pk,
        "action": action,
        "until": time.time() + PASS_SECONDS,
    }


def checkin_pass_action(session, *, event: Event) -> str | None:
    """The action a recent scan allows in this session for ``event``, if any."""
    granted = session.get(SESSION_KEY) or {}
    if granted.get("event") != event.pk or granted.get("until", 0) < time.time():
        return None
    return granted.get("action") if granted.get("action") in ACTIONS else None


def checkin_pass_clear(session) -> None:
    session.pop(SESSION_KEY, None)


def checkin_window(event: Event) -> tuple[datetime, datetime]:
    """When check-in opens and closes for ``event``."""
    return event.starts_at - OPEN_BEFORE, event.ends_at + CLOSE_AFTER


def checkin_window_open(event: Event, now=None) -> bool:
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return False
    opens, closes = checkin_window(event)
    return opens <= now <= closes


def clock_text(moment) -> str:
    """A check-in or check-out time as people read it on site: "09:05"."""
    return timezone.localtime(moment).strftime("%H:%M")


def checkin_refusal(event: Event, user, action: str, *, now=None) -> str | None:
    """Why ``user`` cannot check in (``IN``) or out (``OUT``) at ``event`` now, or None.

    The check-in service refuses with it, and the confirmation page says it
    before the button is pressed.
    """
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event was cancelled.")
    if not checkin_window_open(event, now):
        if now < event.starts_at:
            return _("Check-in opens an hour before the event starts.")
        return _("Check-in for this event has closed.")
    if not Signup.objects.filter(event=event, user=user, status=SignupStatus.CONFIRMED).exists():
        return _("You do not have a confirmed place at this event, so you cannot check in.")
    checkin = CheckIn.objects.filter(event=event, volunteer=user).first()
    if action == IN and checkin is not None:
        when = clock_text(checkin.checked_in_at)
        return _("You checked in at %(time)s already.") % {"time": when}
    if action == OUT and checkin is None:
        return _("Check in first: you cannot check out before checking in.")
    if action == OUT and checkin.checked_out_at is not None:
        when = clock_text(checkin.checked_out_at)
        return _("You checked out at %(time)s already.") % {"time": when}
    return None


def _position(lat, lon) -> tuple[float, float] | None:
    """The phone's position if it was shared and makes sense; otherwise none (it is optional)."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _where(event: Event, lat, lon):
    position = _position(lat, lon)
    if position is None:
        return None, None, None, False
    point = event.point
    if point is None:
        return *position, None, False
    distance = distance_m(position, point)
    return *position, distance, distance > settings.CHECKIN_FAR_METRES


def _checked_event(event: Event, user, action: str, now) -> Event:
    """The event, locked, once ``checkin_refusal`` has nothing against the action."""
    event = (
        Event.objects.select_for_update(of=("self",)).select_related("township").get(pk=event.pk)
    )
    refusal = checkin_refusal(event, user, action, now=now)
    if refusal:
        raise ServiceError(refusal)
    return event


def checkin_hours(checkin: CheckIn, event: Event) -> Decimal:
    """Hours between check-in and check-out, never more than the event lasted."""
    seconds = Decimal((checkin.checked_out_at - checkin.checked_in_at).total_seconds())
    hours = (seconds / 3600).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(hours, event_length_hours(event))


@transaction.atomic
def check_in(*, event: Event, user, lat=None, lon=None, now=None) -> CheckIn:
    now = now or timezone.now()
    # The event row is locked: the same volunteer's second scan waits, then is refused.
    event = _checked_event(event, user, IN, now)
    in_lat, in_lon, distance, far = _where(event, lat, lon)
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                event=event,
                volunteer=user,
                checked_in_at=now,
                in_lat=in_lat,
                in_lon=in_lon,
                in_distance_m=distance,
                far_from_event=far,
            )
    except IntegrityError:
        raise ServiceError(_("You have checked in already.")) from None
    signup = Signup.objects.get(event=event, user=user, status=SignupStatus.CONFIRMED)
    signup.attendance = Attendance.PRESENT
    signup.save(update_fields=["attendance"])
    return checkin


@transaction.atomic
def check_out(*, event: Event, user, lat=None, lon=None, now=None) -> CheckIn:
    """Check out and put the hours (capped at the event's length) on a draft service record."""
    now = now or timezone.now()
    event = _checked_event(event, user, OUT, now)
    checkin = CheckIn.objects.select_for_update().get(event=event, volunteer=user)
    out_lat, out_lon, distance, far = _where(event, lat, lon)
    checkin.checked_out_at = now
    checkin.out_lat, checkin.out_lon, checkin.out_distance_m = out_lat, out_lon, distance
    checkin.far_from_event = checkin.far_from_event or far
    checkin.save()
    # Hours the leader entered (or a withdrawal) stand; only check-in times are replaced.
    record = ServiceRecord.objects.filter(event=event, volunteer=user).first()
    if record is None or (
        record.status == RecordStatus.DRAFT and record.source == RecordSource.CHECKIN
    ):
        record_draft_set(
            event=event,
            user=user,
            hours=checkin_hours(checkin, event),
            source=RecordSource.CHECKIN,
            by=user,
        )
    return checkin


# --- Scans made without a signal -----------------------------------------------------------

# A scan kept on a phone without a signal is accepted this long after the code was shown.
OFFLINE_HOURS = 12


@transaction.atomic
def checkin_offline_sync(*, event: Event, user, token: str, now=None) -> tuple[CheckIn, str, bool]:
    """A code scanned while the phone had no signal, sent once it has one: the check-in (or
    check-out) is recorded at the minute of the code, not when it arrives, if the code is
    genuine for ``event`` and at most OFFLINE_HOURS old. Sending the same scan again
    changes nothing. Returns (check-in, action, newly recorded)."""
    now = now or timezone.now()
    action, minute = _token_parts(event, token)
    age = _minute(now.timestamp()) - minute
    if age < 0 or age >= OFFLINE_HOURS * 60:
        raise ServiceError(
            _("This scan is more than %(hours)d hours old, so it cannot count any more. "
              "Ask the team leader to mark you present.") % {"hours": OFFLINE_HOURS}
        )  # fmt: skip
    scanned_at = datetime.fromtimestamp(minute * 60, tz=UTC)
    existing = CheckIn.objects.filter(event=event, volunteer=user).first()
    done_at = existing and (existing.checked_in_at if action == IN else existing.checked_out_at)
    if done_at == scanned_at:
        return existing, action, False
    if action == IN:
        checkin = check_in(event=event, user=user, now=scanned_at)
        checkin.in_synced_at = now
    else:
        checkin = check_out(event=event, user=user, now=scanned_at)
        checkin.out_synced_at = now
    checkin.save(update_fields=["in_synced_at" if action == IN else "out_synced_at"])
    return checkin, action, True

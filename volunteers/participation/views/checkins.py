"""Check-in on site (签到/签退) and the leader's attendance list.

The leader's phone shows a QR code that changes every minute; a volunteer
scans it, signs in if they have to and confirms with one button. After the
event the leader goes through the attendance list, corrects the hours and
hands them to staff. Tokens, the session pass, the rules and the hours all
live in ``volunteers.services``; these views only show, ask and explain.
"""

import math
import time
from decimal import Decimal

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.errors import ServiceError
from volunteers.choices import Attendance, SignupStatus
from volunteers.events.models import Event
from volunteers.events.permissions import can_see_event
from volunteers.events.views.events import error_text, managed_event
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.services.checkins import (
    CLOSE_AFTER,
    IN,
    OPEN_BEFORE,
    OUT,
    PASS_SECONDS,
    TOKEN_MINUTES_VALID,
    check_in,
    check_out,
    checkin_hours,
    checkin_pass_action,
    checkin_pass_clear,
    checkin_pass_grant,
    checkin_token,
    checkin_token_action,
    checkin_window_open,
    event_length_hours,
)
from volunteers.participation.services.hours import attendance_save, records_submit

# The code page fetches a new code at every half minute of the server's clock,
# so the code on screen is always the current minute's and stays valid for at
# least a minute after it appears.
REFRESH_SECONDS = 30
QR_INK = "#16262e"
# Records the leader can no longer change: they are with staff, or decided.
LOCKED_RECORDS = (RecordStatus.SUBMITTED, RecordStatus.APPROVED, RecordStatus.REJECTED)


def _clock(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _hours_text(hours: Decimal) -> str:
    """2.50 → "2.5", 3.00 → "3": how people write hours."""
    return format(Decimal(hours).normalize(), "f")


# --- The leader's code ------------------------------------------------------------------


def _action_asked(request) -> str:
    return OUT if request.GET.get("action") == "out" else IN


def _counts(event: Event) -> dict:
    checkins = CheckIn.objects.filter(event=event).aggregate(
        checked_in=Count("pk"), checked_out=Count("checked_out_at")
    )
    confirmed = event.signups.filter(status=SignupStatus.CONFIRMED).count()
    return {**checkins, "confirmed": confirmed}


def _code(request, event: Event, action: str) -> dict:
    """The code to show now: the QR image, when it stops working and when to fetch the next."""
    now = time.time()
    refresh_in = max(1, math.ceil(REFRESH_SECONDS - now % REFRESH_SECONDS))
    is_open = not event.is_cancelled and checkin_window_open(event)
    code = {"open": is_open, "svg": "", "url": "", "expires_in": 0, "refresh_in": refresh_in}
    if is_open:
        token = checkin_token(event=event, action=action, at=now)
        url = request.build_absolute_uri(reverse("volunteers:checkin_scan", args=[event.pk, token]))
        title = _("QR code to check in") if action == IN else _("QR code to check out")
        code["svg"] = segno.make(url, error="m").svg_inline(
            scale=1,
            border=2,
            omitsize=True,
            dark=QR_INK,
            light="#ffffff",
            title=title,
            svgclass="checkin-qr__svg",
        )
        code["url"] = url
        minute = int(now // 60)
        code["expires_in"] = int((minute + TOKEN_MINUTES_VALID) * 60 - now)
    return code


@never_cache
@login_required
@require_GET
def checkin_code(request, pk: int):
    event = managed_event(request, pk)
    action = _action_asked(request)
    return render(
        request,
        "volunteers/participation/checkins/checkin_code.html",
        {
            "event": event,
            "action": action,
            "action_param": "out" if action == OUT else "in",
            "code": _code(request, event, action),
            "counts": _counts(event),
            "opens_at": event.starts_at - OPEN_BEFORE,
            "closes_at": event.ends_at + CLOSE_AFTER,
            "not_yet": timezone.now() < event.starts_at - OPEN_BEFORE,
        },
    )


@never_cache
@login_required
@require_GET
def checkin_code_refresh(request, pk: int):
    event = managed_event(request, pk)
    code = _code(request, event, _action_asked(request))
    response = JsonResponse({**code, "counts": _counts(event)})
    response["Cache-Control"] = "no-store"
    return response


# --- The volunteer's scan and confirmation ------------------------------------------------


@never_cache
@require_GET
def checkin_scan(request, pk: int, token: str):
    """A scanned code: remember it in the session, then confirm (after signing in if needed)."""
    event = get_object_or_404(Event, pk=pk)
    try:
        action = checkin_token_action(event=event, token=token)
    except ServiceError as error:
        return render(
            request,
            "volunteers/participation/checkins/scan_invalid.html",
            {"error": error_text(error)},
            status=400,
        )
    checkin_pass_grant(request.session, event=event, action=action)
    confirm_url = reverse("volunteers:checkin_confirm", args=[event.pk])
    if not request.user.is_authenticated:
        if action == IN:
            text = _("Sign in to finish checking in. Your scan is kept for %(minutes)d minutes.")
        else:
            text = _("Sign in to finish checking out. Your scan is kept for %(minutes)d minutes.")
        messages.info(request, text % {"minutes": PASS_SECONDS // 60})
        return redirect_to_login(confirm_url)
    return redirect(confirm_url)


def _blocked(event: Event, action: str, checkin: CheckIn | None) -> str:
    """Why pressing the button would certainly be refused, to say so before it is pressed."""
    if event.is_cancelled:
        return _("This event was cancelled.")
    if not checkin_window_open(event):
        if timezone.now() < event.starts_at:
            return _("Check-in opens an hour before the event starts.")
        return _("Check-in for this event has closed.")
    if action == IN and checkin is not None:
        return _("You checked in at %(time)s already.") % {"time": _clock(checkin.checked_in_at)}
    if action == OUT and checkin is not None and checkin.checked_out_at is not None:
        return _("You checked out at %(time)s already.") % {"time": _clock(checkin.checked_out_at)}
    if action == OUT and checkin is None:
        return _("Check in first: you cannot check out before checking in.")
    return ""


def _done_message(request, event: Event, action: str, checkin: CheckIn) -> None:
    if action == IN:
        messages.success(
            request, _("Checked in at %(time)s.") % {"time": _clock(checkin.checked_in_at)}
        )
    else:
        record = ServiceRecord.objects.filter(event=event, volunteer=request.user).first()
        when = _clock(checkin.checked_out_at)
        if record is not None and record.status == RecordStatus.DRAFT:
            messages.success(
                request,
                _("Checked out at %(time)s — %(hours)s hours recorded for the leader to submit.")
                % {"time": when, "hours": _hours_text(record.hours)},
            )
        else:
            messages.success(
                request,
                _("Checked out at %(time)s. Your hours for this event are already with staff.")
                % {"time": when},
            )
    distance = checkin.in_distance_m if action == IN else checkin.out_distance_m
    if distance is not None and distance > settings.CHECKIN_FAR_METRES:
        messages.warning(
            request,
            _(
                "Your phone's position looked far from the event, "
                "so the leader will see a note and may ask you about it."
            ),
        )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def checkin_confirm(request, pk: int):
    event = get_object_or_404(Event.objects.select_related("team", "township__county"), pk=pk)
    action = checkin_pass_action(request.session, event=event)
    if action is None:
        return render(
            request,
            "volunteers/participation/checkins/checkin_no_pass.html",
            {
                "event": event if can_see_event(request.user, event) else None,
                "minutes": PASS_SECONDS // 60,
            },
            status=403,
        )
    error = ""
    if request.method == "POST":
        where = {}
        if request.POST.get("share_position"):
            where = {"lat": request.POST.get("lat"), "lon": request.POST.get("lon")}
        try:
            do = check_in if action == IN else check_out
            checkin = do(event=event, user=request.user, **where)
        except ServiceError as refused:
            error = error_text(refused)
        else:
            checkin_pass_clear(request.session)
            _done_message(request, event, action, checkin)
            return redirect("volunteers:event_detail", pk=event.pk)
    checkin = CheckIn.objects.filter(event=event, volunteer=request.user).first()
    return render(
        request,
        "volunteers/participation/checkins/checkin_confirm.html",
        {
            "event": event,
            "action": action,
            "checkin": checkin,
            "error": error,
            "blocked": "" if error else _blocked(event, action, checkin),
        },
        status=400 if error else 200,
    )


# --- The leader's attendance list -----------------------------------------------------------


def _attendance_rows(event: Event) -> list[dict]:
    """One row per confirmed sign-up, with its check-in, record and the hours to suggest."""
    signups = list(
        event.signups.filter(status=SignupStatus.CONFIRMED)
        .select_related("user__volunteer")
        .order_by("queued_at", "pk")
    )
    checkins = {c.volunteer_id: c for c in CheckIn.objects.filter(event=event)}
    records = {r.volunteer_id: r for r in ServiceRecord.objects.filter(event=event)}
    length = event_length_hours(event)
    rows = []
    for signup in signups:
        checkin = checkins.get(signup.user_id)
        record = records.get(signup.user_id)
        locked = record is not None and record.status in LOCKED_RECORDS
        if record is not None and (locked or record.status == RecordStatus.DRAFT):
            hours = record.hours
        elif checkin is not None and checkin.checked_out_at is not None:
            hours = checkin_hours(checkin, event)
        else:
            hours = length
        profile = getattr(signup.user, "volunteer", None)
        rows.append(
            {
                "signup": signup,
                "name": profile.display_name if profile else signup.user.get_username(),
                "checkin": checkin,
                "record": record,
                "locked": locked,
                "attendance": signup.attendance,
                "hours": _hours_text(hours),
                "error": "",
            }
        )
    return rows


def _summary(rows: list[dict]) -> dict:
    return {
        "confirmed": len(rows),
        "checked_in": sum(1 for r in rows if r["checkin"] is not None),
        "present": sum(1 for r in rows if r["signup"].attendance == Attendance.PRESENT),
        "drafts": sum(
            1 for r in rows if r["record"] is not None and r["record"].status == RecordStatus.DRAFT
        ),
        "with_staff": sum(1 for r in rows if r["locked"]),
    }


def _save_attendance(request, event: Event, rows: list[dict]):
    """Save the posted list (and submit it if asked).

    Returns None once saved, else the messages for the top of the page; the
    rows then carry what was typed and their own errors, to correct and resend.
    """
    marks = {}
    for row in rows:
        if row["locked"]:
            continue
        pk = row["signup"].pk
        row["attendance"] = request.POST.get(f"attendance-{pk}", "")
        row["hours"] = request.POST.get(f"hours-{pk}", "").strip()
        marks[pk] = (row["attendance"], row["hours"])
    try:
        attendance_save(event=event, marks=marks, by=request.user)
    except ServiceError as error:
        by_pk = {f"signup-{row['signup'].pk}": row for row in rows}
        problems = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        general = []
        for key, texts in problems.items():
            if key in by_pk:
                by_pk[key]["error"] = " ".join(str(t) for t in texts)
            else:
                general.extend(str(t) for t in texts)
        return general or [_("Nothing was saved. Correct the rows marked below and save again.")]
    messages.success(request, _("Attendance saved."))
    if request.POST.get("submit"):
        try:
            records = records_submit(event=event, by=request.user)
        except ServiceError as error:
            messages.info(request, error_text(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d record sent to staff for approval.",
                    "%(n)d records sent to staff for approval.",
                    len(records),
                )
                % {"n": len(records)},
            )
    return None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    event = managed_event(request, pk)
    now = timezone.now()
    closed = ""
    if event.is_cancelled:
        closed = _("This event was cancelled; no hours can be recorded for it.")
    elif event.starts_at > now:
        closed = _("Attendance can be taken once the event has started.")
    rows = [] if closed else _attendance_rows(event)
    page_errors = []
    if request.method == "POST" and not closed:
        if request.POST.get("mark_all") == "present":
            for row in rows:
                if not row["locked"]:
                    pk_ = row["signup"].pk
                    row["attendance"] = Attendance.PRESENT
                    row["hours"] = request.POST.get(f"hours-{pk_}", row["hours"]).strip()
            messages.info(request, _("Everyone is marked present. Check the hours, then save."))
        else:
            page_errors = _save_attendance(request, event, rows)
            if page_errors is None:
                return redirect("volunteers:attendance", pk=event.pk)
    return render(
        request,
        "volunteers/participation/checkins/attendance.html",
        {
            "event": event,
            "closed": closed,
            "rows": rows,
            "summary": _summary(rows),
            "choices": [c for c in Attendance.choices if c[0]],
            "length": _hours_text(event_length_hours(event)),
            "page_errors": page_errors,
            "window_open": not event.is_cancelled and checkin_window_open(event, now),
        },
        status=400 if page_errors else 200,
    )

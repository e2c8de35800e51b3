"""Check-in on site (签到/签退).

The leader's phone shows a QR code that changes every minute; a volunteer
scans it, signs in if they have to and confirms with one button. Tokens, the
session pass and the rules all live in
``volunteers.participation.services.checkins``; these views only show, ask
and explain. The attendance list the leader goes through afterwards is in
``attendance``.
"""

import math
import time

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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import ServiceError, error_text
from volunteers.choices import SignupStatus
from volunteers.events.access import managed_event
from volunteers.events.models import Event
from volunteers.events.permissions import can_see_event
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.services.checkins import (
    IN,
    OUT,
    PASS_SECONDS,
    TOKEN_MINUTES_VALID,
    check_in,
    check_out,
    checkin_pass_action,
    checkin_pass_clear,
    checkin_pass_grant,
    checkin_refusal,
    checkin_token,
    checkin_token_action,
    checkin_tokens_ahead,
    checkin_window,
    checkin_window_open,
    clock_text,
)
from volunteers.participation.services.checkins import (
    checkin_offline_sync as checkin_offline_sync_service,
)
from volunteers.participation.services.records import hours_text

# The code page fetches a new code at every half minute of the server's clock,
# so the code on screen is always the current minute's and stays valid for at
# least a minute after it appears.
REFRESH_SECONDS = 30
QR_INK = "#16262e"


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
    is_open = checkin_window_open(event)
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
        scan = reverse("volunteers:checkin_scan", args=[event.pk, "TOKEN"])
        code["ahead"] = [
            [later, request.build_absolute_uri(scan.replace("TOKEN", token))]
            for later, token in checkin_tokens_ahead(event=event, action=action, at=now)
        ]
    return code


@never_cache
@login_required
@require_GET
def checkin_code(request, pk: int):
    event = managed_event(request, pk)
    action = _action_asked(request)
    opens_at, closes_at = checkin_window(event)
    return render(
        request,
        "volunteers/participation/checkins/checkin_code.html",
        {
            "event": event,
            "action": action,
            "action_param": "out" if action == OUT else "in",
            "code": _code(request, event, action),
            "counts": _counts(event),
            "opens_at": opens_at,
            "closes_at": closes_at,
            "not_yet": timezone.now() < opens_at,
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


def _done_message(request, event: Event, action: str, checkin: CheckIn) -> None:
    if action == IN:
        messages.success(
            request, _("Checked in at %(time)s.") % {"time": clock_text(checkin.checked_in_at)}
        )
    else:
        record = ServiceRecord.objects.filter(event=event, volunteer=request.user).first()
        when = clock_text(checkin.checked_out_at)
        if record is not None and record.status == RecordStatus.DRAFT:
            messages.success(
                request,
                _("Checked out at %(time)s — %(hours)s hours recorded for the leader to submit.")
                % {"time": when, "hours": hours_text(record.hours)},
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
            # Said before the button is pressed: the service would refuse it.
            "blocked": "" if error else checkin_refusal(event, request.user, action) or "",
        },
        status=400 if error else 200,
    )


@never_cache
@require_POST
def checkin_offline_sync(request, pk: int):
    """A scan kept on the phone while it had no signal (static/js/offline-checkins.js).

    JSON either way. 200: recorded (or recorded before: the phone may forget it); 400: it
    can never count, the phone forgets it and says why; 401: sign in first, the phone keeps it.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"ok": False, "error": _("Sign in to send your check-in.")}, status=401)
    event = get_object_or_404(Event, pk=pk)
    try:
        checkin, action, _new = checkin_offline_sync_service(
            event=event, user=request.user, token=request.POST.get("token", "")
        )
    except ServiceError as error:
        return JsonResponse({"ok": False, "error": error_text(error)}, status=400)
    moment = checkin.checked_in_at if action == IN else checkin.checked_out_at
    if action == IN:
        text = _("Checked in at %(time)s (scanned without a signal, sent now).")
    else:
        text = _("Checked out at %(time)s (scanned without a signal, sent now).")
    message = text % {"time": clock_text(moment)}
    return JsonResponse({"ok": True, "action": action, "message": message})

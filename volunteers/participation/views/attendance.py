"""The leader's attendance list: after the event, mark who came, correct the
hours and hand them to staff.

Which events take an attendance list and which records the leader may still
change are the attendance service's rules; this view asks it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.errors import ServiceError, error_text
from volunteers.choices import Attendance, SignupStatus
from volunteers.events.access import managed_event
from volunteers.events.models import Event
from volunteers.events.services.signups import QUEUE_ORDER
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.services.attendance import (
    attendance_refusal,
    attendance_save,
    records_submit,
)
from volunteers.participation.services.checkins import checkin_hours, checkin_window_open
from volunteers.participation.services.records import (
    event_length_hours,
    hours_text,
    record_with_leader,
)


def _attendance_rows(event: Event) -> list[dict]:
    """One row per confirmed sign-up, with its check-in, record and the hours to suggest."""
    signups = list(
        event.signups.filter(status=SignupStatus.CONFIRMED)
        .select_related("user__volunteer")
        .order_by(*QUEUE_ORDER)
    )
    checkins = {c.volunteer_id: c for c in CheckIn.objects.filter(event=event)}
    records = {r.volunteer_id: r for r in ServiceRecord.objects.filter(event=event)}
    length = event_length_hours(event)
    rows = []
    for signup in signups:
        checkin = checkins.get(signup.user_id)
        record = records.get(signup.user_id)
        # Submitted or decided: the record is staff's now, shown but not editable.
        locked = record is not None and not record_with_leader(record)
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
                "hours": hours_text(hours),
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
    closed = attendance_refusal(event, now=now) or ""
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
            "length": hours_text(event_length_hours(event)),
            "page_errors": page_errors,
            "window_open": checkin_window_open(event, now),
        },
        status=400 if page_errors else 200,
    )

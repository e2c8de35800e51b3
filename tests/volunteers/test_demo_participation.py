"""The demo shows participation at every stage, and its totals add up."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from portal.outbox import OutgoingMail
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByTeam, HoursByVolunteer
from volunteers.participation.services.rollups import rollups_rebuild

pytestmark = pytest.mark.django_db


def test_demo_has_volunteers_at_every_star_level(demo_content):
    levels = set(HoursByVolunteer.objects.values_list("star_level", flat=True))
    assert {1, 2, 3, 4, 5} <= levels
    volunteer = HoursByVolunteer.objects.get(user__email="volunteer@qingshui.example")
    assert volunteer.star_level == 0 and Decimal(50) < volunteer.approved_hours < Decimal(100)
    # Loading the demo announces nothing.
    assert not OutgoingMail.objects.filter(kind__contains="star_level").exists()

    # Work waits for the leader and for staff.
    statuses = set(ServiceRecord.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "approved"} <= statuses
    assert ActivityReport.objects.filter(status="submitted").exists()
    assert ActivityReport.objects.filter(status="approved", photos__isnull=False).exists()
    assert ActivityReport.objects.filter(event__isnull=True, status="approved").exists()
    assert CheckIn.objects.filter(far_from_event=True).exists()


def test_demo_records_have_an_audit_trail_and_matching_rollups(demo_content):
    assert not ServiceRecord.objects.filter(changes__isnull=True).exists()
    approved = ServiceRecord.objects.filter(status="approved")
    assert ServiceRecordChange.objects.filter(action="approve").count() == approved.count()
    before = dict(HoursByTeam.objects.values_list("team_id", "approved_hours"))
    rollups_rebuild()
    assert dict(HoursByTeam.objects.values_list("team_id", "approved_hours")) == before
    total = approved.aggregate(h=Sum("hours"))["h"]
    assert HoursByVolunteer.objects.aggregate(h=Sum("approved_hours"))["h"] == total

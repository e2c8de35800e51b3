"""Forty people race for ten places: exactly ten get one, thirty wait, nobody errors."""

import threading

import pytest
from django.db import connection, connections

from tests.factories import EventFactory, TeamFactory, VolunteerFactory
from volunteers.events.models import Signup
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True)
def test_forty_simultaneous_sign_ups_for_ten_places():
    if connection.vendor != "postgresql":
        pytest.skip("row locking is what is under test: needs PostgreSQL")
    event = EventFactory(team=TeamFactory(), capacity=10)
    people = [VolunteerFactory().user for _ in range(40)]
    barrier = threading.Barrier(len(people))
    errors = []

    def sign_up(user):
        try:
            barrier.wait(timeout=30)
            event_signup(event=event, user=user)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(Signup.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 30

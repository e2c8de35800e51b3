import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from showcase.roles import editorial_setup_ensure
from tests.factories import EventFactory, TeamFactory, VolunteerFactory
from tests.utils import approved


@pytest.fixture
def volunteer(db):
    return VolunteerFactory().user


@pytest.fixture
def make_volunteer(db):
    return lambda **kw: VolunteerFactory(**kw).user


@pytest.fixture
def leader(db):
    return VolunteerFactory(display_name="库区老张").user


@pytest.fixture
def team(leader):
    return TeamFactory(leader=leader)


@pytest.fixture
def event(team):
    return EventFactory(team=team, capacity=2)


@pytest.fixture
def staff(db):
    user = VolunteerFactory(display_name="工作人员").user
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def editor_client(client):
    """A content editor: may use the admin, has no volunteer permissions."""
    groups = editorial_setup_ensure()
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(groups["Editors"])
    client.force_login(editor)
    return client


# --- Language and media: asked for with ``pytest.mark.usefixtures`` ------------------


@pytest.fixture
def english():
    """English, for assertions that read messages and pages (they follow the active language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


# --- Check-in ----------------------------------------------------------------------


@pytest.fixture
def today_event(team):
    """An event of the team that started an hour ago: check-in is open."""
    import datetime

    from django.utils import timezone

    starts = timezone.now() - datetime.timedelta(hours=1)
    return EventFactory(
        team=team,
        title="库区清漂",
        meeting_point="均县镇码头",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(hours=2),
        lat=32.70,
        lon=111.00,
    )


@pytest.fixture
def signed_up(today_event, volunteer):
    """The volunteer, with a confirmed place at today's event."""
    from tests.factories import SignupFactory

    SignupFactory(event=today_event, user=volunteer)
    return volunteer


# --- Certificates ---------------------------------------------------------------


@pytest.fixture
def private_files(settings, tmp_path):
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": "/no-public-url/"},
        },
    }
    storages._storages.pop("private", None)
    yield
    storages._storages.pop("private", None)


@pytest.fixture
def volunteer_with_hours(team, leader, staff, volunteer, private_files):
    volunteer.volunteer.real_name = "张三丰"
    volunteer.volunteer.save()
    approved(team, leader, staff, volunteer, "3.5", days_ago=9)
    approved(team, leader, staff, volunteer, "2", days_ago=4)
    return volunteer


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    """Request a certificate and run the task queued after the commit, as the worker would."""

    from volunteers.recognition.services.certificates import certificate_request

    def request(user, language):
        with django_capture_on_commit_callbacks(execute=True):
            certificate = certificate_request(user=user, language=language)
        certificate.refresh_from_db()
        return certificate

    return request

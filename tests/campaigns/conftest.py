import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, VolunteerFactory


@pytest.fixture(autouse=True)
def _default_language():
    """Start and end in Chinese: a request to /en/ leaves English active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def campaigns_index(home):
    return CampaignIndexPageFactory(parent=home)


@pytest.fixture
def campaign(campaigns_index):
    """A running clean-plate campaign with one pledges goal (target 100)."""
    return CampaignPageFactory(parent=campaigns_index, title="光盘行动", slug="clean-plate")


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(display_name="光盘小达人", user__email="xiaoli@example.com").user


@pytest.fixture
def en_locale(db):
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]


def translate(page, title):
    """Publish ``page``'s English translation (its goals keep their translation keys)."""
    from wagtail.models import Locale

    from portal.demo_helpers import publish_translation

    return publish_translation(page, Locale.objects.get(language_code="en"), title=title)

import pytest
from django.core.management import call_command


class QuietOutput:
    production = False

    def info(self, message):
        pass

    def account(self, role, email, password):
        pass


@pytest.fixture
def home(db):
    """The home page in both languages, site settings and the staff account."""
    from portal import demo
    from portal.models import HomePage

    demo.load(out=QuietOutput())
    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def demo_content(db):
    """Everything ``load_demo`` creates: pages, units, images, accounts."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and rendered fragments live in the cache; isolate each test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the test thread; start each test in Chinese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)

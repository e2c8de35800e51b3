import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The home page in both languages, site settings and the staff account."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def home(demo_site):
    from portal.models import HomePage

    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and rendered fragments live in the cache; isolate each test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

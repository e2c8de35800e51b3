import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.factories import EventFactory, VolunteerFactory


def boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", boom)]
handler500 = "portal.views.server_error"


@pytest.mark.django_db
def test_unknown_url_gives_styled_chinese_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert 'class="site-header"' in html


@pytest.mark.django_db
def test_unknown_english_url_gives_english_404(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'lang="en"' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_never_leaks_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html
    assert "secret-internal-detail" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_health_check(client):
    assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_forbidden_pages_are_styled_and_offer_a_way_on(client, home):
    event = EventFactory()
    response = client.get(f"/events/{event.pk}/edit/")
    assert response.status_code == 302  # anonymous: sign in first
    client.force_login(VolunteerFactory().user)
    response = client.get(f"/events/{event.pk}/edit/")
    assert response.status_code == 403
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.django_db
def test_nul_characters_in_query_strings_and_paths_never_reach_the_database(client, home):
    assert client.get("/?q=%00").status_code == 200
    assert client.get("/events/?county=%00&township=a%00b").status_code == 200
    assert client.get("/townships/%00/").status_code == 404

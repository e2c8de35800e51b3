import pytest
from django.core.management import call_command

from volunteers.places.gazetteer import gazetteer_load
from volunteers.places.models import County, Township

pytestmark = pytest.mark.django_db


def test_gazetteer_loads_all_counties_and_townships():
    result = gazetteer_load()
    assert result.created == 137
    assert County.objects.count() == 8
    assert Township.objects.count() == 129
    danjiangkou = County.objects.get(name_zh="丹江口市")
    assert danjiangkou.in_reservoir_area
    assert 32 < danjiangkou.lat < 33 and 110 < danjiangkou.lon < 112


def test_loading_twice_changes_nothing(capsys):
    call_command("load_gazetteer")
    call_command("load_gazetteer")
    assert "0 created, 0 updated, 137 unchanged" in capsys.readouterr().out


def test_township_without_point_falls_back_to_county_seat():
    gazetteer_load()
    approximate = Township.objects.filter(point_is_approximate=True).select_related("county")
    assert approximate.count() == 129 - 87  # 95 rows with a point, 8 of them counties
    for township in approximate:
        assert (township.lat, township.lon) == (township.county.lat, township.county.lon)


def test_staff_edits_survive_a_reload():
    gazetteer_load()
    township = Township.objects.filter(point_is_approximate=True).first()
    township.lat, township.lon, township.in_reservoir_area = 32.7, 111.1, True
    township.point_is_approximate = False
    township.edited_by_staff = True
    township.save()
    gazetteer_load()
    township.refresh_from_db()
    assert (township.lat, township.lon, township.in_reservoir_area) == (32.7, 111.1, True)


def test_staff_editing_in_the_admin_marks_the_place(admin_client):
    gazetteer_load()
    township = Township.objects.get(name_zh__startswith="习家店")
    response = admin_client.post(
        f"/admin/snippets/volunteers/township/edit/{township.pk}/",
        {
            "county": township.county_id,
            "name_zh": township.name_zh,
            "name_en": township.name_en,
            "lat": "32.69",
            "lon": "111.26",
            "in_reservoir_area": "on",
            "point_is_approximate": "",
        },
    )
    assert response.status_code == 302
    township.refresh_from_db()
    assert township.edited_by_staff and township.in_reservoir_area
    assert township.lat == 32.69

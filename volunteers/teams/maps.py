"""Maps of teams: the directory map and a team's own place."""

from django.urls import reverse
from django.utils.translation import gettext

from portal.maps.builder import add_point_cluster, make_map, render_map
from volunteers.places.maps import SHIYAN_CENTRE, add_water, build_place_map, cached_map
from volunteers.teams.selectors import teams_for_directory


def teams_map(filters: dict):
    """All approved teams matching the directory's filters, clustered, linking to their pages."""

    def build():
        rows = teams_for_directory(filters=filters).values_list(
            "pk", "name", "township__lat", "township__lon", "county__lat", "county__lon"
        )
        m = make_map(
            center=SHIYAN_CENTRE, zoom=9, height=420, label=gettext("Map of volunteer teams")
        )
        add_water(m)
        points = []
        for pk, name, t_lat, t_lon, c_lat, c_lon in rows:
            lat, lon = (t_lat, t_lon) if t_lat is not None and t_lon is not None else (c_lat, c_lon)
            if lat is not None and lon is not None:
                points.append((lat, lon, name, reverse("volunteers:team_detail", args=[pk])))
        add_point_cluster(m, points)
        return render_map(m)

    return cached_map("teams", filters, build)


def team_location_map(team):
    point = team.point
    if point is None:
        return None
    return cached_map(
        "team",
        {"pk": team.pk, "point": point},
        lambda: build_place_map(lat=point[0], lon=point[1], label=team.name, zoom=12),
    )

"""Fail at start-up, not on the first map page, when the tile provider cannot be used."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from portal.maps.providers import tile_provider


@register("maps")
def check_tile_provider(app_configs, **kwargs):
    try:
        tile_provider()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set MAP_TILE_PROVIDER to osm, tianditu (with TIANDITU_KEY) or gaode.",
                id="portal.maps.E001",
            )
        ]
    return []

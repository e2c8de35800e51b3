"""Tile providers the portal can draw maps on, chosen by ``settings.MAP_TILE_PROVIDER``.

Kept free of folium so the start-up system check can validate the setting cheaply.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

# Place points come from GeoNames, outlines from Natural Earth: both are credited on every
# map, whatever the tiles.
DATA_ATTRIBUTION = (
    '<a href="https://www.geonames.org/">GeoNames (CC BY 4.0)</a>'
    ' | <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)

_TIANDITU_WMTS = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)


@dataclass(frozen=True)
class TileProvider:
    name: str
    url: str
    attribution: str
    subdomains: str = "abc"
    max_zoom: int = 18
    # Tiles drawn in GCJ-02: WGS-84 points must be shifted before drawing.
    gcj02: bool = False
    # A transparent layer of place names drawn over the base tiles (Tianditu ships them apart).
    labels_url: str = ""
    # The pixels each tile image has; Leaflet always draws it in a 256 CSS px cell, so 512
    # stays sharp on a phone's 2× screen for the same number of requests.
    image_pixels: int = 256


PROVIDERS = ("osm", "tianditu", "gaode")


def tile_provider(name: str | None = None) -> TileProvider:
    """The provider called ``name`` (default: the setting); raise if it cannot be used."""
    name = settings.MAP_TILE_PROVIDER if name is None else name
    if name == "tianditu" and not settings.TIANDITU_KEY:
        raise ImproperlyConfigured(
            'MAP_TILE_PROVIDER is "tianditu" but TIANDITU_KEY is empty; '
            "set TIANDITU_KEY to a Tianditu browser key or choose another provider."
        )
    english = (translation.get_language() or "").startswith("en")
    return provider_tiles(name, key=settings.TIANDITU_KEY, english_labels=english)


def tile_origins(name: str) -> list[str]:
    """The origins ``name``'s tiles are loaded from (each subdomain spelt out), for the
    Content-Security-Policy's img-src; empty for an unknown name, which the system check
    reports. Reads no settings: the settings module calls it."""
    try:
        tiles = provider_tiles(name, key="", english_labels=False)
    except ImproperlyConfigured:
        return []
    origins = []
    for url in filter(None, (tiles.url, tiles.labels_url)):
        hosts = [url.replace("{s}", s) for s in tiles.subdomains] if "{s}" in url else [url]
        for host in hosts:
            parts = urlsplit(host)
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(origins))


def provider_tiles(name: str, *, key: str, english_labels: bool) -> TileProvider:
    if name == "osm":
        return TileProvider(
            name="osm",
            url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attribution='&copy; <a href="https://www.openstreetmap.org/copyright">'
            "OpenStreetMap</a> contributors",
            subdomains="",
            max_zoom=19,
        )
    if name == "tianditu":
        labels = "eva" if english_labels else "cva"
        return TileProvider(
            name="tianditu",
            url=_TIANDITU_WMTS.format(layer="vec", key=key),
            labels_url=_TIANDITU_WMTS.format(layer=labels, key=key),
            attribution='&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a>',
            subdomains="01234567",
        )
    if name == "gaode":
        return TileProvider(
            name="gaode",
            # scale=2: AutoNavi's high-definition tiles (512 px), one per cell as before.
            url="https://webrd0{s}.is.autonavi.com/appmaptile"
            "?lang=zh_cn&size=1&scale=2&style=8&x={x}&y={y}&z={z}",
            attribution='&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a>',
            subdomains="1234",
            gcj02=True,
            image_pixels=512,
        )
    raise ImproperlyConfigured(
        f"Unknown MAP_TILE_PROVIDER {name!r}; choose one of: {', '.join(PROVIDERS)}."
    )

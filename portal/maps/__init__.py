"""Server-side maps: folium builds them, Leaflet from static/vendor/ draws them.

The public API lives in ``portal.maps.builder`` (folium is imported only there) and
``portal.maps.geo``; see docs/maps.md.
"""

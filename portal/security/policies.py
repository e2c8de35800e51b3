"""The Content-Security-Policy and Permissions-Policy of the portal (docs/security.md).

Settings read them from here (portal/settings/base.py); the map's tile hosts
come from the configured tile provider.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE


def content_security_policies(*, tile_origins) -> tuple[dict, dict]:
    """The public pages' policy and the Wagtail admin's, as django-csp settings."""
    public = {
        "DIRECTIVES": {
            "default-src": [SELF],
            # Inline scripts run only with this response's nonce ({% csp_nonce %}).
            "script-src": [SELF, NONCE],
            # Styles as strictly as scripts: our pages and folium's maps set no style
            # attributes (maps and Leaflet size things from script, which CSP allows), so
            # only our stylesheets and nonced <style> elements apply.
            "style-src": [SELF, NONCE],
            # blob: for the previews of photos chosen for a report, made in the page.
            "img-src": [SELF, "data:", "blob:", *tile_origins],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        },
    }
    # The Wagtail admin (under /admin/) writes inline scripts without a nonce (inline
    # panels, date pickers, choosers) and many style attributes, so it gets 'unsafe-inline'
    # for both; a nonce in the same directive would switch 'unsafe-inline' off. Only staff
    # sign in there. It shows page previews in frames of its own, hence frame-ancestors
    # 'self' (X-Frame-Options still denies framing to other sites).
    admin = {
        "DIRECTIVES": {
            **public["DIRECTIVES"],
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "frame-ancestors": [SELF],
        },
    }
    return public, admin


# Check-in reads the phone's position; the camera stays open to the site itself for
# reading a check-in code in the page. Every other powerful feature is off, for embeds too.
PERMISSIONS = {
    "geolocation": ["self"],
    "camera": ["self"],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "hid": [],
    "midi": [],
    "display-capture": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "xr-spatial-tracking": [],
}

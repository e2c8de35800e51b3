"""The Permissions-Policy header: which browser features pages may use.

Django has no setting for it. ``settings.PERMISSIONS_POLICY`` maps each feature to
the origins allowed to use it: ``["self"]`` for the site itself, ``[]`` for nobody.
"""

from django.conf import settings

HEADER = "Permissions-Policy"


def permissions_policy(policy: dict[str, list[str]]) -> str:
    """``{"camera": ["self"], "usb": []}`` as ``camera=(self), usb=()``."""

    def allowlist(origins):
        return " ".join(o if o in ("self", "*") else f'"{o}"' for o in origins)

    return ", ".join(f"{feature}=({allowlist(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(HEADER, self.value)
        return response

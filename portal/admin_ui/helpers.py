"""Small helpers of the Wagtail admin views: permissions, links back to a listing, times."""

from urllib.parse import urlencode

from wagtail.permissions import policy_registry

EXPORT_CHUNK = 1000


def user_can(user, model, actions) -> bool:
    return policy_registry.get_by_type(model).user_has_any_permission(user, set(actions))


def listing_url(view) -> str:
    """The listing the user is looking at (also from the AJAX results view), to come back to."""
    query = view.request.GET.copy()
    query.pop("_w_filter_fragment", None)
    encoded = query.urlencode()
    return f"{view.index_url}?{encoded}" if encoded else view.index_url


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"

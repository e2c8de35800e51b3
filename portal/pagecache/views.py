"""Marking views whose pages may be cached."""

from functools import wraps

from portal.pagecache.middleware import cache_state
from portal.pagecache.pages import SITE


def cached_page(*tags: str, shared: bool = False):
    """The view's page may be served from the cache while ``tags`` stay unchanged.

    Tags may name the view's URL arguments (``"event:{pk}"``); every page also
    depends on ``SITE`` (navigation and footer). ``shared`` views
    (open-data feeds) look at nobody, so they are cached for signed-in users too.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            state = cache_state(request)
            if state is not None:
                state.depend(SITE, *(tag.format(**kwargs) for tag in tags))
            return view(request, *args, **kwargs)

        wrapped.pagecache_policy = {"shared": shared}
        return wrapped

    return decorator


def page_depends(request, *tags: str) -> None:
    """Add tags known only inside the view (call before reading the data they name)."""
    state = cache_state(request)
    if state is not None:
        state.depend(*tags)


def page_changes_at(request, *moments) -> None:
    """The page shows a different state from the first of ``moments`` still to come."""
    state = cache_state(request)
    if state is not None:
        for moment in moments:
            if moment is not None:
                state.expire_at(moment)

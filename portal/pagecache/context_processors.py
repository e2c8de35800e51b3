from portal.pagecache.store import CSRF_PLACEHOLDER


def csrf_placeholder(request):
    """In a page that may be stored, forms carry a placeholder instead of this visitor's
    CSRF token; the middleware puts a fresh token in every response it serves."""
    if getattr(request, "_pagecache", None) is not None:
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}

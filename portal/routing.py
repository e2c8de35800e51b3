"""Wagtail's page routing, remembered until the page tree changes.

Wagtail finds a page by walking the tree from the site's root, two queries per
level of the URL (the child by its slug, then its specific type). The walk's
result — which page a path leads to, of what type, and how many path
components it took — is the same for every visitor until a page is published,
moved or unpublished, so it is kept as a shared part and a page is then
loaded with a single query. The route is handed to Wagtail's own ``serve``
(which keeps it on the request), so every check Wagtail makes on the way —
view restrictions, ``before_serve_page`` hooks, sub-page routes — still runs.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from portal.pagecache.fragments import shared_part


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    return wagtail_views.serve(request, path)


# Stored by the front cache like Wagtail's own serve view: for anonymous visitors only.
serve.pagecache_policy = {"shared": False}


def _route(request, path: str):
    components = [part for part in path.split("/") if part]
    found = {}

    def walk():
        result = Page.route_for_request(request, path)
        found["result"] = result
        if result is None:
            return ()  # remembered too: an unknown path costs one cache read next time
        page = result[0]
        consumed = page.depth - Site.find_for_request(request).root_page.depth
        return (page.content_type_id, page.pk, consumed)

    target = shared_part(f"route:{request.get_host()}:{get_language()}:{path}", walk)
    if "result" in found or not target:
        return found.get("result")
    content_type_id, pk, consumed = target
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    try:
        page = model.objects.get(pk=pk)
        return page.route(request, components[consumed:])
    except (Http404, model.DoesNotExist):
        return None

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from portal import pwa, routing, views
from portal.api import api_router
from portal.search import views as search_views
from portal.sitemap import sitemap

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    # Before the admin's own URLs: Wagtail's login and password reset are
    # answered by allauth's, with its rate limits and verified e-mail rule.
    path("admin/login/", views.admin_login, name="admin_login"),
    re_path(r"^admin/password_reset/(?P<rest>.*)$", views.admin_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # At the root: a service worker looks after the pages under its own address only.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("api/v2/", api_router.urls),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("volunteers.urls")),
    path("search/", search_views.search, name="search"),
    path("offline/", pwa.offline, name="offline"),
    path("_util/login/", views.page_login, name="page_login"),
    path("pages/<int:pk>/card.png", views.page_card, name="page_card"),
    # Wagtail's catch-all must stay last; pages are served through the remembered routes.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

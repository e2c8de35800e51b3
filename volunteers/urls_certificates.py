# Hours certificates and their public verification.
from django.urls import path, re_path

from volunteers.views import certificates as views

urlpatterns = [
    path("me/certificate/", views.my_certificate, name="my_certificate"),
    re_path(
        r"^me/certificate/(?P<code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\.pdf$",
        views.certificate_download,
        name="certificate_download",
    ),
    path("verify/", views.certificate_lookup, name="certificate_lookup"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
]

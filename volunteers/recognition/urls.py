"""Hours certificates, their public verification, and the impact dashboard."""

from django.urls import path, re_path

from volunteers.recognition.views import certificates, impact

urlpatterns = [
    path("me/certificate/", certificates.my_certificate, name="my_certificate"),
    re_path(
        r"^me/certificate/(?P<code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\.pdf$",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path("verify/", certificates.certificate_lookup, name="certificate_lookup"),
    path("verify/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    path("impact/", impact.impact, name="impact"),
]

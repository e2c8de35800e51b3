"""Wagtail hooks of the exports pages (imported by wagtail_hooks)."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from volunteers.recognition.admin.views import export_urls
from volunteers.recognition.services.exports.requests import export_allowed

# After service records (5) and activity reports (6), the items it exports.
MENU_ORDER = 6.5


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path(
            "volunteers/exports/",
            include((export_urls(), "volunteer_exports"), namespace="volunteer_exports"),
        )
    ]


class ExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return export_allowed(request.user)


@hooks.register("register_volunteers_menu_item")
def exports_menu_item():
    return ExportsMenuItem(
        _("Exports"),
        reverse_lazy("volunteer_exports:index"),
        name="volunteer-exports",
        icon_name="download",
        order=MENU_ORDER,
    )

"""Building blocks of the staff views in the Wagtail admin."""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import TemplateView
from wagtail.admin.panels import Panel
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from portal.errors import ServiceError

# --- Building blocks ------------------------------------------------------------


class TemplatePanel(Panel):
    """A read-only panel rendered from a template with context from ``get_context``."""

    def __init__(self, template, get_context=None, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.get_context = get_context

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(template=self.template, get_context=self.get_context)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["object"] = self.instance
            if self.panel.get_context:
                context.update(self.panel.get_context(self.instance, self.request))
            return context


class StaffViewSetMixin:
    """Leaves out the views that would bypass the services or destroy personal data.

    Teams and volunteers are created on the public site (with the privacy
    notice and a leader); events are cancelled, not deleted; a volunteer's
    deletion anonymises them and belongs to their own account page.
    """

    add_to_reference_index = False  # keeps sign-ups and profile saves free of extra writes
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    removed_views = ("add", "delete", "usage")

    def get_common_view_kwargs(self, **kwargs):
        removed = {f"{name}_url_name": None for name in self.removed_views}
        return super().get_common_view_kwargs(**{**removed, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in self.removed_views]


class ServiceEditView(generic.EditView):
    """An edit view whose save goes through a service; its refusals become form errors."""

    produced_error_message = None

    def call_service(self, changed: dict):
        raise NotImplementedError

    def save_instance(self):
        changed = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        instance = self.call_service(changed)
        log(
            instance=instance,
            action="wagtail.edit",
            user=self.request.user,
            content_changed=bool(changed),
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ObjectActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the action itself (POST) for one object."""

    model = None
    index_url_name = None
    edit_url_name = None
    header_icon = ""
    permission_required = "change"
    related = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = self.model._default_manager.select_related(*self.related)
        self.object = get_object_or_404(queryset, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_index_label(self):
        return capfirst(self.model._meta.verbose_name_plural)

    def get_object_label(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.get_index_label()},
            {"url": self.get_edit_url(), "label": self.get_object_label()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.get_full_path(),
            next_url=self.get_next_url(),
            edit_url=self.get_edit_url(),
        )
        return context

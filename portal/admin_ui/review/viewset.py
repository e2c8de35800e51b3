"""An item's review page, and the viewset that puts a queue together."""

from dataclasses import replace

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from portal.admin_ui.helpers import with_next
from portal.admin_ui.review.decisions import Decision
from portal.admin_ui.views import StaffViewSetMixin


class ReviewInspectView(generic.InspectView):
    """An item's review page, with the decisions open to it.

    ``decision_forms`` are the one-click decisions (a form each, posting back
    here), ``decision_links`` open the others' pages; ``awaiting`` says the
    item waits for a one-click decision this user may take.
    """

    decisions = ()
    inspect_url_name = None
    related = ()

    def get_queryset(self):
        return self.model._default_manager.select_related(*self.related)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        here = reverse(self.inspect_url_name, args=[quote(item.pk)])
        decisions = []
        if self.user_has_permission("change"):
            decisions = [d for d in self.decisions if d.is_open(item)]
        forms = [{"url": d.url(item), "label": d.label} for d in decisions if d.one_click]
        context.update(
            decision_forms=forms,
            decision_links=[
                Button(d.label, url=with_next(d.url(item), here))
                for d in decisions
                if not d.one_click
            ],
            awaiting=bool(forms),
            next_url=here,
        )
        return context


class ReviewViewSet(StaffViewSetMixin, ModelViewSet):
    """A queue's listing, review page and decisions; items are neither added, edited nor deleted."""

    index_template_name = "portal/admin_ui/review_index.html"
    removed_views = ("add", "edit", "delete", "usage")
    form_fields = ()
    list_per_page = 50
    decisions: tuple[Decision, ...] = ()

    @cached_property
    def bound_decisions(self) -> tuple[Decision, ...]:
        return tuple(replace(d, url_name=self.get_url_name(d.name)) for d in self.decisions)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(decisions=self.bound_decisions, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(
                    f"{d.name}/<int:pk>/",
                    self.construct_view(d.view_class, decision=d),
                    name=d.name,
                )
                for d in self.bound_decisions
            ),
        ]

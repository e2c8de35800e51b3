"""Decisions on one item: what staff may decide, and the views that take the decision."""

from dataclasses import dataclass

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.log_actions import log

from portal.admin_ui.views import ObjectActionView
from portal.errors import ServiceError, form_add_service_error


@dataclass(frozen=True)
class Decision:
    """A decision staff may take on an item: on its row, on its review page, at its URL.

    ``name`` is the URL (``<name>/<pk>/``) and the URL name; ``statuses`` the
    items it is offered for; ``view_class`` a ``OneClickDecisionView`` (one
    POST from a button) or a ``FormDecisionView`` (a page with a form).
    ``in_rows=False`` offers it on the review page only.
    """

    name: str
    label: str
    statuses: tuple
    view_class: type
    in_rows: bool = True
    url_name: str = ""  # set by the ReviewViewSet, which knows its namespace

    @property
    def one_click(self) -> bool:
        return self.view_class.one_click

    def is_open(self, item) -> bool:
        return item.status in self.statuses

    def url(self, item) -> str:
        return reverse(self.url_name, args=[quote(item.pk)])


def reason_field(label, help_text, rows=3):
    """The reason staff give with a decision; the service says when one is needed."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class DecisionView(ObjectActionView):
    """One decision on one item: ``act`` calls the service and returns the item."""

    one_click = False
    decision = None  # the Decision, from the viewset
    inspect_url_name = None
    log_action = ""

    def get_edit_url(self):
        # Nothing here is edited: the way back is the item's review page.
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def act(self, data: dict):
        raise NotImplementedError

    def decide(self, data: dict):
        """Take the decision (a ``ServiceError`` if the service refuses it) and log it."""
        item = self.act(data)
        log(instance=item, action=self.log_action, user=self.request.user)
        return item

    def success_message(self, item) -> str:
        raise NotImplementedError


class OneClickDecisionView(DecisionView):
    """A POST takes the decision and goes back; a GET lands on the item's review page."""

    one_click = True

    def success_buttons(self, item) -> list:
        return []

    def get(self, request, *args, **kwargs):
        return redirect(self.get_edit_url())

    def post(self, request, *args, **kwargs):
        try:
            item = self.decide({})
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, self.success_message(item), buttons=self.success_buttons(item)
            )
        return redirect(self.get_next_url())


class FormDecisionView(DecisionView):
    """A page with the decision's form (a reason, new hours, ...) for an item it is open to."""

    form_class = None
    not_allowed_message = ""

    def get_initial(self) -> dict:
        return {}

    def get_form(self):
        if self.request.method == "POST":
            return self.form_class(self.request.POST)
        return self.form_class(initial=self.get_initial())

    def get(self, request, *args, **kwargs):
        if not self.decision.is_open(self.object):
            messages.warning(request, self.not_allowed_message)
            return redirect(self.get_edit_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                item = self.decide(form.cleaned_data)
            except ServiceError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, self.success_message(item))
                return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["decision"] = self.decision.name
        return context

"""Building blocks for the admin's long listings: cheap to write for every row.

A queue page writes 50 rows of ten cells and a team filter of 2,000 options.
Django and Wagtail render each option and each cell through a template of its
own; for plain text that is most of the page's time, so these write the HTML
directly, escaped the same way.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import Column


class LongSelect(forms.Select):
    """A select of thousands of plain options (the teams) written in one pass.

    The 2,000 teams took 130 ms through Django's option template, half of the
    queue page's time; written here they take a few.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option, label in self.choices:
            option = str(option)
            selected = " selected" if option in chosen else ""
            options.append(f'<option value="{escape(option)}"{selected}>{escape(label)}</option>')
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value and label is escaped above, the attributes by flatatt.
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{"".join(options)}</select>')  # noqa: S308


class TextColumn(Column):
    """A column of plain text: the cell Wagtail's template writes, without the template."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        text = "" if value is None else str(value)
        if not text.strip():
            text = self.empty_value_display
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, text)
        return format_html("<td>{}</td>", text)


def form_button(form_id: str, url: str, label) -> str:
    """A button that submits the page's form ``form_id`` to ``url``.

    The form, written once for the page, carries the CSRF token and the way
    back, so a row carries neither.
    """
    return format_html(
        '<button type="submit" form="{}" formaction="{}" '
        'class="button button-small button-secondary">{}</button>',
        form_id,
        url,
        label,
    )


class ActionsColumn(Column):
    """A row's buttons and links, in place of Wagtail's menu on each row.

    The menu's dropdown components were most of a queue page's time; these are
    written without a template. Subclasses say which actions a row offers.
    """

    def __init__(self, *args, can_change=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_change = can_change

    def get_actions(self, instance) -> list[str]:
        raise NotImplementedError

    def render_cell_html(self, instance, parent_context):
        actions = format_html_join(" ", "{}", ((a,) for a in self.get_actions(instance)))
        return format_html('<td class="row-actions">{}</td>', actions)

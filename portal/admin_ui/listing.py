"""Building blocks for the admin's long listings: cheap to write for every row.

A queue page writes 50 rows of ten cells. Wagtail renders each cell through
a template of its own; for plain text that is most of the page's time, so
these write the HTML directly, escaped the same way.
"""

from django.contrib.admin.utils import quote
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, StatusTagColumn, TitleColumn


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


class TitleLinkColumn(TitleColumn):
    """The row's title as a link to its page, with the id the row's checkbox
    points at for screen readers (``title_id``)."""

    def __init__(self, *args, title_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.title_id = title_id

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        text = str(value) if value not in (None, "") else self.empty_value_display
        title = text
        if self.title_id:
            title = format_html('<span id="{}">{}</span>', self.title_id(instance), text)
        url = self.get_link_url(instance, parent_context)
        if url:
            title = format_html('<a href="{}">{}</a>', url, title)
        classes = f"{self.classname} title" if self.classname else "title"
        return format_html(
            '<td class="{}"><div class="title-wrapper">{}</div></td>', classes, title
        )


class StatusColumn(StatusTagColumn):
    """Wagtail's status tag, written without its two templates."""

    def render_cell_html(self, instance, parent_context):
        primary = " w-status--primary" if self.get_primary(instance) else ""
        tag = format_html('<span class="w-status{}">{}</span>', primary, self.get_value(instance))
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, tag)
        return format_html("<td>{}</td>", tag)


class CheckboxColumn(BulkActionsCheckboxColumn):
    """The bulk actions' checkbox of a row, written without its template."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" aria-label="{}" '
            'aria-describedby="{}"></td>',
            quote(instance.pk),
            _("Select"),
            self.get_aria_describedby(instance),
        )

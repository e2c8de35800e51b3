from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from portal.pagecache.middleware import cache_state
from portal.pagecache.pages import wagtail_page_tags


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Lets the language switcher link to the page's real translation.
    request._wagtail_page = page


@hooks.register("before_serve_page")
def declare_cached_page(page, request, serve_args, serve_kwargs):
    """Tell the page cache what this page shows.

    A page behind a view restriction never reaches its content for a visitor without
    a session: Wagtail answers with a redirect to the login (never stored) or the
    password form (the same for every such visitor).
    """
    state = cache_state(request)
    if state is not None:
        state.depend(*wagtail_page_tags(page))


@hooks.register("register_account_menu_item")
def change_password_item(request):
    """Passwords are changed on allauth's page (rate-limited), not in the admin."""
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Change the password you sign in with, on the portal's account pages."),
    }

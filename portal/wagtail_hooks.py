from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Lets the language switcher link to the page's real translation.
    request._wagtail_page = page


@hooks.register("before_serve_page")
def declare_cached_page(page, request, serve_args, serve_kwargs):
    """Tell the page cache what this page shows; pages behind a view restriction
    (login, password, groups) are never stored."""
    from .pagecache.middleware import cache_state
    from .pagecache.pages import wagtail_page_tags

    state = cache_state(request)
    if state is None or page.get_view_restrictions().exists():
        return
    state.depend(*wagtail_page_tags(page))

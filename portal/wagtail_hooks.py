from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Lets the language switcher link to the page's real translation.
    request._wagtail_page = page

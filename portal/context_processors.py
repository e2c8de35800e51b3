from portal.navigation import language_links, main_navigation, site_settings


def site_chrome(request):
    """Navigation and language links every page's header and footer need."""
    return {
        "main_nav": main_navigation(request),
        "language_links": language_links(request),
        "site_settings": site_settings(request),
    }

"""Which data a Wagtail page shows, for the page cache."""

from wagtail.fields import StreamValue

# Every page shows the navigation and footer, which come from pages and site settings.
SITE = "pages"


def _has_block(raw, block_type: str) -> bool:
    if isinstance(raw, dict):
        return raw.get("type") == block_type or any(_has_block(v, block_type) for v in raw.values())
    if isinstance(raw, list | tuple):
        return any(_has_block(item, block_type) for item in raw)
    return False


def wagtail_page_tags(page) -> list[str]:
    """``SITE``, the page type's own ``cache_tags``, and "figures" when its body has a
    live figure (a number counted from approved hours or reports)."""
    tags = [SITE, *getattr(page, "cache_tags", ())]
    body = getattr(page, "body", None)
    if isinstance(body, StreamValue) and _has_block(list(body.raw_data), "live_figure"):
        tags.append("figures")
    return tags
